/**
 * A modal the app opened, as an overlay on the local page: the view's blocks with a control for each input
 * element (text, date, time, select with option groups, radio buttons, checkboxes), Cancel and Submit. Submit
 * sends the fields' state as Slack does in view_submission; errors come back and are shown under their fields.
 */

export function modalBox(opened, page) {
  const { view } = opened;
  const box = el('form', 'modal');
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-modal', 'true');
  box.setAttribute('aria-label', view.title?.text ?? 'Form');
  box.noValidate = true;
  const head = el('div', 'modal-title');
  head.append(page.renderText(view.title));
  box.append(head);
  const body = el('div', 'modal-body');
  for (const block of view.blocks ?? []) {
    body.append(block.type === 'input' ? field(block) : page.renderBlock(block, { id: opened.id }));
  }
  box.append(body);
  const foot = el('div', 'modal-actions');
  const cancel = el('button', 'block-button', view.close?.text ?? 'Cancel');
  cancel.type = 'button';
  cancel.addEventListener('click', () => close(page, opened.id));
  const submit = el('button', 'block-button primary', view.submit?.text ?? 'Submit');
  submit.type = 'submit';
  foot.append(cancel, submit);
  box.append(foot);
  box.addEventListener('submit', (event) => {
    event.preventDefault();
    void send(page, opened, box, submit);
  });
  return box;
}

async function close(page, id) {
  try {
    await page.api('/local/api/view/close', { as: page.me(), view: id });
  } catch (error) {
    page.showStatus(error.message);
  }
}

async function send(page, opened, box, submit) {
  submit.disabled = true;
  for (const error of box.querySelectorAll('.modal-error')) error.textContent = '';
  try {
    const answer = await page.api('/local/api/view/submit', {
      as: page.me(),
      view: opened.id,
      values: readValues(opened.view, box),
    });
    if (!answer.ok) page.showStatus(`That form did not go through: Lights Out answered "${answer.error}".`);
    for (const [blockId, text] of Object.entries(answer.errors ?? {})) {
      const holder = box.querySelector(`.modal-error[data-block-id="${CSS.escape(blockId)}"]`);
      if (holder) holder.textContent = String(text);
    }
  } catch (error) {
    page.showStatus(error.message);
  } finally {
    submit.disabled = false;
  }
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

let fieldSequence = 0;

/** One input block: its label, the control for its element, the hint, and a place for the error under it. */
function field(block) {
  const wrap = el('div', 'modal-field');
  wrap.dataset.blockId = block.block_id ?? '';
  const id = `field-${++fieldSequence}`;
  const label = el('label', 'modal-label', block.label?.text ?? '');
  label.htmlFor = id;
  if (block.optional) label.append(el('span', 'modal-optional', ' (optional)'));
  wrap.append(label, control(block.element ?? {}, id));
  if (block.hint?.text) wrap.append(el('div', 'modal-hint', block.hint.text));
  const error = el('div', 'modal-error');
  error.dataset.blockId = block.block_id ?? '';
  error.setAttribute('role', 'alert');
  wrap.append(error);
  return wrap;
}

function option(item, selected) {
  const node = el('option', undefined, item.text?.text ?? item.value);
  node.value = item.value;
  node.selected = selected?.value === item.value;
  return node;
}

function control(element, id) {
  switch (element.type) {
    case 'plain_text_input': {
      const input = el(element.multiline ? 'textarea' : 'input', 'modal-input');
      input.id = id;
      if (element.max_length) input.maxLength = element.max_length;
      input.value = element.initial_value ?? '';
      if (element.placeholder?.text) input.placeholder = element.placeholder.text;
      return input;
    }
    case 'datepicker':
    case 'timepicker': {
      const input = el('input', 'modal-input');
      input.id = id;
      input.type = element.type === 'datepicker' ? 'date' : 'time';
      input.value = element.initial_date ?? element.initial_time ?? '';
      return input;
    }
    case 'static_select': {
      const select = el('select', 'modal-input');
      select.id = id;
      const initial = element.initial_option;
      if (!initial) select.append(option({ value: '', text: { text: 'Choose…' } }));
      for (const group of element.option_groups ?? []) {
        const node = el('optgroup');
        node.label = group.label?.text ?? '';
        for (const item of group.options ?? []) node.append(option(item, initial));
        select.append(node);
      }
      for (const item of element.options ?? []) select.append(option(item, initial));
      return select;
    }
    case 'radio_buttons':
    case 'checkboxes': {
      const set = el('div', 'modal-choices');
      set.id = id;
      const chosen = new Set(
        [element.initial_option, ...(element.initial_options ?? [])].filter(Boolean).map((item) => item.value),
      );
      for (const item of element.options ?? []) {
        const row = el('label', 'modal-choice');
        const input = el('input');
        input.type = element.type === 'radio_buttons' ? 'radio' : 'checkbox';
        input.name = id;
        input.value = item.value;
        input.checked = chosen.has(item.value);
        row.append(input, document.createTextNode(` ${item.text?.text ?? item.value}`));
        set.append(row);
      }
      return set;
    }
    default:
      return el('div', 'unsupported', `[${element.type ?? 'element'}]`);
  }
}

/** The fields' state as Slack sends it in view_submission: by block id, then action id. */
function readValues(view, box) {
  const values = {};
  for (const block of view.blocks ?? []) {
    if (block.type !== 'input' || !block.element) continue;
    const wrap = box.querySelector(`.modal-field[data-block-id="${CSS.escape(block.block_id ?? '')}"]`);
    if (!wrap) continue;
    const element = block.element;
    const actionId = element.action_id ?? '';
    const input = wrap.querySelector('.modal-input');
    const picked = [...wrap.querySelectorAll('input:checked')].map((node) => ({ value: node.value }));
    let state;
    switch (element.type) {
      case 'plain_text_input':
        state = input.value;
        break;
      case 'datepicker':
        state = { type: 'datepicker', selected_date: input.value || null };
        break;
      case 'timepicker':
        state = { type: 'timepicker', selected_time: input.value || null };
        break;
      case 'static_select':
        state = { type: 'static_select', selected_option: input.value ? { value: input.value } : null };
        break;
      case 'radio_buttons':
        state = { type: 'radio_buttons', selected_option: picked[0] ?? null };
        break;
      case 'checkboxes':
        state = { type: 'checkboxes', selected_options: picked };
        break;
      default:
        continue;
    }
    values[block.block_id ?? ''] = { [actionId]: state };
  }
  return values;
}
