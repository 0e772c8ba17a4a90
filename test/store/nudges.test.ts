import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { NewDelivery } from '../../src/store/types.js';

// SQLite-only: the store's clock is injected, so these check exact lease instants and boundaries. What every
// store must do (both dialects, real clocks) is in test/store/contract/nudges.test.ts.
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

const LEASE = 120_000;
const GRACE = 2 * 3600_000;
const advance = (ms: number) => {
  clock.now = new Date(clock.now.getTime() + ms);
};

describe('delivery ledger on an injected SQLite clock (exact instants; the rest is in contract/nudges)', () => {
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
