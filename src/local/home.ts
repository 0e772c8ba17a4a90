import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { sendJson } from '../server.js';
import { appHomeOpenedBody, blockActionsBody, type ViewStateValue, viewSubmissionBody } from '../slack/protocol.js';
import type { FakeSlack } from './fake-slack.js';
import { findButton, type LocalWorkspace, parse, readJson, WorkspaceError } from './workspace.js';

/**
 * The local page's Home tab and modals: what the person's Home shows (the view the app last published), the
 * modals open for them, a press on a Home button (a signed block_actions from the home view, as Slack sends it)
 * and a modal submission (a signed view_submission); the answer decides whether the modal closes or shows
 * errors under its fields. Files an image block refers to are served to the person whose Home shows them.
 */

export function homeState(fake: FakeSlack, user: string) {
  const home = fake.homes.get(user);
  return {
    home: home ? { id: home.id, view: home.view } : undefined,
    modals: fake.openViewsFor(user).map((opened) => ({ id: opened.id, view: opened.view })),
  };
}

const userId = z.string().regex(/^[UW][A-Z0-9]+$/);
const stateValue = z.union([z.string().max(4000), z.object({ type: z.string().max(40) }).catchall(z.unknown())]);
const pressRequest = z.object({ as: userId, actionId: z.string().min(1).max(255) });
const submitRequest = z.object({
  as: userId,
  view: z.string().min(1).max(40),
  values: z.record(z.string().max(255), z.record(z.string().max(255), stateValue)),
});
const closeRequest = z.object({ as: userId, view: z.string().min(1).max(40) });

function knownPerson(workspace: LocalWorkspace, user: string): void {
  if (!workspace.people.some((person) => person.id === user))
    throw new WorkspaceError(404, `There is no person ${user} in the local workspace.`);
}

/** The person opened the Home tab: Slack's `app_home_opened` event, signed, as JSON. */
export async function openHome(workspace: LocalWorkspace, user: string): Promise<{ ok: boolean }> {
  knownPerson(workspace, user);
  const body = appHomeOpenedBody({ userId: user, teamId: workspace.teamId });
  const sent = await workspace.send(body, 'application/json');
  return { ok: sent.ok };
}

/** A press on a button of the person's Home tab. */
export async function pressHome(workspace: LocalWorkspace, user: string, actionId: string): Promise<{ ok: boolean }> {
  knownPerson(workspace, user);
  const { fake } = workspace;
  const home = fake.homes.get(user);
  const button = findButton((home?.view.blocks as unknown[] | undefined) ?? [], actionId);
  if (!home || !button) throw new WorkspaceError(404, 'Your Home tab has no such button.');
  // The reply context names the presser in the trigger id, so a modal the app opens is shown to them.
  const reply = fake.replyUrl({ channel: fake.dmId(user), user });
  const body = blockActionsBody({
    actionId: button.actionId,
    ...(button.value !== undefined ? { value: button.value } : {}),
    ...(button.blockId !== undefined ? { blockId: button.blockId } : {}),
    teamId: workspace.teamId,
    userId: user,
    responseUrl: reply.url,
    view: { id: home.id, type: 'home' },
  });
  const sent = await workspace.send(body);
  return { ok: sent.ok };
}

export type SubmitOutcome =
  | { ok: true; closed: boolean; errors?: Record<string, string> }
  | { ok: false; error: string };

/** Submits an open modal with the page's field values; errors keep it open, anything else closes it. */
export async function submitModal(
  workspace: LocalWorkspace,
  user: string,
  viewId: string,
  values: Record<string, Record<string, string | ViewStateValue>>,
): Promise<SubmitOutcome> {
  knownPerson(workspace, user);
  const { fake } = workspace;
  const opened = fake.openViewsFor(user).find((candidate) => candidate.id === viewId);
  if (!opened) throw new WorkspaceError(404, 'That form is closed.');
  const body = viewSubmissionBody({
    callbackId: String(opened.view.callback_id ?? ''),
    privateMetadata: typeof opened.view.private_metadata === 'string' ? opened.view.private_metadata : '',
    values,
    viewId,
    teamId: workspace.teamId,
    userId: user,
  });
  const sent = await workspace.send(body);
  if (!sent.ok) return { ok: false, error: sent.error };
  const answer = sent.body ?? {};
  if (answer.response_action === 'errors' && typeof answer.errors === 'object' && answer.errors !== null) {
    return { ok: true, closed: false, errors: answer.errors as Record<string, string> };
  }
  fake.closeView(viewId);
  return { ok: true, closed: true };
}

/** An uploaded file that the person's Home shows in an image block (the chart). */
function homeFile(fake: FakeSlack, user: string, fileId: string) {
  const blocks = (fake.homes.get(user)?.view.blocks as Array<{ type?: string; slack_file?: { id?: string } }>) ?? [];
  const shown = blocks.some((block) => block.type === 'image' && block.slack_file?.id === fileId);
  return shown ? fake.files.find((file) => file.id === fileId) : undefined;
}

/** The workspace API for Home and modals; false when `path` is not one of its routes. */
export async function homeApi(
  workspaceOf: (user: string) => LocalWorkspace,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  if (req.method === 'GET' && path.startsWith('/local/api/home-files/')) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const user = url.searchParams.get('as') ?? '';
    const workspace = workspaceOf(user);
    knownPerson(workspace, user);
    const file = homeFile(workspace.fake, user, decodeURIComponent(path.slice('/local/api/home-files/'.length)));
    if (!file) throw new WorkspaceError(404, 'Your Home tab shows no such file.');
    const type = file.filename.endsWith('.png') ? 'image/png' : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'content-length': file.content.length, 'cache-control': 'no-store' });
    res.end(file.content);
    return true;
  }
  if (req.method !== 'POST') return false;
  if (path === '/local/api/home/open') {
    const { as } = parse(closeRequest.pick({ as: true }), await readJson(req));
    sendJson(res, 200, await openHome(workspaceOf(as), as));
    return true;
  }
  if (path === '/local/api/home/action') {
    const { as, actionId } = parse(pressRequest, await readJson(req));
    sendJson(res, 200, await pressHome(workspaceOf(as), as, actionId));
    return true;
  }
  if (path === '/local/api/view/submit') {
    const { as, view, values } = parse(submitRequest, await readJson(req));
    sendJson(
      res,
      200,
      await submitModal(workspaceOf(as), as, view, values as Record<string, Record<string, string | ViewStateValue>>),
    );
    return true;
  }
  if (path === '/local/api/view/close') {
    const { as, view } = parse(closeRequest, await readJson(req));
    const workspace = workspaceOf(as);
    knownPerson(workspace, as);
    if (!workspace.fake.openViewsFor(as).some((opened) => opened.id === view))
      throw new WorkspaceError(404, 'That form is closed.');
    workspace.fake.closeView(view);
    sendJson(res, 200, { ok: true });
    return true;
  }
  return false;
}
