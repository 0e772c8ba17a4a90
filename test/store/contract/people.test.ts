import { expect, it } from 'vitest';
import type { Store } from '../../../src/store/types.js';
import { describeStores, entry } from './kit.js';

const ada = { teamId: 'T1', userId: 'U1' };
const T0 = '2026-11-29T06:00:00.000Z';

describeStores('store contract: people', (database) => {
  it('keeps the override and the Slack zone separately', async () => {
    const store = await database().open();
    expect(await store.people.getPerson(ada)).toBeUndefined();
    await store.people.saveSlackTimezone(ada, 'America/New_York', '2026-11-29T00:00:00.000Z');
    await store.people.setTimezoneOverride(ada, 'Asia/Shanghai');
    expect(await store.people.getPerson(ada)).toEqual({
      ...ada,
      tzOverride: 'Asia/Shanghai',
      slackTz: 'America/New_York',
      slackTzFetchedAt: '2026-11-29T00:00:00.000Z',
      slackLocale: null,
      localeOverride: null,
    });
    await store.people.setTimezoneOverride(ada, null);
    expect(await store.people.getPerson(ada)).toMatchObject({ tzOverride: null, slackTz: 'America/New_York' });
  });

  it('updates a whole directory of zones at once for people who use Lights Out only, keeping overrides', async () => {
    const store = await database().open();
    await store.people.setTimezoneOverride(ada, 'Europe/London');
    await store.people.saveSlackTimezone({ teamId: 'T1', userId: 'U2' }, 'Europe/Paris', T0);
    await store.nudges.savePerson({
      teamId: 'T1',
      userId: 'U4',
      enabled: true,
      time: '22:00',
      weekends: false,
      resumeOn: null,
      offReason: null,
      updatedAt: T0,
    });
    const directory = [
      { userId: 'U1', zone: 'America/Los_Angeles', locale: 'en-US' },
      { userId: 'U2', zone: null, locale: null },
      { userId: 'U3', zone: 'Asia/Shanghai', locale: 'zh-CN' }, // never used Lights Out: never stored
      { userId: 'U4', zone: 'Asia/Tokyo', locale: 'zh-CN' }, // has a personal nudge
    ];
    expect(await store.people.updateKnownSlackTimezones('T1', directory, T0)).toBe(3);
    expect(await store.people.updateKnownSlackTimezones('T1', [], T0)).toBe(0);
    expect(await store.people.getPerson(ada)).toEqual({
      ...ada,
      tzOverride: 'Europe/London',
      slackTz: 'America/Los_Angeles',
      slackTzFetchedAt: T0,
      slackLocale: 'en-US',
      localeOverride: null,
    });
    expect(await store.people.getPerson({ teamId: 'T1', userId: 'U2' })).toMatchObject({ slackTz: null });
    expect(await store.people.getPerson({ teamId: 'T1', userId: 'U3' })).toBeUndefined();
    expect(await store.people.getPerson({ teamId: 'T1', userId: 'U4' })).toMatchObject({
      slackTz: 'Asia/Tokyo',
      slackLocale: 'zh-CN',
    });
    expect(await store.people.getPerson({ teamId: 'T2', userId: 'U3' })).toBeUndefined();
  });
});

