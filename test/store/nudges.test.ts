import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.js';
import { MAX_UNCERTAIN_POSTS, type NewDelivery } from '../../src/store/types.js';

let dir: string | undefined;
const stores: SqliteStore[] = [];
/** The stores' clock: leases and grace windows are decided on it, so the tests move it. */
const clock = { now: new Date(0) };

function open(name = 'nudges.db'): SqliteStore {
  dir ??= mkdtempSync(join(tmpdir(), 'lights-out-nudges-'));
  const store = new SqliteStore(join(dir, name), { now: () => clock.now });
  stores.push(store);
  return store;
}

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const T0 = '2026-11-29T06:00:00.000Z';
beforeEach(() => {
  clock.now = new Date(T0);
});
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
    expect(await store.nudges.claim(mine, 'a', 60_000)).toBe(true);
    expect(await store.nudges.claim(delivery(), 'a', 60_000)).toBe(true);
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

const LEASE = 120_000;
const GRACE = 2 * 3600_000;
const advance = (ms: number) => {
  clock.now = new Date(clock.now.getTime() + ms);
};

describe('delivery ledger', () => {
  it('lets exactly one of two stores on the same file claim a slot', async () => {
    const a = open();
    const b = open();
    const results = await Promise.all([a.nudges.claim(delivery(), 'a', LEASE), b.nudges.claim(delivery(), 'b', LEASE)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    // Also a different slot key on the same night of the same target (a time change) loses.
    const sameNight = delivery({ key: `channel:T1:C1:${plus(T0, 3600_000)}`, slotAt: plus(T0, 3600_000) });
    expect(await b.nudges.claim(sameNight, 'b', LEASE)).toBe(false);
    expect(await b.nudges.enqueue([sameNight])).toBe(0);
    // A slot without a night (the env cron) is keyed by its time alone.
    const cronSlot = delivery({ key: `channel:T1:C1:${plus(T0, 5000)}`, slotAt: plus(T0, 5000), night: null });
    expect(await b.nudges.claim(cronSlot, 'b', LEASE)).toBe(true);
  });

  it('enqueues once under both unique keys, however many replicas enqueue the same slots', async () => {
    const a = open();
    const b = open();
    const slots = Array.from({ length: 50 }, (_, i) => delivery({ key: `k${i}`, targetId: `C${i}` }));
    const sameNight = delivery({ key: 'k0-later', targetId: 'C0', slotAt: plus(T0, 60_000) });
    const added = await Promise.all([a.nudges.enqueue(slots), b.nudges.enqueue([...slots, sameNight])]);
    expect(added[0] + added[1]).toBe(50);
    expect(await a.nudges.getDelivery('k7')).toMatchObject({ status: 'pending', owner: null, leaseUntil: null });
    expect(await a.nudges.getDelivery('k0-later')).toBeUndefined();
  });

  it('hands disjoint batches to concurrent claimers, oldest slot first, leases on the store clock', async () => {
    const a = open();
    const b = open();
    const slots = Array.from({ length: 30 }, (_, i) =>
      delivery({ key: `k${String(i).padStart(2, '0')}`, targetId: `C${i}`, slotAt: plus(T0, -i * 1000) }),
    );
    await a.nudges.enqueue(slots);
    const [mine, theirs] = await Promise.all([
      a.nudges.claimBatch('a', 20, LEASE, GRACE),
      b.nudges.claimBatch('b', 20, LEASE, GRACE),
    ]);
    const keys = [...mine, ...theirs].map((d) => d.key);
    expect(keys).toHaveLength(30);
    expect(new Set(keys).size).toBe(30);
    expect(mine.length === 20 || theirs.length === 20).toBe(true);
    const first = mine.length === 20 ? mine : theirs;
    expect(first[0]?.slotAt).toBe(plus(T0, -29_000));
    expect(first[0]).toMatchObject({ status: 'claimed', leaseUntil: plus(T0, LEASE) });
    expect(await a.nudges.claimBatch('c', 10, LEASE, GRACE)).toEqual([]);
  });

  it('fences every update by owner: a process that lost its claim changes nothing', async () => {
    const store = open();
    await store.nudges.claim(delivery(), 'a', LEASE);
    expect(await store.nudges.markSending(delivery().key, 'b', LEASE)).toBe(false);
    expect(await store.nudges.markSent(delivery().key, 'b', '1.1')).toBe(false);
    expect(await store.nudges.renew(delivery().key, 'b', LEASE)).toBe(false);
    expect(await store.nudges.release('b')).toBe(0);
    expect(await store.nudges.markSending(delivery().key, 'a', LEASE)).toBe(true);
    expect(await store.nudges.markSent(delivery().key, 'a', '1.2')).toBe(true);
    expect(await store.nudges.getDelivery(delivery().key)).toMatchObject({
      status: 'sent',
      messageTs: '1.2',
      attempts: 1,
    });
    // Final rows cannot move again.
    expect(await store.nudges.markFailed(delivery().key, 'a', 'x')).toBe(false);
  });

  it('counts refused posts out and uncertain ones in, and refuses a post beyond the bound', async () => {
    const store = open();
    const key = delivery().key;
    await store.nudges.claim(delivery(), 'a', LEASE);
    await store.nudges.markSending(key, 'a', LEASE);
    await store.nudges.markRefused(key, 'a', LEASE, 'ratelimited');
    expect(await store.nudges.getDelivery(key)).toMatchObject({ status: 'claimed', attempts: 0, error: 'ratelimited' });
    await store.nudges.markSending(key, 'a', LEASE);
    await store.nudges.markUncertain(key, 'a', LEASE, 'http_504');
    expect(await store.nudges.getDelivery(key)).toMatchObject({ status: 'claimed', attempts: 1 });
    expect(await store.nudges.markSending(key, 'a', LEASE)).toBe(true);
    await store.nudges.markUncertain(key, 'a', LEASE, 'request_timeout');
    // Two posts may have landed: the store itself says no to a third, whoever asks.
    expect(await store.nudges.markSending(key, 'a', LEASE)).toBe(false);
    expect(await store.nudges.getDelivery(key)).toMatchObject({ status: 'claimed', attempts: MAX_UNCERTAIN_POSTS });
  });

  it('takes over expired leases: claimed ones always, sending ones once, and gives up the rest loudly', async () => {
    const store = open();
    const claimed = delivery({ key: 'k-claimed', targetId: 'C1' });
    const sending = delivery({ key: 'k-sending', targetId: 'C2' });
    const twice = delivery({ key: 'k-twice', targetId: 'C3' });
    const fresh = delivery({ key: 'k-fresh', targetId: 'C4' });
    const old = delivery({ key: 'k-old', targetId: 'C5', slotAt: plus(T0, -GRACE + 60_000), night: '2026-11-27' });
    for (const d of [claimed, sending, twice, old]) await store.nudges.claim(d, 'dead', LEASE);
    await store.nudges.claim(fresh, 'alive', 10 * 60_000);
    await store.nudges.markSending(sending.key, 'dead', LEASE);
    await store.nudges.markSending(twice.key, 'dead', LEASE);
    await store.nudges.markUncertain(twice.key, 'dead', LEASE, 'request_timeout');
    await store.nudges.markSending(twice.key, 'dead', LEASE);

    // Nothing is taken before its lease ran out on the store's clock.
    advance(LEASE - 1);
    expect(await store.nudges.claimBatch('early', 10, LEASE, GRACE)).toEqual([]);
    advance(60_000);
    const abandoned = await store.nudges.expire(GRACE);
    expect(abandoned.map((d) => [d.key, d.status]).sort()).toEqual([
      ['k-old', 'failed'],
      ['k-twice', 'failed'],
    ]);
    const taken = await store.nudges.claimBatch('new', 10, LEASE, GRACE);
    expect(taken.map((d) => [d.key, d.attempts, d.reclaims, d.owner]).sort()).toEqual([
      ['k-claimed', 0, 0, 'new'],
      ['k-sending', 1, 1, 'new'],
    ]);
    // A second process asking at the same time gets nothing: they were taken in one transaction.
    expect(await store.nudges.claimBatch('other', 10, LEASE, GRACE)).toEqual([]);
    // The one still leased by a live process is untouched.
    expect(await store.nudges.getDelivery('k-fresh')).toMatchObject({ owner: 'alive', status: 'claimed' });
    // After a second crash while sending, it is not taken again: two posts may have landed.
    await store.nudges.markSending('k-sending', 'new', LEASE);
    advance(10 * 60_000);
    expect((await store.nudges.claimBatch('third', 10, LEASE, GRACE)).map((d) => d.key)).not.toContain('k-sending');
    expect((await store.nudges.expire(GRACE)).map((d) => d.key)).toEqual(['k-sending']);
    expect(await store.nudges.getDelivery('k-sending')).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^abandoned/),
    });
  });

  it('skips pending slots that waited past the grace window, and never claims them', async () => {
    const store = open();
    await store.nudges.enqueue([delivery()]);
    advance(GRACE);
    expect(await store.nudges.claimBatch('a', 10, LEASE, GRACE)).toEqual([]);
    expect((await store.nudges.expire(GRACE)).map((d) => [d.key, d.status, d.error])).toEqual([
      [delivery().key, 'skipped', 'expired before it could be sent'],
    ]);
  });

  it('hands unstarted claims back at once on release, and keeps sending ones', async () => {
    const store = open();
    await store.nudges.enqueue([delivery({ key: 'k1', targetId: 'C1' }), delivery({ key: 'k2', targetId: 'C2' })]);
    expect(await store.nudges.claimBatch('a', 10, LEASE, GRACE)).toHaveLength(2);
    await store.nudges.markSending('k2', 'a', LEASE);
    expect(await store.nudges.release('a')).toBe(1);
    expect(await store.nudges.getDelivery('k1')).toMatchObject({ status: 'pending', owner: null });
    // Another replica gets it straight away, with no lease to wait out.
    expect((await store.nudges.claimBatch('b', 10, LEASE, GRACE)).map((d) => d.key)).toEqual(['k1']);
    expect(await store.nudges.getDelivery('k2')).toMatchObject({ status: 'sending', owner: 'a' });
  });

  it('records a skipped slot once', async () => {
    const store = open();
    expect(await store.nudges.recordSkipped(delivery(), 'missed')).toBe(true);
    expect(await store.nudges.recordSkipped(delivery(), 'missed')).toBe(false);
    expect(await store.nudges.claim(delivery(), 'a', LEASE)).toBe(false);
    expect(await store.nudges.getDelivery(delivery().key)).toMatchObject({ status: 'skipped', error: 'missed' });
  });

  it('renews all of an owner’s open claims on the store clock, prunes old rows, and keeps small state', async () => {
    const store = open();
    await store.nudges.claim(delivery(), 'a', 1000);
    await store.nudges.claim(delivery({ key: 'k2', targetId: 'C2' }), 'a', 1000);
    advance(500);
    expect(await store.nudges.renewAll('a', 1000)).toBe(2);
    expect(await store.nudges.getDelivery('k2')).toMatchObject({ leaseUntil: plus(T0, 1500) });
    expect(await store.nudges.prune(plus(T0, 1))).toBe(2);
    await store.nudges.setState('k', 'v1');
    await store.nudges.setState('k', 'v2');
    expect(await store.nudges.getState('k')).toBe('v2');
  });
});

