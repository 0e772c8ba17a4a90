import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { NewDelivery } from '../../src/store/types.js';

let dir: string | undefined;
const stores: SqliteStore[] = [];

function open(name = 'nudges.db'): SqliteStore {
  dir ??= mkdtempSync(join(tmpdir(), 'lights-out-nudges-'));
  const store = new SqliteStore(join(dir, name));
  stores.push(store);
  return store;
}

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const T0 = '2026-11-29T06:00:00.000Z';
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
const delivery = (over: Partial<NewDelivery> = {}): NewDelivery => ({
  key: `channel:T1:C1:${T0}`,
  teamId: 'T1',
  kind: 'channel',
  targetId: 'C1',
  slotAt: T0,
  night: '2026-11-28',
  ...over,
});

describe('nudge settings', () => {
  it('turns a channel on, changes it, and keeps an off row (which silences the env channel too)', async () => {
    const store = open();
    await store.nudges.enableChannel({
      teamId: 'T1',
      channelId: 'C1',
      time: '22:00',
      zone: 'Europe/London',
      setBy: 'U1',
      at: T0,
    });
    await store.nudges.enableChannel({
      teamId: 'T1',
      channelId: 'C1',
      time: '21:30',
      zone: 'Asia/Shanghai',
      setBy: 'U2',
      at: T0,
    });
    expect(await store.nudges.getChannel('T1', 'C1')).toMatchObject({
      enabled: true,
      time: '21:30',
      zone: 'Asia/Shanghai',
      setBy: 'U2',
    });
    expect((await store.nudges.enabledChannels()).map((c) => c.channelId)).toEqual(['C1']);

    const before = await store.nudges.disableChannel('T1', 'C1', { time: '22:00', zone: 'UTC' }, 'not_in_channel', T0);
    expect(before?.enabled).toBe(true);
    expect(await store.nudges.getChannel('T1', 'C1')).toMatchObject({
      enabled: false,
      time: '21:30',
      offReason: 'not_in_channel',
    });
    expect(await store.nudges.enabledChannels()).toEqual([]);

    // A channel with no row (the env channel) gets an off row from the fallback.
    expect(await store.nudges.disableChannel('T1', 'CENV', { time: '22:00', zone: 'UTC' }, null, T0)).toBeUndefined();
    expect(await store.nudges.getChannel('T1', 'CENV')).toMatchObject({ enabled: false, time: '22:00', zone: 'UTC' });
    expect((await store.nudges.listChannels('T1')).map((c) => c.channelId)).toEqual(['C1', 'CENV']);
  });

  it('saves a person nudge and reads enabled ones with their zone facts', async () => {
    const store = open();
    const ada = { teamId: 'T1', userId: 'U1' };
    await store.people.setTimezoneOverride(ada, 'Europe/London');
    await store.nudges.savePerson({
      ...ada,
      enabled: true,
      time: '22:00',
      weekends: false,
      resumeOn: null,
      offReason: null,
      updatedAt: T0,
    });
    await store.nudges.savePerson({
      teamId: 'T1',
      userId: 'U2',
      enabled: false,
      time: '23:00',
      weekends: true,
      resumeOn: null,
      offReason: null,
      updatedAt: T0,
    });
    const enabled = await store.nudges.enabledPeople();
    expect(enabled).toEqual([expect.objectContaining({ userId: 'U1', tzOverride: 'Europe/London', slackTz: null })]);
    expect(await store.nudges.countEnabledPeople('T1')).toBe(1);
  });

  it('/hours forget deletes the person’s nudge settings and personal deliveries', async () => {
    const store = open();
    const ada = { teamId: 'T1', userId: 'U1' };
    await store.nudges.savePerson({
      ...ada,
      enabled: true,
      time: '22:00',
      weekends: false,
      resumeOn: null,
      offReason: null,
      updatedAt: T0,
    });
    const mine = delivery({ key: `person:T1:U1:${T0}`, kind: 'person', targetId: 'U1' });
    expect(await store.nudges.claim(mine, 'a', plus(T0, 60_000), T0)).toBe(true);
    expect(await store.nudges.claim(delivery(), 'a', plus(T0, 60_000), T0)).toBe(true);
    await store.nudges.enableChannel({
      teamId: 'T1',
      channelId: 'C1',
      time: '22:00',
      zone: 'UTC',
      setBy: 'U1',
      at: T0,
    });
    await store.people.forget(ada);
    // The channel keeps its nudge, but no longer remembers who turned it on.
    expect(await store.nudges.getChannel('T1', 'C1')).toMatchObject({ enabled: true, setBy: null });
    expect(await store.nudges.getPerson(ada)).toBeUndefined();
    expect(await store.nudges.getDelivery(mine.key)).toBeUndefined();
    // The channel's delivery is not the person's data.
    expect(await store.nudges.getDelivery(delivery().key)).toBeDefined();
  });
});

