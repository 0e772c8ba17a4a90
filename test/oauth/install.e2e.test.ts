import { describe, expect, it } from 'vitest';
import { signedHeaders, slashCommandBody } from '../../src/slack/protocol.js';
import { SIGNING_SECRET } from '../helpers/build.js';
import { buildOAuth, type OAuthHarness } from './harness.js';

/** The workspace whose token made each call to `method`. */
const teamsCalling = (app: OAuthHarness, method: string) =>
  app.fake.callsTo(method).map((call) => (call.token ? app.oauth.tokens.get(call.token)?.workspace.teamId : undefined));

async function answerOf(result: Awaited<ReturnType<OAuthHarness['command']>>): Promise<string> {
  expect(result.status).toBe(200);
  return JSON.stringify(result.ack && Object.keys(result.ack).length > 0 ? result.ack : (await result.response()).body);
}

describe('OAuth install flow (fake Slack, really signed)', () => {
  it('installs a workspace, and every command is answered with that workspace’s own token', async () => {
    const app = await buildOAuth();
    app.oauth.addWorkspace({ teamId: 'T0AAA', name: 'Alpha Lab' });
    app.fake.addUser({ id: 'U1', name: 'ada', tz: 'Europe/London' });
    const page = await app.install('T0AAA');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Lights Out is ready in Alpha Lab');
    const stored = await app.store.installations.get('T0AAA');
    expect(stored).toMatchObject({ teamId: 'T0AAA', isEnterpriseInstall: false });
    expect(stored?.sealed).not.toContain('xoxb');

    const as = { teamId: 'T0AAA', userId: 'U1' };
    // Yesterday, on this real clock: today may hold only minutes yet (the work day starts at 05:00).
    expect(await answerOf(await app.command('/hours', 'log 3 yesterday', as))).toContain('3');
    expect(await answerOf(await app.command('/hours', 'day yesterday', as))).toMatch(/3/);
    expect(await answerOf(await app.command('/quote', 'batson', as))).toMatch(/Batson/i);
    expect(await answerOf(await app.command('/fact', '', as))).toMatch(/\*/);
    expect(await answerOf(await app.command('/nudge', 'me on 23:00', as))).toMatch(/23:00/);
    expect(await app.store.hours.countEntries(as)).toBe(1);
    // The newcomer's zone came from users.info, called with the token issued to T0AAA.
    expect(teamsCalling(app, 'users.info')).toEqual(['T0AAA']);
  });

  it('keeps two workspaces apart: the same user id has two ledgers, nudges and settings', async () => {
    const app = await buildOAuth();
    app.oauth.addWorkspace({ teamId: 'T0AAA', name: 'Alpha Lab' });
    app.oauth.addWorkspace({ teamId: 'T0BBB', name: 'Beta Lab' });
    app.fake.addUser({ id: 'U1', name: 'ada', tz: 'Europe/London' });
    await app.install('T0AAA');
    await app.install('T0BBB');
    const inA = { teamId: 'T0AAA', userId: 'U1' };
    const inB = { teamId: 'T0BBB', userId: 'U1' };
    await answerOf(await app.command('/hours', 'log 5 yesterday', inA));
    await answerOf(await app.command('/hours', 'tz Asia/Shanghai', inA));
    await answerOf(await app.command('/nudge', 'me on 23:00', inA));
    await answerOf(await app.command('/hours', 'log 2 yesterday', inB));

    expect(await app.store.hours.countEntries(inA)).toBe(1);
    expect(await app.store.hours.countEntries(inB)).toBe(1);
    expect((await app.store.hours.allEntries(inB)).map((entry) => entry.minutes)).toEqual([120]);
    expect((await app.store.people.getPerson(inA))?.tzOverride).toBe('Asia/Shanghai');
    expect((await app.store.people.getPerson(inB))?.tzOverride ?? null).toBeNull();
    expect((await app.store.nudges.getPerson(inA))?.enabled).toBe(true);
    expect(await app.store.nudges.getPerson(inB)).toBeUndefined();
    expect(await answerOf(await app.command('/nudge', 'status', inB))).not.toMatch(/23:00/);
    // Each workspace's calls used its own token.
    expect(new Set(teamsCalling(app, 'users.info'))).toEqual(new Set(['T0AAA', 'T0BBB']));
  });

  it('shows a clear page for a cancelled install and stores nothing', async () => {
    const app = await buildOAuth();
    const { authorizeUrl, cookie } = await app.startInstall();
    expect(new URL(authorizeUrl).searchParams.get('scope')).toBe('commands,chat:write,users:read,im:write,files:write');
    const page = await app.finish(app.oauth.cancel(authorizeUrl), cookie);
    expect(page.html).toContain('Install cancelled');
    expect(await app.store.installations.list()).toEqual([]);
  });

  it('refuses a reused, forged or cross-browser state with a page saying to start again', async () => {
    const app = await buildOAuth();
    app.oauth.addWorkspace({ teamId: 'T0AAA', name: 'Alpha Lab' });
    const { authorizeUrl, cookie } = await app.startInstall();
    const redirect = app.oauth.approve(authorizeUrl, 'T0AAA');
    expect((await app.finish(redirect, cookie)).status).toBe(200);
    await app.store.installations.removeWorkspace({
      teamId: 'T0AAA',
      keys: ['T0AAA'],
      before: new Date().toISOString(),
    });

    const replay = await app.finish(app.oauth.approve(authorizeUrl, 'T0AAA'), cookie);
    expect(replay.status).toBe(400);
    expect(replay.html).toContain('This install link has expired');

    const second = await app.startInstall();
    const forgedState = `${second.cookie.split('=')[1]?.slice(0, -2)}xx`;
    const forged = new URL(app.oauth.approve(second.authorizeUrl, 'T0AAA'));
    forged.searchParams.set('state', forgedState);
    expect((await app.finish(forged.toString(), `slack-app-oauth-state=${forgedState}`)).status).toBe(400);
    // Another browser: no cookie.
    expect((await app.finish(app.oauth.approve(second.authorizeUrl, 'T0AAA'), '')).status).toBe(400);
    expect(await app.store.installations.list()).toEqual([]);
  });

  it('stores an org-wide Enterprise Grid install under the enterprise id and serves its workspaces', async () => {
    const app = await buildOAuth();
    app.oauth.addWorkspace({
      teamId: 'T0ORG1',
      name: 'Grid',
      enterprise: { id: 'E0GRID', name: 'Grid' },
      orgWide: true,
    });
    expect((await app.install('T0ORG1')).status).toBe(200);
    expect(await app.store.installations.get('E0GRID')).toMatchObject({ isEnterpriseInstall: true, teamId: null });
    const params = new URLSearchParams(
      slashCommandBody({
        command: '/hours',
        text: 'log 4',
        teamId: 'T0ORG1',
        userId: 'U7',
        responseUrl: app.fake.responseUrl('org1'),
      }),
    );
    params.set('enterprise_id', 'E0GRID');
    params.set('is_enterprise_install', 'true');
    const body = params.toString();
    const res = await app.post(body, signedHeaders(SIGNING_SECRET, body));
    expect(res.status).toBe(200);
    await res.text();
    // The newcomer's zone is looked up first (users.info with the org's token), then the answer is posted.
    expect(JSON.stringify((await app.fake.waitForResponse('org1')).body)).toContain('4');
    expect(teamsCalling(app, 'users.info')).toEqual(['T0ORG1']);
    expect(await app.store.hours.countEntries({ teamId: 'T0ORG1', userId: 'U7' })).toBe(1);
  });
});
