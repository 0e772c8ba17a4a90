import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/store/sqlite.js';

const ada = { teamId: 'T1', userId: 'UADA' };
const bob = { teamId: 'T1', userId: 'UBOB' };
const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function withEntries() {
  const store = new SqliteStore(':memory:');
  stores.push(store);
  const add = async (workDate: string, minutes: number, note: string | null) => {
    const added = await store.hours.addEntry({ ...ada, workDate, minutes, note, loggedAt: 'x' }, 1440);
    if (!added.ok) throw new Error('setup');
    return added.entry;
  };
  const first = await add('2026-11-24', 600, 'a');
  const second = await add('2026-11-24', 600, 'b');
  await add('2026-11-23', 60, null);
  return { store, first, second };
}

describe('the store: a day’s entries and changing one', () => {
  it('lists one date’s entries in the order they were logged', async () => {
    const { store, first, second } = await withEntries();
    expect((await store.hours.entriesOn(ada, '2026-11-24')).map((e) => e.id)).toEqual([first.id, second.id]);
    expect(await store.hours.entriesOn(bob, '2026-11-24')).toEqual([]);
  });

  it('changes minutes and note in one step, keeps the note when none is given, and checks the cap without the entry itself', async () => {
    const { store, first } = await withEntries();
    const edited = await store.hours.updateEntry(ada, first.id, { minutes: 840, note: 'c' }, 1440);
    expect(edited).toMatchObject({
      ok: true,
      before: { minutes: 600, note: 'a' },
      entry: { minutes: 840, note: 'c' },
      dayMinutes: 1440,
    });
    const kept = await store.hours.updateEntry(ada, first.id, { minutes: 60 }, 1440);
    expect(kept).toMatchObject({ ok: true, entry: { minutes: 60, note: 'c' }, dayMinutes: 660 });
    const cleared = await store.hours.updateEntry(ada, first.id, { minutes: 60, note: null }, 1440);
    expect(cleared).toMatchObject({ ok: true, entry: { note: null } });
    expect(await store.hours.updateEntry(ada, first.id, { minutes: 841 }, 1440)).toMatchObject({
      ok: false,
      reason: 'day_cap',
      dayMinutes: 600,
    });
  });

  it('never changes another person’s entry', async () => {
    const { store, first } = await withEntries();
    expect(await store.hours.updateEntry(bob, first.id, { minutes: 1 }, 1440)).toEqual({
      ok: false,
      reason: 'not_found',
    });
    expect((await store.hours.entriesOn(ada, '2026-11-24'))[0]).toMatchObject({ minutes: 600 });
  });
});
