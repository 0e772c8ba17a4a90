import { expect, it } from 'vitest';
import type { ChartFile } from '../../../src/store/charts.js';
import { describeStores, entry } from './kit.js';

const ada = { teamId: 'T1', userId: 'U1' };
const ben = { teamId: 'T1', userId: 'U2' };
const slot = { weekStart: '2026-11-23', locale: 'en' };

const file = (over: Partial<ChartFile> = {}): ChartFile => ({
  ...ada,
  ...slot,
  cacheKey: 'a'.repeat(32),
  fileId: 'F0001',
  fileUrl: 'https://files.example/F0001.png',
  uploadedAt: '2026-11-29T06:00:00.000Z',
  ...over,
});

describeStores('store contract: chart files', (database) => {
  it('keeps one picture per person, week and language, the latest upload replacing the one before', async () => {
    const store = await database().open();
    expect(await store.charts.get(ada, slot)).toBeUndefined();
    await store.charts.save(file());
    expect(await store.charts.get(ada, slot)).toEqual(file());
    const newer = file({
      cacheKey: 'b'.repeat(32),
      fileId: 'F0002',
      fileUrl: null,
      uploadedAt: '2026-11-30T06:00:00.000Z',
    });
    await store.charts.save(newer);
    expect(await store.charts.get(ada, slot)).toEqual(newer);
    // Another language, week, person or workspace is another picture.
    expect(await store.charts.get(ada, { ...slot, locale: 'zh' })).toBeUndefined();
    expect(await store.charts.get(ada, { ...slot, weekStart: '2026-11-16' })).toBeUndefined();
    expect(await store.charts.get(ben, slot)).toBeUndefined();
    expect(await store.charts.get({ teamId: 'T2', userId: 'U1' }, slot)).toBeUndefined();
  });

  it('prunes pictures uploaded before a given instant', async () => {
    const store = await database().open();
    await store.charts.save(file({ weekStart: '2026-10-05', uploadedAt: '2026-10-05T06:00:00.000Z' }));
    await store.charts.save(file());
    expect(await store.charts.prune('2026-11-01T00:00:00.000Z')).toBe(1);
    expect(await store.charts.get(ada, { ...slot, weekStart: '2026-10-05' })).toBeUndefined();
    expect(await store.charts.get(ada, slot)).toEqual(file());
  });

  it('are erased by /hours forget for that person only', async () => {
    const store = await database().open();
    await store.hours.addEntry(entry('2026-11-23', 60, ada), 1440);
    await store.charts.save(file());
    await store.charts.save(file({ ...ben }));
    await store.people.forget(ada);
    expect(await store.charts.get(ada, slot)).toBeUndefined();
    expect(await store.charts.get(ben, slot)).toEqual(file({ ...ben }));
    expect(await database().countWhere('chart_files', 'user_id', 'U1')).toBe(0);
  });
});
