/**
 * The local workspace page: a small Slack-like client for the built-in stand-in. It reads what the current
 * person may see from /local/api/state, refetches when /local/api/events says something changed, and sends
 * what is typed or pressed to the workspace API, which signs it and hands it to the bot as Slack would.
 * Every piece of message text is rendered with textContent (see mrkdwn.js), never as HTML.
 */
import { installHome } from './home.js';
import { renderMrkdwn, renderPlainText } from './mrkdwn.js';

const $ = (id) => document.getElementById(id);
const STORAGE = 'lights-out-local';
const FIRST_PERSON = 'U0ADA';

const view = {
  data: undefined,
  me: remembered('me') ?? FIRST_PERSON,
  conversation: remembered('conversation') === 'dm' ? 'dm' : 'channel',
  fetching: false,
  stale: false,
  hintIndex: 0,
};

function remembered(key) {
  try {
    return localStorage.getItem(`${STORAGE}:${key}`) ?? undefined;
  } catch {
    return undefined;
  }
}

function remember(key, value) {
  try {
    localStorage.setItem(`${STORAGE}:${key}`, value);
  } catch {
    // private mode: the page still works, it just forgets on reload
  }
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function showStatus(text) {
  $('status').textContent = text;
}

async function api(path, body) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(answer.error ?? `The workspace answered ${res.status}.`);
  return answer;
}

async function refresh() {
  if (view.fetching) {
    view.stale = true;
    return;
  }
  view.fetching = true;
  try {
    do {
      view.stale = false;
      const res = await fetch(`/local/api/state?as=${encodeURIComponent(view.me)}`);
      const data = await res.json();
      // A person of a workspace that was uninstalled meanwhile: back to the built-in workspace.
      if (res.status === 404 && view.me !== FIRST_PERSON) {
        view.me = FIRST_PERSON;
        remember('me', FIRST_PERSON);
        view.stale = true;
        continue;
      }
      if (!res.ok) throw new Error(data.error ?? `The workspace answered ${res.status}.`);
      view.data = data;
      render();
      // The workspace switcher (install.js) follows what is drawn.
      document.dispatchEvent(new CustomEvent('lights-out:state', { detail: data }));
    } while (view.stale);
  } catch (error) {
    showStatus(`Cannot reach Lights Out: ${error.message}`);
  } finally {
    view.fetching = false;
  }
}

function me() {
  return view.data.people.find((person) => person.id === view.me) ?? view.data.people[0];
}

function currentConversation() {
  const kind = view.conversation === 'dm' ? 'im' : 'channel';
  return view.data.conversations.find((conversation) => conversation.kind === kind);
}

function names() {
  const { users, conversations } = view.data;
  return {
    user: (id) => users[id]?.name,
    channel: (id) => conversations.find((conversation) => conversation.id === id)?.name,
  };
}

function clock(date, zone, options) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, ...options }).format(date);
}

let home;

function render() {
  renderPeople();
  renderHeader();
  renderMessages();
  home?.render();
}

function renderPeople() {
  const box = $('people');
  box.replaceChildren();
  for (const person of view.data.people) {
    const button = el('button', 'person');
    button.type = 'button';
    button.dataset.user = person.id;
    button.setAttribute('aria-pressed', String(person.id === view.me));
    const avatar = el('span', 'avatar', person.realName.slice(0, 1));
    const label = el('span', 'label', person.realName);
    label.append(el('span', 'where', `${person.place} · ${clock(new Date(), person.tz, { timeStyle: 'short' })}`));
    button.append(avatar, label);
    button.addEventListener('click', () => switchPerson(person.id));
    box.append(button);
  }
}

