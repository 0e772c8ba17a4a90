import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeSlack } from '../../src/local/fake-slack.js';
import { syncDirectoryZones } from '../../src/people/directory.js';
import { createWebClient } from '../../src/slack/web-client.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { build } from '../helpers/build.js';
import { eventually } from '../helpers/eventually.js';
import { captureLogs } from '../helpers/logs.js';

const TEAM = 'T0LIGHTS';
const NOW = new Date('2026-11-29T12:00:00Z');

async function setUp(people: number) {
  const fake = new FakeSlack({ teamId: TEAM });
  await fake.start();
  for (let i = 0; i < people; i++) {
    fake.addUser({ id: `U${i}`, name: `p${i}`, tz: i % 2 ? 'Europe/London' : 'Asia/Shanghai' });
  }
  fake.addUser({ id: 'UBOT', name: 'bot', tz: 'UTC', is_bot: true });
  fake.addUser({ id: 'UGONE', name: 'gone', tz: 'UTC', deleted: true });
  fake.addUser({ id: 'UNOZONE', name: 'nozone' });
  const store = new SqliteStore(':memory:');
  const logs = captureLogs('debug');
  const client = createWebClient('xoxb-test', fake.apiUrl, logs.logger, 'background');
  return {
    fake,
    store,
    logs,
    deps: { store, client, logger: logs.logger, now: () => NOW, sleep: async () => undefined },
  };
}

describe('syncDirectoryZones', () => {
  it('refreshes the zones of the people who use Lights Out, page by page, and stores nobody else’s', async () => {
    const { fake, store, deps } = await setUp(450);
    try {
      const old = '2026-11-20T00:00:00.000Z';
      await store.people.saveSlackTimezone({ teamId: TEAM, userId: 'U1' }, 'Asia/Tokyo', old); // used a command
      await store.people.saveSlackTimezone({ teamId: TEAM, userId: 'UNOZONE' }, 'Asia/Tokyo', old);
      await store.people.saveSlackTimezone({ teamId: TEAM, userId: 'UGONE' }, 'UTC', old);
      await store.nudges.savePerson({
        teamId: TEAM,
        userId: 'U448',
        enabled: true,
        time: '22:00',
        weekends: false,
        resumeOn: null,
        offReason: null,
        updatedAt: old,
      }); // has a personal nudge, no people row yet
      expect(await syncDirectoryZones(deps, TEAM)).toEqual({ people: 451, pages: 3, known: 3 });
      expect(fake.callsTo('users.list')).toHaveLength(3);
      expect(await store.people.getPerson({ teamId: TEAM, userId: 'U1' })).toMatchObject({
        slackTz: 'Europe/London',
        slackTzFetchedAt: NOW.toISOString(),
      });
      expect(await store.people.getPerson({ teamId: TEAM, userId: 'U448' })).toMatchObject({
        slackTz: 'Asia/Shanghai',
        slackTzFetchedAt: NOW.toISOString(),
      });
      expect((await store.people.getPerson({ teamId: TEAM, userId: 'UNOZONE' }))?.slackTz).toBeNull();
      // Deactivated accounts are not read (their old row is left as it was); bots never get one.
      expect((await store.people.getPerson({ teamId: TEAM, userId: 'UGONE' }))?.slackTzFetchedAt).toBe(old);
      expect(await store.people.getPerson({ teamId: TEAM, userId: 'UBOT' })).toBeUndefined();
      // Everyone else in the workspace stays unknown.
      const rows = store.handle.prepare('SELECT user_id FROM people ORDER BY user_id').all();
      expect(rows).toEqual([{ user_id: 'U1' }, { user_id: 'U448' }, { user_id: 'UGONE' }, { user_id: 'UNOZONE' }]);
    } finally {
      await fake.stop();
    }
  });

  it('keeps a person’s /hours tz override', async () => {
    const { fake, store, deps } = await setUp(3);
    try {
      await store.people.setTimezoneOverride({ teamId: TEAM, userId: 'U1' }, 'America/New_York');
      await syncDirectoryZones(deps, TEAM);
      expect(await store.people.getPerson({ teamId: TEAM, userId: 'U1' })).toMatchObject({
        tzOverride: 'America/New_York',
        slackTz: 'Europe/London',
      });
    } finally {
      await fake.stop();
    }
  });

  it('waits out a 429 and carries on from the same page', async () => {
    const { fake, deps } = await setUp(250);
    const waits: number[] = [];
    try {
      fake.fail('users.list', { kind: 'rate_limited', retryAfterSeconds: 7 });
      const result = await syncDirectoryZones({ ...deps, sleep: async (ms) => void waits.push(ms) }, TEAM);
      expect(result).toEqual({ people: 251, pages: 2, known: 0 });
      expect(waits).toEqual([7000]);
    } finally {
      await fake.stop();
    }
  });

  it('logs a failure and leaves the cache as it was', async () => {
    const { fake, store, logs, deps } = await setUp(250);
    try {
      await store.people.saveSlackTimezone({ teamId: TEAM, userId: 'U1' }, 'Asia/Tokyo', '2026-11-28T00:00:00.000Z');
      fake.fail('users.list', { kind: 'slack_error', error: 'missing_scope' });
      expect(await syncDirectoryZones(deps, TEAM)).toEqual({ people: 0, pages: 0, known: 0 });
      expect((await store.people.getPerson({ teamId: TEAM, userId: 'U1' }))?.slackTz).toBe('Asia/Tokyo');
      expect(logs.records().some((record) => String(record.msg).includes('users.list') && record.level === 40)).toBe(
        true,
      );
    } finally {
      await fake.stop();
    }
  });
});

describe('the directory sync in the running app', () => {
  it('refreshes a known person’s old zone, so their next /hours log is answered in the ack; a stranger gets no row', async () => {
    const fake = new FakeSlack({ teamId: TEAM });
    await fake.start();
    fake.addUser({ id: 'UADA', name: 'ada', tz: 'Asia/Shanghai' });
    fake.addUser({ id: 'USTRANGER', name: 'stranger', tz: 'Europe/Paris' });
    try {
      const dir = mkdtempSync(join(tmpdir(), 'lights-out-directory-'));
      const databasePath = join(dir, 'test.db');
      // Ada used Lights Out a week ago, from another zone.
      const before = new SqliteStore(databasePath);
      await before.people.saveSlackTimezone({ teamId: TEAM, userId: 'UADA' }, 'Europe/London', '2026-11-22T00:00:00Z');
      await before.close();
      const harness = await build({ fake, jobs: true, databasePath });
      const zoneOf = (userId: string) =>
        harness.store.handle.prepare('SELECT slack_tz FROM people WHERE user_id = ?').get(userId) as
          | { slack_tz: string }
          | undefined;
      await eventually(() => zoneOf('UADA')?.slack_tz === 'Asia/Shanghai' || undefined, 3000, 'the refreshed zone');
      // Yesterday: today holds only the hours that have passed since 05:00, and this test runs at any hour.
      const result = await harness.command('/hours', 'log 2 yesterday', { userId: 'UADA' });
      expect(JSON.stringify(result.ack)).toMatch(/Logged/);
      expect(fake.callsTo('users.info')).toHaveLength(0);
      expect(zoneOf('USTRANGER')).toBeUndefined();
      await harness.close();
      rmSync(dir, { recursive: true, force: true });
    } finally {
      await fake.stop();
    }
  });
});
