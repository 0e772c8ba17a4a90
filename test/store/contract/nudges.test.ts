import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { type Delivery, MAX_UNCERTAIN_POSTS, type NewDelivery, type Store } from '../../../src/store/types.js';
import { describeStores } from './kit.js';

// On the stores' real clocks (Postgres: now(); SQLite: the system clock), so durations stand in for moving time:
// a SHORT lease has surely run out after a pause, a LONG one surely has not; slots are placed relative to the
// store's own clock(). (test/store/nudges.test.ts drives an injected SQLite clock for exact instants.)
const SHORT = 1;
const LONG = 10 * 60_000;
const GRACE = 5 * 60_000;
const PAUSE = 25;

const at = (base: Date, ms: number) => new Date(base.getTime() + ms).toISOString();
const slot = (base: Date, over: Partial<NewDelivery> = {}): NewDelivery => ({
  key: `channel:T1:C1:${base.toISOString()}`,
  teamId: 'T1',
  kind: 'channel',
  targetId: 'C1',
  slotAt: base.toISOString(),
  night: '2026-11-28',
  ...over,
});
const keys = (deliveries: Delivery[]) => deliveries.map((d) => d.key).sort();

describeStores('store contract: nudge settings', (database) => {
  it('turns a channel on, changes it, and keeps an off row (which silences the env channel too)', async () => {
    const store = await database().open();
    const T0 = '2026-11-29T06:00:00.000Z';
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
    expect(await store.nudges.getChannel('T1', 'C1')).toEqual({
      teamId: 'T1',
      channelId: 'C1',
      enabled: true,
      time: '21:30',
      zone: 'Asia/Shanghai',
      setBy: 'U2',
      offReason: null,
      locale: null,
      updatedAt: T0,
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
    expect(await store.nudges.disableChannel('T1', 'CENV', { time: '22:00', zone: 'UTC' }, null, T0)).toBeUndefined();
    expect(await store.nudges.getChannel('T1', 'CENV')).toMatchObject({ enabled: false, time: '22:00', zone: 'UTC' });
    expect((await store.nudges.listChannels('T1')).map((c) => c.channelId)).toEqual(['C1', 'CENV']);
    expect(await store.nudges.listChannels('T2')).toEqual([]);
  });

  it('saves a person nudge and reads enabled ones with their zone facts', async () => {
    const store = await database().open();
    const ada = { teamId: 'T1', userId: 'U1' };
    const nudge = {
      ...ada,
      enabled: true,
      time: '22:00',
      weekends: false,
      resumeOn: '2026-12-03',
      offReason: null,
      updatedAt: '2026-11-29T06:00:00.000Z',
    };
    await store.people.setTimezoneOverride(ada, 'Europe/London');
    await store.nudges.savePerson(nudge);
    await store.nudges.savePerson({ ...nudge, userId: 'U2', enabled: false, weekends: true, resumeOn: null });
    expect(await store.nudges.getPerson(ada)).toEqual(nudge);
    expect(await store.nudges.enabledPeople()).toEqual([{ ...nudge, tzOverride: 'Europe/London', slackTz: null }]);
    expect(await store.nudges.countEnabledPeople('T1')).toBe(1);
    expect(await store.nudges.countEnabledPeople('T2')).toBe(0);
  });
});

describeStores('store contract: delivery ledger', (database) => {
  const two = async (): Promise<[Store, Store]> => [await database().open(), await database().open()];

  it('lets exactly one of two processes claim a slot, or its target’s night', async () => {
    const [a, b] = await two();
    const now = await a.nudges.clock();
    const results = await Promise.all([a.nudges.claim(slot(now), 'a', LONG), b.nudges.claim(slot(now), 'b', LONG)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const sameNight = slot(now, { key: 'later-same-night', slotAt: at(now, 3600_000) });
    expect(await b.nudges.claim(sameNight, 'b', LONG)).toBe(false);
    expect(await b.nudges.enqueue([sameNight])).toBe(0);
    const cron = slot(now, { key: 'cron', slotAt: at(now, 5000), night: null });
    expect(await b.nudges.claim(cron, 'b', LONG)).toBe(true);
  });

  it('enqueues each slot once, however many processes enqueue the same slots at once', async () => {
    const [a, b] = await two();
    const now = await a.nudges.clock();
    const slots = Array.from({ length: 50 }, (_, i) => slot(now, { key: `k${i}`, targetId: `C${i}` }));
    const sameNight = slot(now, { key: 'k0-later', targetId: 'C0', slotAt: at(now, 60_000) });
    const added = await Promise.all([a.nudges.enqueue(slots), b.nudges.enqueue([...slots, sameNight])]);
    expect(added[0] + added[1]).toBe(50);
    expect(await a.nudges.enqueue([])).toBe(0);
    expect(await a.nudges.getDelivery('k7')).toMatchObject({ status: 'pending', owner: null, leaseUntil: null });
    expect(await a.nudges.getDelivery('k0-later')).toBeUndefined();
  });

  it('hands disjoint batches to concurrent claimers, oldest slot first, leased on the store’s clock', async () => {
    const [a, b] = await two();
    const now = await a.nudges.clock();
    const slots = Array.from({ length: 30 }, (_, i) =>
      slot(now, { key: `k${String(i).padStart(2, '0')}`, targetId: `C${i}`, slotAt: at(now, -i * 1000) }),
    );
    await a.nudges.enqueue(slots);
    const before = await a.nudges.clock();
    const [mine, theirs] = await Promise.all([
      a.nudges.claimBatch('a', 20, LONG, GRACE),
      b.nudges.claimBatch('b', 20, LONG, GRACE),
    ]);
    const after = await a.nudges.clock();
    const all = [...mine, ...theirs];
    expect(new Set(all.map((d) => d.key)).size).toBe(30);
    expect(Math.max(mine.length, theirs.length)).toBeGreaterThanOrEqual(15);
    for (const batch of [mine, theirs]) {
      expect(batch.map((d) => d.slotAt)).toEqual(batch.map((d) => d.slotAt).sort());
    }
    expect(all.map((d) => d.slotAt).sort()[0]).toBe(at(now, -29_000));
    for (const d of all) {
      expect(d).toMatchObject({ status: 'claimed', owner: mine.includes(d) ? 'a' : 'b', attempts: 0 });
      const lease = Date.parse(d.leaseUntil!);
      expect(lease).toBeGreaterThanOrEqual(before.getTime() + LONG);
      expect(lease).toBeLessThanOrEqual(after.getTime() + LONG);
    }
    expect(await a.nudges.claimBatch('c', 10, LONG, GRACE)).toEqual([]);
    expect(await a.nudges.claimBatch('c', 0, LONG, GRACE)).toEqual([]);
  });

  it('fences every update by owner: a process that lost its claim changes nothing', async () => {
    const store = await database().open();
    const d = slot(await store.nudges.clock());
    await store.nudges.claim(d, 'a', LONG);
    expect(await store.nudges.markSending(d.key, 'b', LONG)).toBe(false);
    expect(await store.nudges.markSent(d.key, 'b', '1.1')).toBe(false);
    expect(await store.nudges.renew(d.key, 'b', LONG)).toBe(false);
    expect(await store.nudges.release('b')).toBe(0);
    expect(await store.nudges.renew(d.key, 'a', LONG)).toBe(true);
    expect(await store.nudges.markSending(d.key, 'a', LONG)).toBe(true);
    expect(await store.nudges.markSent(d.key, 'a', '1.2')).toBe(true);
    expect(await store.nudges.getDelivery(d.key)).toMatchObject({
      status: 'sent',
      messageTs: '1.2',
      attempts: 1,
      leaseUntil: null,
    });
    expect(await store.nudges.markFailed(d.key, 'a', 'x')).toBe(false);
    expect(await store.nudges.getDelivery('no-such-key')).toBeUndefined();
  });

  it('counts refused posts out and uncertain ones in, and refuses a post beyond the bound', async () => {
    const store = await database().open();
    const d = slot(await store.nudges.clock());
    await store.nudges.claim(d, 'a', LONG);
    await store.nudges.markSending(d.key, 'a', LONG);
    expect(await store.nudges.markRefused(d.key, 'a', LONG, 'ratelimited')).toBe(true);
    expect(await store.nudges.getDelivery(d.key)).toMatchObject({
      status: 'claimed',
      attempts: 0,
      error: 'ratelimited',
    });
    await store.nudges.markSending(d.key, 'a', LONG);
    expect(await store.nudges.markUncertain(d.key, 'a', LONG, 'http_504')).toBe(true);
    expect(await store.nudges.getDelivery(d.key)).toMatchObject({ status: 'claimed', attempts: 1 });
    expect(await store.nudges.markSending(d.key, 'a', LONG)).toBe(true);
    await store.nudges.markUncertain(d.key, 'a', LONG, 'request_timeout');
    expect(await store.nudges.markSending(d.key, 'a', LONG)).toBe(false);
    expect(await store.nudges.getDelivery(d.key)).toMatchObject({ status: 'claimed', attempts: MAX_UNCERTAIN_POSTS });
  });

  it('takes over expired leases: claimed ones always, sending ones once, and gives up the rest loudly', async () => {
    const [store, other] = await two();
    const now = await store.nudges.clock();
    const claimed = slot(now, { key: 'k-claimed', targetId: 'C1' });
    const sending = slot(now, { key: 'k-sending', targetId: 'C2' });
    const twice = slot(now, { key: 'k-twice', targetId: 'C3' });
    const fresh = slot(now, { key: 'k-fresh', targetId: 'C4' });
    const old = slot(now, { key: 'k-old', targetId: 'C5', slotAt: at(now, -2 * GRACE), night: '2026-11-27' });
    for (const d of [claimed, sending, twice, old]) await store.nudges.claim(d, 'dead', LONG);
    await store.nudges.claim(fresh, 'alive', LONG);
    // Nothing is taken while its lease runs.
    expect(await other.nudges.claimBatch('early', 10, LONG, 3 * GRACE)).toEqual([]);
    expect(await other.nudges.expire(GRACE)).toEqual([]);
    // The dead process's last words: short leases that run out at once.
    await store.nudges.renew(claimed.key, 'dead', SHORT);
    await store.nudges.renew(old.key, 'dead', SHORT);
    await store.nudges.markSending(sending.key, 'dead', SHORT);
    await store.nudges.markSending(twice.key, 'dead', LONG);
    await store.nudges.markUncertain(twice.key, 'dead', LONG, 'request_timeout');
    await store.nudges.markSending(twice.key, 'dead', SHORT);
    await sleep(PAUSE);

    const given = await other.nudges.expire(GRACE);
    expect(given.map((d) => [d.key, d.status, d.error?.split(':')[0]]).sort()).toEqual([
      ['k-old', 'failed', 'expired'],
      ['k-twice', 'failed', 'abandoned'],
    ]);
    const taken = await other.nudges.claimBatch('new', 10, LONG, GRACE);
    expect(taken.map((d) => [d.key, d.attempts, d.reclaims, d.owner]).sort()).toEqual([
      ['k-claimed', 0, 0, 'new'],
      ['k-sending', 1, 1, 'new'],
    ]);
    expect(await store.nudges.claimBatch('another', 10, LONG, GRACE)).toEqual([]);
    expect(await store.nudges.getDelivery('k-fresh')).toMatchObject({ owner: 'alive', status: 'claimed' });
    // The dead process cannot finish what was taken from it.
    expect(await store.nudges.markSent('k-claimed', 'dead', '1.1')).toBe(false);
    // A second crash while sending: two posts may have landed, so it is not taken again.
    await other.nudges.markSending('k-sending', 'new', SHORT);
    await sleep(PAUSE);
    expect(keys(await store.nudges.claimBatch('third', 10, LONG, GRACE))).not.toContain('k-sending');
    expect(keys(await store.nudges.expire(GRACE))).toEqual(['k-sending']);
    expect(await store.nudges.getDelivery('k-sending')).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^abandoned/),
    });
  });

  it('skips pending slots that waited past the grace window, and never claims them', async () => {
    const store = await database().open();
    const now = await store.nudges.clock();
    const late = slot(now, { slotAt: at(now, -GRACE - 1000) });
    await store.nudges.enqueue([late]);
    expect(await store.nudges.claimBatch('a', 10, LONG, GRACE)).toEqual([]);
    expect((await store.nudges.expire(GRACE)).map((d) => [d.key, d.status, d.error])).toEqual([
      [late.key, 'skipped', 'expired before it could be sent'],
    ]);
  });

  it('hands unstarted claims back at once on release, and keeps sending ones', async () => {
    const [a, b] = await two();
    const now = await a.nudges.clock();
    await a.nudges.enqueue([slot(now, { key: 'k1', targetId: 'C1' }), slot(now, { key: 'k2', targetId: 'C2' })]);
    expect(await a.nudges.claimBatch('a', 10, LONG, GRACE)).toHaveLength(2);
    await a.nudges.markSending('k2', 'a', LONG);
    expect(await a.nudges.release('a')).toBe(1);
    expect(await a.nudges.getDelivery('k1')).toMatchObject({ status: 'pending', owner: null, leaseUntil: null });
    expect(keys(await b.nudges.claimBatch('b', 10, LONG, GRACE))).toEqual(['k1']);
    expect(await a.nudges.getDelivery('k2')).toMatchObject({ status: 'sending', owner: 'a' });
  });

  it('records a skipped slot once', async () => {
    const store = await database().open();
    const d = slot(await store.nudges.clock());
    expect(await store.nudges.recordSkipped(d, 'missed')).toBe(true);
    expect(await store.nudges.recordSkipped(d, 'missed')).toBe(false);
    expect(await store.nudges.claim(d, 'a', LONG)).toBe(false);
    expect(await store.nudges.getDelivery(d.key)).toMatchObject({ status: 'skipped', error: 'missed', owner: null });
  });

  it('renews all of an owner’s open claims on the store’s clock, prunes old rows, and keeps small state', async () => {
    const store = await database().open();
    const now = await store.nudges.clock();
    await store.nudges.claim(slot(now), 'a', SHORT);
    await store.nudges.claim(slot(now, { key: 'k2', targetId: 'C2' }), 'a', SHORT);
    await store.nudges.claim(slot(now, { key: 'k3', targetId: 'C3' }), 'b', SHORT);
    const before = await store.nudges.clock();
    expect(await store.nudges.renewAll('a', LONG)).toBe(2);
    expect(Date.parse((await store.nudges.getDelivery('k2'))!.leaseUntil!)).toBeGreaterThanOrEqual(
      before.getTime() + LONG,
    );
    expect(await store.nudges.prune(at(now, 1))).toBe(3);
    expect(await store.nudges.getState('k')).toBeUndefined();
    await store.nudges.setState('k', 'v1');
    await store.nudges.setState('k', 'v2');
    expect(await store.nudges.getState('k')).toBe('v2');
  });
});

describeStores('store contract: named leases', (database) => {
  it('one holder at a time across processes; taken over once expired; released only by its holder', async () => {
    const a = await database().open();
    const b = await database().open();
    const results = await Promise.all([
      a.leases.tryAcquireLease('directory:T1', 'a', LONG),
      b.leases.tryAcquireLease('directory:T1', 'b', LONG),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const [holder, other] = results[0] ? ['a', 'b'] : ['b', 'a'];
    expect(await a.leases.tryAcquireLease('directory:T1', holder!, LONG)).toBe(true);
    await a.leases.releaseLease('directory:T1', other!);
    expect(await b.leases.tryAcquireLease('directory:T1', other!, LONG)).toBe(false);
    expect(await a.leases.tryAcquireLease('prune', other!, LONG)).toBe(true);
    // The holder's last renewal was short, and it died.
    expect(await a.leases.tryAcquireLease('directory:T1', holder!, SHORT)).toBe(true);
    await sleep(PAUSE);
    expect(await b.leases.tryAcquireLease('directory:T1', other!, LONG)).toBe(true);
    await b.leases.releaseLease('directory:T1', other!);
    expect(await a.leases.tryAcquireLease('directory:T1', 'c', LONG)).toBe(true);
  });
});