function renderHeader() {
  const conversation = currentConversation();
  const channel = view.data.conversations.find((candidate) => candidate.kind === 'channel');
  $('channel-name').textContent = channel.name;
  $('open-channel').setAttribute('aria-current', String(view.conversation === 'channel'));
  $('open-dm').setAttribute('aria-current', String(view.conversation === 'dm'));
  const person = me();
  if (view.conversation === 'dm') {
    $('title').textContent = 'Lights Out';
    $('subtitle').textContent = `Your direct messages with the bot, ${person.realName} — personal nudges arrive here`;
    $('nudge-now').textContent = 'Send my nudge now';
    $('input').placeholder = 'Message Lights Out — try /nudge me on 23:00';
  } else {
    $('title').textContent = `#${conversation.name}`;
    $('subtitle').textContent = `${view.data.people.length} people · you are ${person.realName} (${person.tz})`;
    $('nudge-now').textContent = "Send tonight's nudge now";
    $('input').placeholder = `Message #${conversation.name} — try /hours log 8 yesterday`;
  }
}

function renderMessages() {
  const box = $('messages');
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  const conversation = currentConversation();
  const messages = view.data.messages.filter((message) => message.channel === conversation.id);
  box.replaceChildren();
  if (messages.length === 0) {
    box.append(
      el(
        'p',
        'empty',
        view.conversation === 'dm'
          ? 'No direct messages yet. Turn on your personal nudge with /nudge me on, then press "Send my nudge now".'
          : 'Nothing here yet. Type / to see the commands, or try /quote batson.',
      ),
    );
    return;
  }
  const zone = me().tz;
  let lastDay;
  for (const message of messages) {
    const at = new Date(Number.parseFloat(message.ts) * 1000);
    const day = clock(at, zone, { weekday: 'long', day: 'numeric', month: 'long' });
    if (day !== lastDay) {
      box.append(el('div', 'day', day));
      lastDay = day;
    }
    box.append(renderMessage(message, at, zone));
  }
  if (atBottom || view.scrollToEnd) box.scrollTop = box.scrollHeight;
  view.scrollToEnd = false;
}

function renderMessage(message, at, zone) {
  const { users } = view.data;
  const author = users[message.author];
  const isBot = Boolean(author?.bot);
  const isSlack = message.via === 'slack';
  const row = el('article', `message${message.visibleTo ? ' ephemeral' : ''}`);
  row.dataset.id = message.id;
  row.dataset.author = message.author;
  const name = isSlack ? 'Slackbot' : (author?.name ?? message.author);
  row.append(el('div', `avatar${isBot ? ' bot' : ''}${isSlack ? ' slack' : ''}`, isBot ? '☾' : name.slice(0, 1)));
  const body = el('div', 'message-body');
  const meta = el('div', 'meta');
  meta.append(el('span', 'author', name));
  if (isBot) meta.append(el('span', 'badge', 'APP'));
  const time = el('time', undefined, clock(at, zone, { hour: '2-digit', minute: '2-digit' }));
  time.dateTime = at.toISOString();
  time.title = clock(at, zone, { dateStyle: 'full', timeStyle: 'long' });
  meta.append(time);
  if (message.edited) meta.append(el('span', 'edited', '(edited)'));
  body.append(meta);
  if (message.visibleTo) body.append(el('div', 'only-you', 'Only visible to you'));
  if (message.command) {
    const used = el('div', 'used-command', `${users[message.command.user]?.name ?? message.command.user} used `);
    used.append(el('code', undefined, message.command.text));
    body.append(used);
  }
  const content = el('div', 'content');
  if (Array.isArray(message.blocks) && message.blocks.length > 0) {
    for (const block of message.blocks) content.append(renderBlock(block, message));
  } else if (typeof message.text === 'string') {
    content.append(renderMrkdwn(document, message.text, names()));
  }
  if (Array.isArray(message.files)) {
    for (const file of message.files) content.append(renderFile(file));
  }
  body.append(content);
  row.append(body);
  return row;
}

