/**
 * The local page's workspace switcher: the Slack workspaces Lights Out is installed in, "Add to another
 * workspace" (Bolt's /slack/install, then the stand-in's consent screen, then /slack/oauth_redirect, which comes
 * back here with ?team=<id>), and "Uninstall" for an added workspace (the stand-in then sends Slack's signed
 * uninstall events). It talks to page.js through two DOM events: `lights-out:state` (page.js drew a person's
 * state) and `lights-out:switch-person` (show another person). Text goes in with textContent only.
 */
const STORAGE = 'lights-out-local';
const arrivedFor = new URLSearchParams(location.search).get('team');

const state = { current: undefined, workspaces: [], arrival: arrivedFor ?? undefined, loading: undefined };

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function remember(key, value) {
  try {
    localStorage.setItem(`${STORAGE}:${key}`, value);
  } catch {
    // private mode: nothing to remember
  }
}

function remembered(key) {
  try {
    return localStorage.getItem(`${STORAGE}:${key}`) ?? undefined;
  } catch {
    return undefined;
  }
}

function showStatus(text) {
  const status = document.getElementById('status');
  if (status) status.textContent = text;
}

/** The install starts on localhost, the address the redirect comes back to (Bolt's state cookie is per host). */
function installUrl() {
  const url = new URL('/slack/install', location.href);
  url.hostname = 'localhost';
  return url.toString();
}

function switchTo(workspace) {
  const last = remembered(`me:${workspace.id}`);
  const person = workspace.people.find((candidate) => candidate.id === last) ?? workspace.people[0];
  if (!person || person.id === state.current?.me) return;
  document.dispatchEvent(new CustomEvent('lights-out:switch-person', { detail: { user: person.id } }));
}

const box = el('nav', 'workspaces');
box.id = 'workspaces';
box.setAttribute('aria-label', 'Workspaces');
document.querySelector('.workspace-name')?.after(box);

function render() {
  const team = state.current?.team;
  const name = document.querySelector('.workspace-name');
  if (team && name?.firstChild?.nodeType === Node.TEXT_NODE) name.firstChild.textContent = `${team.name} `;
  box.replaceChildren(el('div', 'section-title', 'Workspaces'));
  for (const workspace of state.workspaces) {
    const button = el('button', 'workspace');
    button.type = 'button';
    button.dataset.team = workspace.id;
    button.setAttribute('aria-pressed', String(workspace.id === team?.id));
    button.append(el('span', 'workspace-initial', workspace.name.slice(0, 1)), el('span', 'label', workspace.name));
    button.addEventListener('click', () => switchTo(workspace));
    box.append(button);
  }
  const add = el('a', 'add-workspace', 'Add to another workspace');
  add.id = 'add-workspace';
  add.href = installUrl();
  box.append(add);
  const current = state.workspaces.find((workspace) => workspace.id === team?.id);
  if (current?.removable) {
    const uninstall = el('button', 'uninstall-workspace', `Uninstall from ${current.name}`);
    uninstall.type = 'button';
    uninstall.id = 'uninstall-workspace';
    uninstall.addEventListener('click', () => void remove(current, uninstall));
    box.append(uninstall);
  }
}

async function load() {
  const res = await fetch('/local/api/workspaces');
  const answer = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(answer.error ?? `The workspace answered ${res.status}.`);
  state.workspaces = answer.workspaces;
  render();
  // Back from the consent screen: open the workspace that was just installed.
  if (state.arrival) {
    const arrived = state.workspaces.find((workspace) => workspace.id === state.arrival);
    state.arrival = undefined;
    history.replaceState(null, '', '/');
    if (arrived) switchTo(arrived);
  }
}

async function remove(workspace, button) {
  const question = `Uninstall Lights Out from ${workspace.name}? Slack tells Lights Out, and it deletes everything it holds of ${workspace.name}: hours, nudges and settings.`;
  if (!window.confirm(question)) return;
  button.disabled = true;
  // Off to the built-in workspace first: the page never asks for a person whose workspace is being removed.
  const home = state.workspaces.find((candidate) => !candidate.removable);
  if (home) switchTo(home);
  showStatus(`Uninstalling Lights Out from ${workspace.name}…`);
  try {
    const res = await fetch('/local/api/uninstall', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ team: workspace.id }),
    });
    const answer = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(answer.error ?? `The workspace answered ${res.status}.`);
    state.workspaces = answer.workspaces;
    render();
    showStatus(`Lights Out was uninstalled from ${workspace.name}, and its data deleted.`);
  } catch (error) {
    showStatus(error.message);
    button.disabled = false;
  }
}

document.addEventListener('lights-out:state', (event) => {
  state.current = event.detail;
  if (state.current?.team) remember(`me:${state.current.team.id}`, state.current.me);
  render();
  // One list request at a time; the state changes with every message, the list only on install and uninstall.
  state.loading ??= load()
    .catch((error) => showStatus(error.message))
    .finally(() => {
      state.loading = undefined;
    });
});
