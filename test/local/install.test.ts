import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startJobs } from '../../src/jobs.js';
import { FakeSlack } from '../../src/local/fake-slack.js';
import { installedWorkspaces } from '../../src/oauth/clients.js';
import { createWebClient } from '../../src/slack/web-client.js';
import { testCorpus } from '../helpers/corpus.js';
import { eventually } from '../helpers/eventually.js';
import { addWorkspace as walk } from '../helpers/install.js';
import { buildLocal, type LocalHarness } from '../helpers/local.js';
import { nonZero, rowsOfTeam, rowsOfTeamWhen, total } from '../oauth/rows.js';
import { dialects } from '../store/contract/kit.js';

const NIGHT = 'T0NIGHT';
const DANA = 'U0DANA';

const addWorkspace = (local: LocalHarness, teamId: string) => walk(local.url, teamId, local.fake.baseUrl);

async function workspaces(local: LocalHarness) {
  const res = await fetch(`${local.url}/local/api/workspaces`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { workspaces: Array<{ id: string; name: string; removable: boolean }> }).workspaces;
}

const listed = async (local: LocalHarness) => (await workspaces(local)).map(({ id, name }) => `${id} ${name}`);

/** Runs a command from the page as `as` and waits for Lights Out's answer to appear (it follows the ack). */
async function run(local: LocalHarness, as: string, channel: string, text: string) {
  const before = local.fake.feed.length;
  const { status, body } = await local.api('/local/api/command', { as, channel, text });
  expect({ status, body }).toEqual({ status: 200, body: { ok: true, outcome: 'acked' } });
  await local.fake.waitUntil(() => local.fake.feed.length > before || undefined, 5000, `the answer to ${text}`);
}

describe('the local workspace installs through the OAuth path', () => {
  it('installs the built-in workspace at start through /slack/install, and only it', async () => {
    const local = await buildLocal();
    expect(local.fake.callsTo('oauth.v2.access')).toHaveLength(1);
    expect((await local.store.installations.list()).map((record) => record.teamId)).toEqual(['T0LIGHTS']);
    expect(await workspaces(local)).toEqual([
      {
        id: 'T0LIGHTS',
        name: 'Lights Out',
        channel: 'late-night',
        removable: false,
        people: [
          { id: 'U0ADA', realName: 'Ada' },
          { id: 'U0BEN', realName: 'Ben' },
          { id: 'U0CHEN', realName: 'Chen' },
        ],
      },
    ]);
    // Night Shift's people are not served until Lights Out is installed there.
    expect((await fetch(`${local.url}/local/api/state?as=${DANA}`)).status).toBe(404);
  });

  it('adds a second workspace from the consent screen, with its own people, channel and token', async () => {
    const local = await buildLocal();
    expect(await addWorkspace(local, NIGHT)).toBe(`/?team=${NIGHT}`);
    expect(await listed(local)).toEqual(['T0LIGHTS Lights Out', 'T0NIGHT Night Shift']);
    const state = (await (await fetch(`${local.url}/local/api/state?as=${DANA}`)).json()) as {
      team: unknown;
      people: Array<{ realName: string; tz: string }>;
      conversations: Array<{ id: string; name: string }>;
    };
    expect(state.team).toEqual({ id: NIGHT, name: 'Night Shift' });
    expect(state.people.map((person) => `${person.realName} ${person.tz}`)).toEqual([
      'Dana Europe/Berlin',
      'Eli America/Sao_Paulo',
      'Farah Asia/Kolkata',
    ]);
    expect(state.conversations.map((conversation) => conversation.name)).toEqual(['after-hours', 'Lights Out']);

    await run(local, DANA, 'C0NIGHT', '/hours log 6 yesterday');
    expect(await local.store.hours.countEntries({ teamId: NIGHT, userId: DANA })).toBe(1);
    expect(await local.store.hours.countEntries({ teamId: 'T0LIGHTS', userId: DANA })).toBe(0);
    // Bolt authorizes each request from its workspace's installation: Dana's zone is read with Night Shift's token.
    await run(local, 'U0ADA', 'C0LATE', '/hours log 6 yesterday');
    const tokenFor = (user: string) =>
      new Set(
        local.fake
          .callsTo('users.info')
          .filter((call) => call.args.user === user)
          .map((call) => call.token?.split('-').slice(0, 2).join('-')),
      );
    expect(tokenFor(DANA)).toEqual(new Set([`xoxb-${NIGHT}`]));
    expect(tokenFor('U0ADA')).toEqual(new Set(['xoxb-T0LIGHTS']));
    // Each workspace sees only its own conversations.
    const adaSees = local.workspace.state('U0ADA').messages.map((message) => message.channel);
    expect(new Set(adaSees)).toEqual(new Set(['C0LATE']));
  });

  it('refuses to uninstall the built-in workspace, an unknown one, or one not installed, and changes nothing', async () => {
    const local = await buildLocal();
    for (const [body, status, error] of [
      [{ team: 'T0LIGHTS' }, 400, 'The built-in workspace stays installed.'],
      [{ team: 'T0NOPE' }, 404, 'There is no workspace T0NOPE.'],
      [{ team: NIGHT }, 404, 'Lights Out is not installed in Night Shift.'],
      [{ team: 'night shift' }, 400, undefined],
    ] as const) {
      const answer = await local.api('/local/api/uninstall', body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      if (error) expect(answer.body.error).toBe(error);
      else expect(String(answer.body.error)).toContain('Bad request');
    }
    expect((await fetch(`${local.url}/local/api/uninstall`)).status).toBe(405);
    expect(await listed(local)).toEqual(['T0LIGHTS Lights Out']);
  });

  it('keeps an added workspace across a restart: installed again with the new key, its hours still there', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'lights-out-install-')), 'local.db');
    const first = await buildLocal({ databasePath: path });
    await addWorkspace(first, NIGHT);
    await run(first, DANA, 'C0NIGHT', '/hours log 4 yesterday');
    await first.close();

    const second = await buildLocal({ databasePath: path });
    expect(await listed(second)).toEqual(['T0LIGHTS Lights Out', 'T0NIGHT Night Shift']);
    await run(second, DANA, 'C0NIGHT', '/hours log 2 yesterday');
    expect(await second.store.hours.countEntries({ teamId: NIGHT, userId: DANA })).toBe(2);
  });
});