describeStores('store contract: languages', (database) => {
  it('keeps the Slack locale with the zone, and the /hours lang choice apart from both', async () => {
    const store = await database().open();
    await store.people.saveSlackTimezone(ada, 'Asia/Shanghai', T0, 'zh-CN');
    await store.people.setLocaleOverride(ada, 'en');
    expect(await store.people.getPerson(ada)).toMatchObject({ slackLocale: 'zh-CN', localeOverride: 'en' });
    // A zone read without a locale (an older caller) leaves the cached locale alone; null means Slack gave none.
    await store.people.saveSlackTimezone(ada, 'Asia/Tokyo', T0);
    expect(await store.people.getPerson(ada)).toMatchObject({ slackTz: 'Asia/Tokyo', slackLocale: 'zh-CN' });
    await store.people.saveSlackTimezone(ada, 'Asia/Tokyo', T0, null);
    expect(await store.people.getPerson(ada)).toMatchObject({ slackLocale: null, localeOverride: 'en' });
    await store.people.setLocaleOverride(ada, null);
    expect(await store.people.getPerson(ada)).toMatchObject({ localeOverride: null });
    // Choosing a language makes the person's row on its own, like choosing a zone does.
    const ben = { teamId: 'T1', userId: 'U2' };
    await store.people.setLocaleOverride(ben, 'zh');
    expect(await store.people.getPerson(ben)).toMatchObject({ localeOverride: 'zh', slackLocale: null, slackTz: null });
  });

  it('forgets the language with the person', async () => {
    const store = await database().open();
    await store.people.setLocaleOverride(ada, 'zh');
    await store.people.forget(ada);
    expect(await store.people.getPerson(ada)).toBeUndefined();
  });

  it("keeps a channel's language with its nudge: set alone it never turns a nudge on", async () => {
    const store = await database().open();
    const fallback = { time: '22:00', zone: 'America/Los_Angeles' };
    await store.nudges.setChannelLocale('T1', 'C1', 'zh', fallback, T0);
    expect(await store.nudges.getChannel('T1', 'C1')).toMatchObject({ enabled: false, locale: 'zh', time: '22:00' });
    const on = { teamId: 'T1', channelId: 'C1', time: '21:30', zone: 'Europe/London', setBy: 'U1', at: T0 };
    await store.nudges.enableChannel(on);
    expect(await store.nudges.getChannel('T1', 'C1')).toMatchObject({ enabled: true, locale: 'zh', time: '21:30' });
    await store.nudges.enableChannel({ ...on, locale: 'en' });
    expect(await store.nudges.getChannel('T1', 'C1')).toMatchObject({ locale: 'en' });
    await store.nudges.setChannelLocale('T1', 'C1', null, fallback, T0);
    expect(await store.nudges.getChannel('T1', 'C1')).toMatchObject({ enabled: true, locale: null, time: '21:30' });
    await store.nudges.enableChannel({ ...on, channelId: 'C2', locale: 'zh' });
    expect(await store.nudges.getChannel('T1', 'C2')).toMatchObject({ enabled: true, locale: 'zh' });
  });
});

describeStores('store contract: workspaces', (database) => {
  it('lists every workspace that has a row anywhere, once each, sorted', async () => {
    const store = await database().open();
    expect(await store.workspaceIds()).toEqual([]);
    await store.hours.addEntry(entry('2026-11-27', 60, { teamId: 'T2', userId: 'U1' }), 1440);
    await store.hours.addEntry(entry('2026-11-27', 60, { teamId: 'T2', userId: 'U2' }), 1440);
    await store.people.saveSlackTimezone({ teamId: 'T9', userId: 'U1' }, 'Europe/London', T0);
    expect(await store.workspaceIds()).toEqual(['T2', 'T9']);
  });
});

describeStores('store contract: history', (database) => {
  it('returns recently shown items, newest first, per channel and kind', async () => {
    const store = await database().open();
    for (const id of ['a', 'b', 'c']) await store.history.record('T1', 'C1', 'quote', id, T0);
    await store.history.record('T1', 'C2', 'quote', 'z', T0);
    await store.history.record('T1', 'C1', 'fact', 'f', T0);
    await store.history.record('T2', 'C1', 'quote', 'other-team', T0);
    expect(await store.history.recent('T1', 'C1', 'quote', 2)).toEqual(['c', 'b']);
    expect(await store.history.recent('T1', 'C2', 'quote', 5)).toEqual(['z']);
    expect(await store.history.recent('T1', 'C9', 'quote', 5)).toEqual([]);
  });

  it('keeps the newest 50 per channel and kind, and keeps them across a restart', async () => {
    const store = await database().open();
    for (let i = 0; i < 80; i++) await store.history.record('T1', 'C1', 'quote', `q${i}`, T0);
    await store.close();
    const reopened = await database().open();
    const kept = await reopened.history.recent('T1', 'C1', 'quote', 100);
    expect(kept).toHaveLength(50);
    expect(kept[0]).toBe('q79');
    expect(kept.at(-1)).toBe('q30');
    expect(await database().countWhere('shown_items', 'channel_id', 'C1')).toBe(50);
  });
});

