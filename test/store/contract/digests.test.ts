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