describe('the jobs run per installed local workspace', () => {
  it('syncs each workspace’s time zones from its own users.list, with its own token', async () => {
    const local = await buildLocal();
    await addWorkspace(local, NIGHT);
    await run(local, DANA, 'C0NIGHT', '/hours log 1 yesterday');
    await run(local, 'U0BEN', 'C0LATE', '/hours log 1 yesterday');
    const old = new Date(Date.now() - 86_400_000).toISOString();
    await local.store.people.saveSlackTimezone({ teamId: NIGHT, userId: DANA }, 'UTC', old);
    await local.store.people.saveSlackTimezone({ teamId: 'T0LIGHTS', userId: 'U0BEN' }, 'UTC', old);
    const installations = local.lightsOut.installations;
    if (!installations) throw new Error('the local workspace runs without installations');
    const { config, store, logs } = local;
    const deps = {
      config,
      corpus: testCorpus(),
      store,
      logger: logs.logger,
      now: () => new Date(),
      random: Math.random,
    };
    const jobs = startJobs(
      deps,
      createWebClient(config.slack.botToken, config.slack.apiUrl, logs.logger, 'background'),
      { botId: local.fake.botId, botUserId: local.fake.botUserId, teamId: 'T0LIGHTS' },
      { cron: false, catchUp: false, workspaces: installedWorkspaces(installations, config.slack.apiUrl, logs.logger) },
    );
    try {
      const lists = await local.fake.waitForCalls('users.list', 2);
      const teams = lists.map((call) => call.token?.split('-')[1]).sort();
      expect(teams).toEqual(['T0LIGHTS', NIGHT]);
      const zone = async (teamId: string, userId: string) =>
        (await store.people.getPerson({ teamId, userId }))?.slackTz;
      // The zones are saved after the page of users arrives: poll the store until the sync wrote them.
      const deadline = Date.now() + 5000;
      const stale = async () => (await zone(NIGHT, DANA)) === 'UTC' || (await zone('T0LIGHTS', 'U0BEN')) === 'UTC';
      while ((await stale()) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await zone(NIGHT, DANA)).toBe('Europe/Berlin');
      expect(await zone('T0LIGHTS', 'U0BEN')).toBe('Europe/London');
    } finally {
      await jobs.stop();
    }
  });
});

