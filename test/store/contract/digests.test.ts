import { expect, it } from 'vitest';
import { describeStores } from './kit.js';

const ada = { teamId: 'T1', userId: 'U1' };
const ben = { teamId: 'T1', userId: 'U2' };
const T0 = '2026-11-29T06:00:00.000Z';
const T1 = '2026-11-30T06:00:00.000Z';

describeStores('store contract: digest choices', (database) => {
  it('keeps each person’s choice, the latest replacing the one before', async () => {
    const store = await database().open();
    expect(await store.digests.get(ada)).toBeUndefined();
    await store.digests.save({ ...ada, enabled: true, updatedAt: T0 });
    expect(await store.digests.get(ada)).toEqual({ ...ada, enabled: true, updatedAt: T0 });
    await store.digests.save({ ...ada, enabled: false, updatedAt: T1 });
    expect(await store.digests.get(ada)).toEqual({ ...ada, enabled: false, updatedAt: T1 });
    expect(await store.digests.get(ben)).toBeUndefined();
    expect(await store.digests.get({ teamId: 'T2', userId: 'U1' })).toBeUndefined();
  });

  it('lists only the people who have it on, across workspaces, with their zone facts', async () => {
    const store = await database().open();
    await store.people.setTimezoneOverride(ada, 'Asia/Shanghai');
    await store.people.saveSlackTimezone(ada, 'Europe/London', T0);
    await store.digests.save({ ...ada, enabled: true, updatedAt: T0 });
    await store.digests.save({ ...ben, enabled: false, updatedAt: T0 });
    await store.digests.save({ teamId: 'T2', userId: 'U9', enabled: true, updatedAt: T1 });
    const enabled = (await store.digests.enabledPeople()).sort((a, b) => a.teamId.localeCompare(b.teamId));
    expect(enabled).toEqual([
      { ...ada, enabled: true, updatedAt: T0, tzOverride: 'Asia/Shanghai', slackTz: 'Europe/London' },
      { teamId: 'T2', userId: 'U9', enabled: true, updatedAt: T1, tzOverride: null, slackTz: null },
    ]);
  });

  it('are erased by /hours forget for that person only', async () => {
    const store = await database().open();
    await store.digests.save({ ...ada, enabled: true, updatedAt: T0 });
    await store.digests.save({ ...ben, enabled: true, updatedAt: T0 });
    await store.people.forget(ada);
    expect(await store.digests.get(ada)).toBeUndefined();
    expect(await store.digests.get(ben)).toMatchObject({ enabled: true });
  });
});

describeStores('store contract: digest deliveries in the nudge ledger', (database) => {
  const slotAt = () => new Date(Date.now() - 60_000).toISOString();
  const digest = (userId: string, at: string, night = '2026-11-30') => ({
    key: `digest:T1:${userId}:${at}`,
    teamId: 'T1',
    kind: 'digest' as const,
    targetId: userId,
    slotAt: at,
    night,
  });
  const HOUR = 60 * 60_000;

  it('holds one digest per person per Monday, beside that night’s nudge, and two stores claim it once', async () => {
    const a = await database().open();
    const b = await database().open();
    const at = slotAt();
    expect(await a.nudges.enqueue([digest('U1', at)])).toBe(1);
    // The same Monday again (another replica, or the zone changed so the slot moved): no second row.
    expect(await b.nudges.enqueue([digest('U1', at)])).toBe(0);
    expect(await b.nudges.enqueue([digest('U1', new Date(Date.parse(at) - HOUR).toISOString())])).toBe(0);
    // A personal nudge of the same night is a different kind: it has its own row.
    const nudge = { ...digest('U1', at), key: `person:T1:U1:${at}`, kind: 'person' as const };
    expect(await a.nudges.enqueue([nudge])).toBe(1);
    const [fromA, fromB] = await Promise.all([
      a.nudges.claimBatch('a', 10, 60_000, 2 * HOUR),
      b.nudges.claimBatch('b', 10, 60_000, 2 * HOUR),
    ]);
    const claimed = [...fromA, ...fromB].map((row) => `${row.kind}:${row.owner}`);
    expect(claimed).toHaveLength(2);
    expect(claimed.filter((row) => row.startsWith('digest:'))).toHaveLength(1);
  });

  it('never lets more than MAX_UNCERTAIN_POSTS digest posts through, and goes with /hours forget', async () => {
    const store = await database().open();
    const at = slotAt();
    const row = digest('U1', at);
    expect(await store.nudges.claim(row, 'a', 60_000)).toBe(true);
    expect(await store.nudges.markSending(row.key, 'a', 60_000)).toBe(true);
    expect(await store.nudges.markUncertain(row.key, 'a', 60_000, 'timeout')).toBe(true);
    expect(await store.nudges.markSending(row.key, 'a', 60_000)).toBe(true);
    expect(await store.nudges.markUncertain(row.key, 'a', 60_000, 'timeout')).toBe(true);
    expect(await store.nudges.markSending(row.key, 'a', 60_000)).toBe(false);
    expect(await store.nudges.getDelivery(row.key)).toMatchObject({ kind: 'digest', attempts: 2 });
    const ben = digest('U2', at);
    expect(await store.nudges.enqueue([ben])).toBe(1);
    await store.people.forget({ teamId: 'T1', userId: 'U1' });
    expect(await store.nudges.getDelivery(row.key)).toBeUndefined();
    expect(await store.nudges.getDelivery(ben.key)).toMatchObject({ kind: 'digest', status: 'pending' });
  });
});
