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
  it('caches every active person’s Slack zone, page by page, and skips bots and deactivated accounts', async () => {
    const { fake, store, deps } = await setUp(450);
    try {
      expect(await syncDirectoryZones(deps, TEAM)).toEqual({ people: 451, pages: 3 });
      expect(fake.callsTo('users.list')).toHaveLength(3);
      expect(await store.people.getPerson({ teamId: TEAM, userId: 'U1' })).toMatchObject({
        slackTz: 'Europe/London',
        slackTzFetchedAt: NOW.toISOString(),
      });
      expect((await store.people.getPerson({ teamId: TEAM, userId: 'U448' }))?.slackTz).toBe('Asia/Shanghai');
      expect((await store.people.getPerson({ teamId: TEAM, userId: 'UNOZONE' }))?.slackTz).toBeNull();
      expect(await store.people.getPerson({ teamId: TEAM, userId: 'UBOT' })).toBeUndefined();
      expect(await store.people.getPerson({ teamId: TEAM, userId: 'UGONE' })).toBeUndefined();
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
      expect(result).toEqual({ people: 251, pages: 2 });
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
      expect(await syncDirectoryZones(deps, TEAM)).toEqual({ people: 0, pages: 0 });
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
  it('lets a person’s first /hours log be answered in the ack, with no users.info call', async () => {
    const fake = new FakeSlack({ teamId: TEAM });
    await fake.start();
    fake.addUser({ id: 'UADA', name: 'ada', tz: 'Asia/Shanghai' });
    try {
      const harness = await build({ fake, jobs: true });
      await eventually(() => fake.callsTo('users.list').length > 0 || undefined, 3000, 'the directory sync');
      await eventually(
        () =>
          harness.store.handle.prepare("SELECT 1 FROM people WHERE user_id = 'UADA'").get() !== undefined || undefined,
        3000,
        'the cached zone',
      );
      // Yesterday: today holds only the hours that have passed since 05:00, and this test runs at any hour.
      const result = await harness.command('/hours', 'log 2 yesterday', { userId: 'UADA' });
      expect(JSON.stringify(result.ack)).toMatch(/Logged/);
      expect(fake.callsTo('users.info')).toHaveLength(0);
    } finally {
      await fake.stop();
    }
  });
});