describe('delivery claims', () => {
  it('lets exactly one of two stores on the same file claim a slot', async () => {
    const a = open();
    const b = open();
    const results = await Promise.all([
      a.nudges.claim(delivery(), 'a', plus(T0, 120_000), T0),
      b.nudges.claim(delivery(), 'b', plus(T0, 120_000), T0),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    // Also a different slot key on the same night of the same target (a time change) loses.
    const sameNight = delivery({ key: `channel:T1:C1:${plus(T0, 3600_000)}`, slotAt: plus(T0, 3600_000) });
    expect(await b.nudges.claim(sameNight, 'b', plus(T0, 120_000), T0)).toBe(false);
    // A slot without a night (the env cron) is keyed by its time alone.
    const cronSlot = delivery({ key: `channel:T1:C1:${plus(T0, 5000)}`, slotAt: plus(T0, 5000), night: null });
    expect(await b.nudges.claim(cronSlot, 'b', plus(T0, 120_000), T0)).toBe(true);
  });

  it('fences every update by owner: a process that lost its claim changes nothing', async () => {
    const store = open();
    await store.nudges.claim(delivery(), 'a', plus(T0, 120_000), T0);
    expect(await store.nudges.markSending(delivery().key, 'b', plus(T0, 120_000), T0)).toBe(false);
    expect(await store.nudges.markSent(delivery().key, 'b', '1.1', T0)).toBe(false);
    expect(await store.nudges.markSending(delivery().key, 'a', plus(T0, 120_000), T0)).toBe(true);
    expect(await store.nudges.markSent(delivery().key, 'a', '1.2', T0)).toBe(true);
    expect(await store.nudges.getDelivery(delivery().key)).toMatchObject({
      status: 'sent',
      messageTs: '1.2',
      attempts: 1,
    });
    // Final rows cannot move again.
    expect(await store.nudges.markFailed(delivery().key, 'a', 'x', T0)).toBe(false);
  });

  it('counts refused posts out and uncertain ones in', async () => {
    const store = open();
    const key = delivery().key;
    await store.nudges.claim(delivery(), 'a', plus(T0, 120_000), T0);
    await store.nudges.markSending(key, 'a', plus(T0, 120_000), T0);
    await store.nudges.markRefused(key, 'a', plus(T0, 120_000), 'ratelimited', T0);
    expect(await store.nudges.getDelivery(key)).toMatchObject({ status: 'claimed', attempts: 0, error: 'ratelimited' });
    await store.nudges.markSending(key, 'a', plus(T0, 120_000), T0);
    await store.nudges.markUncertain(key, 'a', plus(T0, 120_000), 'request_timeout', T0);
    expect(await store.nudges.getDelivery(key)).toMatchObject({ status: 'claimed', attempts: 1 });
  });

  it('takes over expired leases: claimed ones always, sending ones once, and gives up the rest loudly', async () => {
    const store = open();
    const lease = plus(T0, 120_000);
    const claimed = delivery({ key: 'k-claimed', targetId: 'C1' });
    const sending = delivery({ key: 'k-sending', targetId: 'C2' });
    const twice = delivery({ key: 'k-twice', targetId: 'C3' });
    const fresh = delivery({ key: 'k-fresh', targetId: 'C4' });
    const old = delivery({ key: 'k-old', targetId: 'C5', slotAt: plus(T0, -3 * 3600_000), night: '2026-11-27' });
    for (const d of [claimed, sending, twice, old]) await store.nudges.claim(d, 'dead', lease, T0);
    await store.nudges.claim(fresh, 'alive', plus(T0, 10 * 60_000), T0);
    await store.nudges.markSending(sending.key, 'dead', lease, T0);
    await store.nudges.markSending(twice.key, 'dead', lease, T0);
    await store.nudges.markUncertain(twice.key, 'dead', lease, 'request_timeout', T0);
    await store.nudges.markSending(twice.key, 'dead', lease, T0);

    const now = plus(T0, 180_000);
    const graceStart = plus(now, -2 * 3600_000);
    const abandoned = await store.nudges.failAbandoned(now, graceStart);
    expect(abandoned.map((d) => d.key).sort()).toEqual(['k-old', 'k-twice']);
    const taken = await store.nudges.reclaimStale(now, graceStart, 'new', plus(now, 120_000));
    expect(taken.map((d) => [d.key, d.attempts, d.reclaims]).sort()).toEqual([
      ['k-claimed', 0, 0],
      ['k-sending', 1, 1],
    ]);
    // A second process asking at the same time gets nothing: they were taken in one transaction.
    expect(await store.nudges.reclaimStale(now, graceStart, 'other', plus(now, 120_000))).toEqual([]);
    // The one still leased by a live process is untouched.
    expect(await store.nudges.getDelivery('k-fresh')).toMatchObject({ owner: 'alive', status: 'claimed' });
    // After a second crash while sending, it is not taken again.
    await store.nudges.markSending('k-sending', 'new', plus(now, 120_000), now);
    const later = plus(now, 10 * 60_000);
    const retaken = await store.nudges.reclaimStale(later, graceStart, 'third', plus(later, 120_000));
    expect(retaken.map((d) => d.key)).not.toContain('k-sending');
    expect((await store.nudges.failAbandoned(later, graceStart)).map((d) => d.key)).toEqual(['k-sending']);
    expect(await store.nudges.getDelivery('k-sending')).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^abandoned/),
    });
  });

  it('records a skipped slot once', async () => {
    const store = open();
    expect(await store.nudges.recordSkipped(delivery(), 'missed', T0)).toBe(true);
    expect(await store.nudges.recordSkipped(delivery(), 'missed', T0)).toBe(false);
    expect(await store.nudges.claim(delivery(), 'a', T0, T0)).toBe(false);
    expect(await store.nudges.getDelivery(delivery().key)).toMatchObject({ status: 'skipped', error: 'missed' });
  });

  it('renews all of an owner’s open claims, prunes old rows, and keeps small state', async () => {
    const store = open();
    await store.nudges.claim(delivery(), 'a', T0, T0);
    await store.nudges.claim(delivery({ key: 'k2', targetId: 'C2' }), 'a', T0, T0);
    expect(await store.nudges.renewAll('a', plus(T0, 999))).toBe(2);
    expect(await store.nudges.prune(plus(T0, 1))).toBe(2);
    await store.nudges.setState('k', 'v1');
    await store.nudges.setState('k', 'v2');
    expect(await store.nudges.getState('k')).toBe('v2');
  });
});