describe('the stand-in answers each token with its own workspace’s people', () => {
  it('users.list and users.info know only the token’s workspace (and people in no workspace)', async () => {
    const local = await buildLocal();
    await addWorkspace(local, NIGHT);
    const token = async (teamId: string) =>
      (await local.lightsOut.installations?.fetch({ teamId, isEnterpriseInstall: false }))?.bot?.token ?? '';
    const call = async (method: string, teamId: string, args: Record<string, string> = {}) => {
      const res = await fetch(`${local.fake.apiUrl}${method}?${new URLSearchParams(args)}`, {
        headers: { authorization: `Bearer ${await token(teamId)}` },
      });
      return (await res.json()) as { ok: boolean; error?: string; members?: Array<{ id: string; team_id: string }> };
    };
    const members = async (teamId: string) =>
      ((await call('users.list', teamId)).members ?? []).filter((m) => !m.id.endsWith('BOT')).map((m) => m.id);
    expect(await members(NIGHT)).toEqual([DANA, 'U0ELI', 'U0FARAH']);
    expect(await members('T0LIGHTS')).toEqual(['U0ADA', 'U0BEN', 'U0CHEN']);
    expect((await call('users.info', 'T0LIGHTS', { user: DANA })).error).toBe('user_not_found');
    expect((await call('users.info', NIGHT, { user: DANA })).ok).toBe(true);
    // A fake with no token owners (single-workspace tests) lists everyone, as before.
    const plain = new FakeSlack();
    plain.addUser({ id: 'U1', name: 'one', team: 'T1' });
    plain.addUser({ id: 'U2', name: 'two' });
    await plain.start();
    const res = await fetch(`${plain.apiUrl}users.list`, { headers: { authorization: 'Bearer xoxb-any' } });
    expect(((await res.json()) as { members: Array<{ id: string }> }).members.map((m) => m.id)).toEqual(['U1', 'U2']);
    await plain.stop();
  });
});

/** Rows in every kind of table for Night Shift: hours, zones, quote history, nudges, deliveries, scheduler state. */
async function useNightShift(local: LocalHarness): Promise<void> {
  for (const text of [
    '/hours log 5 yesterday',
    '/hours tz Asia/Shanghai',
    '/quote',
    '/nudge here 22:00',
    '/nudge me on 23:00',
  ]) {
    await run(local, DANA, 'C0NIGHT', text);
  }
  const at = new Date().toISOString();
  const delivery = {
    key: `person:${NIGHT}:${DANA}:${at}`,
    teamId: NIGHT,
    kind: 'person' as const,
    targetId: DANA,
    slotAt: at,
    night: null,
  };
  expect(await local.store.nudges.claim(delivery, 'test', 60_000)).toBe(true);
  await local.store.nudges.setState(`env-channel:${NIGHT}:C0NIGHT`, '{}');
}

for (const { name, create } of dialects)
  describe(`"Uninstall" on the page deletes the workspace (every table, found from the schema) [${name}]`, () => {
    it('sends the signed uninstall events; nothing of Night Shift is left, the built-in workspace is untouched', async () => {
      const database = await create();
      const local = (await buildLocal({ database })) as LocalHarness;
      await addWorkspace(local, NIGHT);
      await run(local, 'U0ADA', 'C0LATE', '/hours log 3 yesterday');
      await useNightShift(local);
      await rowsOfTeamWhen(database, NIGHT, (counts) => (counts.shown_items ?? 0) > 0, 'history');
      const before = nonZero(await rowsOfTeam(database, NIGHT));
      expect(Object.keys(before).sort()).toEqual([
        'hours_entries',
        'installations',
        'nudge_channels',
        'nudge_deliveries',
        'nudge_people',
        'nudge_state',
        'people',
        'shown_items',
      ]);
      const builtIn = await rowsOfTeam(database, 'T0LIGHTS');

      const answer = await local.api('/local/api/uninstall', { team: NIGHT });
      expect(answer.status).toBe(200);
      expect((answer.body.workspaces as Array<{ id: string }>).map((w) => w.id)).toEqual(['T0LIGHTS']);
      // The answer comes once the bot has deleted it: no waiting needed.
      expect(total(await rowsOfTeam(database, NIGHT))).toBe(0);
      expect(await rowsOfTeam(database, 'T0LIGHTS')).toEqual(builtIn);
      // Both events went to the bot, signed; its uninstall handler did the deleting.
      const message = 'workspace removed: its tokens and every row of its data were deleted';
      const removed = await eventually(
        () => {
          const found = local.logs.records().filter((record) => record.msg === message);
          return found.length === 2 ? found : undefined;
        },
        5000,
        'both events handled',
      );
      expect(removed.map((record) => [record.reason, record.installations])).toEqual([
        ['app_uninstalled', 1],
        ['tokens_revoked', 0],
      ]);

      expect(await listed(local)).toEqual(['T0LIGHTS Lights Out']);
      expect((await fetch(`${local.url}/local/api/state?as=${DANA}`)).status).toBe(404);
      expect(
        (await local.api('/local/api/command', { as: DANA, channel: 'C0NIGHT', text: '/hours week' })).status,
      ).toBe(404);
      await run(local, 'U0ADA', 'C0LATE', '/hours week');
      // It can be added again, and starts empty.
      await addWorkspace(local, NIGHT);
      expect(await local.store.hours.countEntries({ teamId: NIGHT, userId: DANA })).toBe(0);
    });
  });