/** Gives the person a row in everything the store keeps about people. */
async function seedEverything(store: Store, who: { teamId: string; userId: string }): Promise<void> {
  await store.hours.addEntry(entry('2026-11-27', 60, who, 'a note'), 1440);
  await store.hours.addEntry(entry('2026-11-28', 60, who), 1440);
  await store.people.setTimezoneOverride(who, 'Europe/London');
  await store.people.saveSlackTimezone(who, 'Europe/Paris', T0);
  await store.nudges.savePerson({
    ...who,
    enabled: true,
    time: '22:00',
    weekends: false,
    resumeOn: '2026-12-01',
    offReason: null,
    updatedAt: T0,
  });
  await store.nudges.enableChannel({
    teamId: who.teamId,
    channelId: `C-${who.userId}`,
    time: '22:00',
    zone: 'UTC',
    setBy: who.userId,
    at: T0,
  });
  const slotAt = '2026-11-29T22:00:00.000Z';
  await store.nudges.claim(
    {
      key: `person:${who.teamId}:${who.userId}:${slotAt}`,
      teamId: who.teamId,
      kind: 'person',
      targetId: who.userId,
      slotAt,
      night: '2026-11-29',
    },
    'owner',
    120_000,
  );
  await store.leases.tryAcquireLease(`directory:${who.teamId}`, 'owner', 60_000);
  await store.charts.save({
    ...who,
    weekStart: '2026-11-23',
    locale: 'en',
    cacheKey: 'c'.repeat(32),
    fileId: 'F0CHART',
    fileUrl: null,
    uploadedAt: T0,
  });
  await store.digests.save({ ...who, enabled: true, updatedAt: T0 });
}

describeStores('store contract: forget', (database) => {
  it('leaves nothing of the person in any table of the schema, and everyone else untouched', async () => {
    const store = await database().open();
    const forgotten = { teamId: 'T1', userId: 'UFORGET1' };
    const kept = { teamId: 'T1', userId: 'UKEEP1' };
    await seedEverything(store, forgotten);
    await seedEverything(store, kept);

    // Every column of every table, from the database's own catalogue (not a hand-written list).
    const columns = (await database().columns()).filter(({ column }) => column !== 'team_id');
    const holding = async (userId: string) => {
      const found = new Set<string>();
      for (const { table, column } of columns) {
        if ((await database().countWhere(table, column, userId)) > 0) found.add(table);
      }
      return found;
    };
    const before = await holding(forgotten.userId);
    // The seed reaches every table that has a user column: a new table must be seeded (and forgotten) here.
    const userTables = new Set(columns.filter(({ column }) => column === 'user_id').map(({ table }) => table));
    expect([...userTables].filter((table) => !before.has(table))).toEqual([]);
    expect(before.size).toBeGreaterThanOrEqual(4);

    const channelSlot = {
      key: 'channel:T1:C-UFORGET1:2026-11-29T22:00:00.000Z',
      teamId: 'T1',
      kind: 'channel' as const,
      targetId: `C-${forgotten.userId}`,
      slotAt: '2026-11-29T22:00:00.000Z',
      night: '2026-11-29',
    };
    await store.nudges.claim(channelSlot, 'owner', 120_000);
    expect(await store.people.forget(forgotten)).toEqual({ entries: 2 });
    // A channel's delivery is the channel's, not the person's.
    expect(await store.nudges.getDelivery(channelSlot.key)).toBeDefined();
    expect([...(await holding(forgotten.userId))]).toEqual([]);
    expect([...(await holding(kept.userId))].sort()).toEqual([...before].sort());
    // Forgetting someone leaves the channel they set up running, without their name on it.
    expect(await store.nudges.getChannel('T1', `C-${forgotten.userId}`)).toMatchObject({
      enabled: true,
      setBy: null,
    });
    expect(await store.people.forget(forgotten)).toEqual({ entries: 0 });
  });
});
