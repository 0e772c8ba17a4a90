/**
 * The local page's Home tab and modals. In the Lights Out DM, tabs "Home" and "Messages" switch between the
 * conversation and the Home view the app published (opening Home sends Slack's signed app_home_opened). Home
 * buttons are signed block_actions from the home view; a modal the app opens for this person is shown as an
 * overlay with the same fields (modal.js), submitted as the signed view_submission. All text goes through
 * the page's Block Kit renderer (textContent only).
 */

import { modalBox } from './modal.js';

const STORAGE = 'lights-out-local:tab';

/** `page`: { renderBlock, renderText, api, refresh, me, data, isDm, showStatus } from page.js. */
export function installHome(page) {
  const state = { tab: readTab(), shownModal: undefined, openedFor: undefined };
  const $ = (id) => document.getElementById(id);

  const tabs = el('div', 'home-tabs');
  tabs.setAttribute('role', 'tablist');
  const homeTab = tabButton('Home', 'home');
  const messagesTab = tabButton('Messages', 'messages');
  tabs.append(homeTab, messagesTab);
  $('messages').before(tabs);
  const homeBox = el('div', 'home');
  homeBox.id = 'home';
  homeBox.setAttribute('role', 'tabpanel');
  homeBox.setAttribute('aria-label', 'Home');
  $('messages').before(homeBox);
  const overlay = el('div', 'modal-backdrop');
  overlay.hidden = true;
  document.body.append(overlay);

  function tabButton(text, tab) {
    const button = el('button', 'home-tab', text);
    button.type = 'button';
    button.setAttribute('role', 'tab');
    button.dataset.tab = tab;
    button.addEventListener('click', () => choose(tab));
    return button;
  }

  function choose(tab) {
    state.tab = tab;
    try {
      localStorage.setItem(STORAGE, tab);
    } catch {
      // private mode: the choice is not remembered
    }
    state.openedFor = undefined;
    render();
  }

  /** Slack sends app_home_opened every time the person opens the tab; the app then publishes their Home. */
  async function open(user) {
    state.openedFor = user;
    try {
      await page.api('/local/api/home/open', { as: user });
    } catch (error) {
      page.showStatus(error.message);
    }
  }

  function render() {
    const data = page.data();
    if (!data) return;
    const onHome = page.isDm() && state.tab === 'home';
    tabs.hidden = !page.isDm();
    homeTab.setAttribute('aria-selected', String(onHome));
    messagesTab.setAttribute('aria-selected', String(page.isDm() && !onHome));
    homeBox.hidden = !onHome;
    $('messages').hidden = onHome;
    $('composer').hidden = onHome;
    $('nudge-now').hidden = onHome;
    // Opening the tab (or switching person on it) is what makes Slack send app_home_opened.
    if (onHome && state.openedFor !== page.me()) void open(page.me());
    if (onHome) renderHome(data.home);
    renderModal(data.modals ?? []);
  }

  function renderHome(home) {
    homeBox.replaceChildren();
    if (!home) {
      homeBox.append(el('p', 'empty', 'Opening your Home tab…'));
      return;
    }
    for (const block of home.view.blocks ?? []) homeBox.append(homeBlock(block));
  }

  function homeBlock(block) {
    if (block.type === 'image' && block.slack_file?.id) {
      const image = el('img', 'block home-image');
      image.src = `/local/api/home-files/${encodeURIComponent(block.slack_file.id)}?as=${encodeURIComponent(page.me())}`;
      image.alt = block.alt_text ?? '';
      return image;
    }
    if (block.type === 'actions') {
      const actions = el('div', 'block actions');
      for (const element of block.elements ?? []) {
        if (element.type !== 'button') continue;
        const button = el('button', `block-button${element.style ? ` ${element.style}` : ''}`);
        button.type = 'button';
        button.dataset.actionId = element.action_id ?? '';
        button.append(page.renderText(element.text));
        button.addEventListener('click', () => press(button, element));
        actions.append(button);
      }
      return actions;
    }
    return page.renderBlock(block, { id: 'home' });
  }

  async function press(button, element) {
    button.disabled = true;
    page.showStatus('');
    try {
      await page.api('/local/api/home/action', { as: page.me(), actionId: element.action_id });
    } catch (error) {
      page.showStatus(error.message);
    } finally {
      button.disabled = false;
    }
  }

  /** The newest open modal; kept as it is while it stays open, so what the person typed survives refreshes. */
  function renderModal(modals) {
    const top = modals[modals.length - 1];
    if (!top) {
      overlay.hidden = true;
      overlay.replaceChildren();
      state.shownModal = undefined;
      return;
    }
    if (state.shownModal === top.id) return;
    state.shownModal = top.id;
    overlay.replaceChildren(modalBox(top, page));
    overlay.hidden = false;
    overlay.querySelector('input, textarea, select')?.focus();
  }

  return { render };
}

function readTab() {
  try {
    return localStorage.getItem(STORAGE) === 'home' ? 'home' : 'messages';
  } catch {
    return 'messages';
  }
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