describe('query plans: every hot nudge query rides an index', () => {
  const plan = (store: SqliteStore, sql: string, ...params: unknown[]) =>
    (store.handle.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
      .map((row) => row.detail)
      .join(' | ');

  it.each([
    ['enabled channels', 'SELECT * FROM nudge_channels WHERE enabled = 1', []],
    [
      'enabled people with zones',
      `SELECT n.*, p.tz_override, p.slack_tz FROM nudge_people n
       LEFT JOIN people p ON p.team_id = n.team_id AND p.user_id = n.user_id WHERE n.enabled = 1`,
      [],
    ],
    ['a delivery by key', 'SELECT * FROM nudge_deliveries WHERE key = ?', ['k']],
    [
      'stale claims',
      `SELECT * FROM nudge_deliveries WHERE status IN ('claimed', 'sending') AND lease_until < ? AND slot_at > ?`,
      ['a', 'b'],
    ],
    ['pruning', 'DELETE FROM nudge_deliveries WHERE slot_at < ?', ['a']],
    ['forget', 'DELETE FROM nudge_deliveries WHERE team_id = ? AND user_id = ?', ['T', 'U']],
    [
      'forget who set a channel',
      'UPDATE nudge_channels SET set_by = NULL WHERE team_id = ? AND set_by = ?',
      ['T', 'U'],
    ],
    [
      'renew all',
      `UPDATE nudge_deliveries SET lease_until = ? WHERE owner = ? AND status IN ('claimed', 'sending')`,
      ['a', 'o'],
    ],
  ])('%s', (_name, sql, params) => {
    const store = open();
    const detail = plan(store, sql, ...params);
    expect(detail).not.toMatch(/SCAN nudge_(channels|people|deliveries)(?! USING)/);
    expect(detail).toMatch(/USING (COVERING )?INDEX|USING PRIMARY KEY|SEARCH/);
  });
});