/** "812 B", "14.2 KB", "3.1 MB". */
function formatSize(bytes) {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** A shared file: its name and size, and a download link the workspace serves to this person only. */
function renderFile(file) {
  const card = el('div', 'file');
  card.append(el('span', 'file-icon', '📄'));
  const about = el('div', 'file-about');
  about.append(el('div', 'file-name', String(file.name)));
  about.append(el('div', 'file-size', `${formatSize(Number(file.size))} · ${String(file.title)}`));
  card.append(about);
  const link = el('a', 'file-download', 'Download');
  link.href = `/local/api/files/${encodeURIComponent(file.id)}?as=${encodeURIComponent(view.me)}`;
  link.download = String(file.name);
  card.append(link);
  return card;
}

function renderText(object) {
  if (!object || typeof object.text !== 'string') return document.createTextNode('');
  return object.type === 'plain_text'
    ? renderPlainText(document, object.text, object.emoji !== false)
    : renderMrkdwn(document, object.text, names());
}

function renderBlock(block, message) {
  switch (block?.type) {
    case 'section': {
      const section = el('div', 'block section');
      const main = el('div', 'section-main');
      if (block.text) main.append(renderText(block.text));
      if (Array.isArray(block.fields)) {
        const fields = el('div', 'fields');
        for (const field of block.fields) {
          const cell = el('div', 'field');
          cell.append(renderText(field));
          fields.append(cell);
        }
        main.append(fields);
      }
      section.append(main);
      if (block.accessory) section.append(renderElement(block.accessory, message));
      return section;
    }
    case 'context': {
      const context = el('div', 'block context');
      for (const element of block.elements ?? []) {
        const part = el('span', 'context-element');
        if (element.type === 'image') part.textContent = element.alt_text ? `[${element.alt_text}]` : '';
        else part.append(renderText(element));
        context.append(part);
      }
      return context;
    }
    case 'divider':
      return el('hr', 'divider');
    case 'header': {
      const header = el('div', 'block header-block');
      header.append(renderText(block.text));
      return header;
    }
    case 'actions': {
      const actions = el('div', 'block actions');
      for (const element of block.elements ?? []) actions.append(renderElement(element, message));
      return actions;
    }
    case 'image':
      return el('div', 'block unsupported', `[image: ${block.alt_text ?? ''}]`);
    case 'rich_text':
      return el('div', 'block line', richText(block.elements ?? []));
    default:
      return el('div', 'block unsupported', `[${block?.type ?? 'unknown'} block]`);
  }
}

function richText(elements) {
  return elements
    .map((element) => {
      if (typeof element.text === 'string') return element.text;
      if (Array.isArray(element.elements)) return richText(element.elements);
      if (element.type === 'emoji') return `:${element.name}:`;
      return '';
    })
    .join('');
}

function renderElement(element, message) {
  if (element.type === 'button') {
    const button = el('button', `block-button${element.style ? ` ${element.style}` : ''}`);
    button.type = 'button';
    button.dataset.actionId = element.action_id ?? '';
    button.append(renderText(element.text));
    button.addEventListener('click', () => press(button, element, message));
    return button;
  }
  if (element.type === 'image') return el('span', 'unsupported', element.alt_text ? `[${element.alt_text}]` : '');
  return el('span', 'unsupported', `[${element.type ?? 'element'}]`);
}

async function press(button, element, message) {
  if (element.confirm) {
    const question = [element.confirm.title?.text, element.confirm.text?.text].filter(Boolean).join('\n\n');
    if (!window.confirm(question || 'Are you sure?')) return;
  }
  if (typeof element.url === 'string' && /^https?:\/\//i.test(element.url)) {
    window.open(element.url, '_blank', 'noopener,noreferrer');
  }
  button.disabled = true;
  showStatus('');
  try {
    await api('/local/api/action', { as: view.me, message: message.id, actionId: element.action_id });
  } catch (error) {
    showStatus(error.message);
  } finally {
    button.disabled = false;
  }
}

async function send(event) {
  event.preventDefault();
  const input = $('input');
  const text = input.value.trim();
  if (!text) return;
  hideHints();
  $('send').disabled = true;
  showStatus('');
  try {
    await api('/local/api/command', { as: view.me, channel: currentConversation().id, text });
    input.value = '';
    view.scrollToEnd = true;
    await refresh();
  } catch (error) {
    showStatus(error.message);
  } finally {
    $('send').disabled = false;
    input.focus();
  }
}

async function nudgeNow() {
  const button = $('nudge-now');
  button.disabled = true;
  showStatus('');
  try {
    const target =
      view.conversation === 'dm'
        ? { target: 'me', as: view.me }
        : { target: 'channel', as: view.me, channel: currentConversation().id };
    await api('/local/api/nudge', target);
    view.scrollToEnd = true;
    await refresh();
  } catch (error) {
    showStatus(error.message);
  } finally {
    button.disabled = false;
  }
}

function matchingCommands() {
  const value = $('input').value;
  if (!view.data || !value.startsWith('/') || /\s/.test(value)) return [];
  return view.data.commands.filter((command) => command.command.startsWith(value.toLowerCase()));
}

function showHints() {
  const hints = $('hints');
  const matches = matchingCommands();
  if (matches.length === 0) {
    hideHints();
    return;
  }
  view.hintIndex = Math.min(view.hintIndex, matches.length - 1);
  hints.replaceChildren();
  matches.forEach((command, index) => {
    const item = el('div', 'hint');
    item.setAttribute('role', 'option');
    item.setAttribute('aria-selected', String(index === view.hintIndex));
    item.append(el('span', 'hint-command', command.command), el('span', 'hint-usage', command.usageHint));
    item.append(el('span', 'hint-description', command.description));
    item.addEventListener('mousedown', (event) => {
      event.preventDefault();
      choose(command);
    });
    hints.append(item);
  });
  hints.hidden = false;
}

function hideHints() {
  $('hints').hidden = true;
  view.hintIndex = 0;
}

function choose(command) {
  const input = $('input');
  input.value = `${command.command} `;
  hideHints();
  input.focus();
}

function onKey(event) {
  const matches = $('hints').hidden ? [] : matchingCommands();
  if (matches.length > 0 && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
    event.preventDefault();
    const step = event.key === 'ArrowDown' ? 1 : -1;
    view.hintIndex = (view.hintIndex + step + matches.length) % matches.length;
    showHints();
    return;
  }
  const chosen = matches[view.hintIndex] ?? matches[0];
  const complete = chosen && $('input').value.trim().toLowerCase() !== chosen.command;
  // Tab or Enter completes a half-typed command; Enter on a whole one (`/fact`) sends it.
  if (chosen && (event.key === 'Tab' || (event.key === 'Enter' && !event.shiftKey && complete))) {
    event.preventDefault();
    choose(chosen);
    return;
  }
  if (event.key === 'Escape') hideHints();
  if (event.key === 'Enter' && !event.shiftKey) {
    $('composer').requestSubmit();
    event.preventDefault();
  }
}

function switchPerson(id) {
  view.me = id;
  remember('me', id);
  view.scrollToEnd = true;
  void refresh();
}

function switchConversation(kind) {
  view.conversation = kind;
  remember('conversation', kind);
  view.scrollToEnd = true;
  if (view.data) render();
}

function start() {
  home = installHome({
    renderBlock,
    renderText,
    api,
    showStatus,
    me: () => view.me,
    data: () => view.data,
    isDm: () => view.conversation === 'dm',
  });
  $('composer').addEventListener('submit', send);
  $('input').addEventListener('keydown', onKey);
  $('input').addEventListener('input', showHints);
  $('input').addEventListener('blur', hideHints);
  $('nudge-now').addEventListener('click', nudgeNow);
  $('open-channel').addEventListener('click', () => switchConversation('channel'));
  $('open-dm').addEventListener('click', () => switchConversation('dm'));
  document.addEventListener('lights-out:switch-person', (event) => switchPerson(event.detail.user));
  const events = new EventSource('/local/api/events');
  events.addEventListener('message', () => void refresh());
  events.addEventListener('error', () => showStatus('Lost the connection to Lights Out; retrying…'));
  events.addEventListener('open', () => showStatus(''));
  // Keep the people's local clocks current.
  setInterval(() => view.data && renderPeople(), 30_000);
  view.scrollToEnd = true;
  void refresh();
}

start();