describe('named leases', () => {
  it('one holder at a time; taken over once expired; released only by its holder', async () => {
    const a = open();
    const b = open();
    const results = await Promise.all([
      a.leases.tryAcquireLease('directory:T1', 'a', 60_000),
      b.leases.tryAcquireLease('directory:T1', 'b', 60_000),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const [holder, other] = results[0] ? ['a', 'b'] : ['b', 'a'];
    expect(await a.leases.tryAcquireLease('directory:T1', holder as string, 60_000)).toBe(true);
    await a.leases.releaseLease('directory:T1', other as string);
    expect(await a.leases.tryAcquireLease('directory:T1', other as string, 60_000)).toBe(false);
    expect(await a.leases.tryAcquireLease('prune', other as string, 60_000)).toBe(true);
    advance(60_001);
    expect(await b.leases.tryAcquireLease('directory:T1', other as string, 60_000)).toBe(true);
    await b.leases.releaseLease('directory:T1', other as string);
    expect(await a.leases.tryAcquireLease('directory:T1', 'c', 60_000)).toBe(true);
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
    ['pending deliveries', `SELECT * FROM nudge_deliveries WHERE status = 'pending' AND slot_at > ?`, ['a']],
    [
      'release',
      `UPDATE nudge_deliveries SET status = 'pending', owner = NULL WHERE owner = ? AND status = 'claimed'`,
      ['o'],
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
