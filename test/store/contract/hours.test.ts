import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { projectPath } from '../../../src/paths.js';
import { describeStores, entry } from './kit.js';

const ada = { teamId: 'T1', userId: 'U1' };
const bob = { teamId: 'T1', userId: 'U2' };

describeStores('store contract: hours', (database) => {
  it('adds entries under the day cap and refuses the one that would pass it', async () => {
    const store = await database().open();
    const first = await store.hours.addEntry(entry('2026-11-27', 600, ada, 'evals'), 1440);
    expect(first).toEqual({
      ok: true,
      entry: { id: expect.any(Number), ...entry('2026-11-27', 600, ada, 'evals') },
      dayMinutes: 600,
    });
    expect(await store.hours.addEntry(entry('2026-11-27', 840), 1440)).toMatchObject({ ok: true, dayMinutes: 1440 });
    expect(await store.hours.addEntry(entry('2026-11-27', 1), 1440)).toEqual({
      ok: false,
      reason: 'day_cap',
      dayMinutes: 1440,
    });
    expect(await store.hours.dailyTotals(ada, '2026-11-01', '2026-11-30')).toEqual([
      { date: '2026-11-27', minutes: 1440 },
    ]);
  });

  it('returns entries, totals and counts in the same shapes on every store', async () => {
    const store = await database().open();
    await store.hours.addEntry(
      { ...entry('2026-11-25', 90, ada, 'a & <b>'), loggedAt: '2026-11-25T22:01:02.345Z' },
      1440,
    );
    await store.hours.addEntry(entry('2026-11-27', 60), 1440);
    await store.hours.addEntry(entry('2026-11-27', 30), 1440);
    await store.hours.addEntry(entry('2026-11-20', 45), 1440);
    const all = await store.hours.allEntries(ada);
    expect(all.map((e) => e.workDate)).toEqual(['2026-11-20', '2026-11-25', '2026-11-27', '2026-11-27']);
    expect(all[1]).toEqual({
      id: expect.any(Number),
      teamId: 'T1',
      userId: 'U1',
      workDate: '2026-11-25',
      minutes: 90,
      note: 'a & <b>',
      loggedAt: '2026-11-25T22:01:02.345Z',
    });
    expect(all[2]!.id).toBeLessThan(all[3]!.id);
    expect(await store.hours.countEntries(ada)).toBe(4);
    expect(await store.hours.countEntries(bob)).toBe(0);
    expect(await store.hours.dailyTotals(ada, '2026-11-21', '2026-11-27')).toEqual([
      { date: '2026-11-25', minutes: 90 },
      { date: '2026-11-27', minutes: 90 },
    ]);
    expect(await store.hours.recentDailyTotals(ada, '2026-11-26', 2)).toEqual([
      { date: '2026-11-25', minutes: 90 },
      { date: '2026-11-20', minutes: 45 },
    ]);
    expect(await store.hours.recentDailyTotals(ada, '2026-11-30', 1)).toEqual([{ date: '2026-11-27', minutes: 90 }]);
  });

  it('keeps workspaces and people apart', async () => {
    const store = await database().open();
    const { entry: mine } = (await store.hours.addEntry(entry('2026-11-27', 60), 1440)) as { entry: { id: number } };
    await store.hours.addEntry(entry('2026-11-27', 120, { teamId: 'T2', userId: 'U1' }), 1440);
    await store.hours.addEntry(entry('2026-11-27', 180, bob), 1440);
    await store.hours.addEntry(entry('2026-11-30', 500, bob), 1440);
    expect(await store.hours.dailyTotals(ada, '2026-11-27', '2026-11-27')).toEqual([
      { date: '2026-11-27', minutes: 60 },
    ]);
    expect((await store.hours.teamTotals('T1', '2026-11-23', '2026-11-29')).sort((a, b) => a - b)).toEqual([60, 180]);
    expect(await store.hours.teamTotals('T3', '2026-11-23', '2026-11-29')).toEqual([]);
    // Someone else's id removes nothing, in another workspace or the same one.
    expect(await store.hours.removeEntry({ teamId: 'T2', userId: 'U1' }, mine.id)).toBeUndefined();
    expect(await store.hours.removeEntry(bob, mine.id)).toBeUndefined();
    expect(await store.hours.removeEntry(ada, mine.id)).toMatchObject({ id: mine.id, minutes: 60 });
    expect(await store.hours.removeEntry(ada, mine.id)).toBeUndefined();
  });

  it('leaves the asker out of the team totals when asked to', async () => {
    const store = await database().open();
    await store.hours.addEntry(entry('2026-11-23', 60), 1440);
    await store.hours.addEntry(entry('2026-11-29', 30), 1440);
    await store.hours.addEntry(entry('2026-11-30', 500), 1440); // the next week
    await store.hours.addEntry(entry('2026-11-27', 180, bob), 1440);
    await store.hours.addEntry(entry('2026-11-28', 240, { teamId: 'T1', userId: 'U3' }), 1440);
    const sorted = (totals: number[]) => [...totals].sort((a, b) => a - b);
    expect(sorted(await store.hours.teamTotals('T1', '2026-11-23', '2026-11-29'))).toEqual([90, 180, 240]);
    expect(sorted(await store.hours.teamTotals('T1', '2026-11-23', '2026-11-29', 'U1'))).toEqual([180, 240]);
    expect(sorted(await store.hours.teamTotals('T1', '2026-11-23', '2026-11-29', 'U2'))).toEqual([90, 240]);
    expect(await store.hours.teamTotals('T1', '2026-11-23', '2026-11-29', 'U9')).toHaveLength(3);
  });

  it("lists a day's entries and edits one under the day cap, only the owner's", async () => {
    const store = await database().open();
    const first = await store.hours.addEntry(entry('2026-11-27', 600, ada, 'evals'), 1440);
    const second = await store.hours.addEntry(entry('2026-11-27', 300, ada, 'review'), 1440);
    await store.hours.addEntry(entry('2026-11-26', 60), 1440);
    if (!first.ok || !second.ok) throw new Error('setup');
    const day = await store.hours.entriesOn(ada, '2026-11-27');
    expect(day.map((e) => [e.id, e.minutes, e.note])).toEqual([
      [first.entry.id, 600, 'evals'],
      [second.entry.id, 300, 'review'],
    ]);
    expect(await store.hours.updateEntry(ada, first.entry.id, { minutes: 1200 }, 1440)).toEqual({
      ok: false,
      reason: 'day_cap',
      before: first.entry,
      dayMinutes: 300,
    });
    const edited = await store.hours.updateEntry(ada, first.entry.id, { minutes: 720 }, 1440);
    expect(edited).toEqual({
      ok: true,
      before: first.entry,
      entry: { ...first.entry, minutes: 720 },
      dayMinutes: 1020,
    });
    const cleared = await store.hours.updateEntry(ada, second.entry.id, { minutes: 300, note: null }, 1440);
    expect(cleared).toMatchObject({ ok: true, entry: { note: null } });
    expect(await store.hours.getEntry(ada, first.entry.id)).toEqual({ ...first.entry, minutes: 720 });
    expect(await store.hours.getEntry(bob, first.entry.id)).toBeUndefined();
    expect(await store.hours.getEntry(ada, first.entry.id + 1000)).toBeUndefined();
    expect(await store.hours.updateEntry(bob, first.entry.id, { minutes: 60 }, 1440)).toEqual({
      ok: false,
      reason: 'not_found',
    });
    expect(await store.hours.dailyTotals(ada, '2026-11-27', '2026-11-27')).toEqual([
      { date: '2026-11-27', minutes: 1020 },
    ]);
  });

  it('removes the latest entry (by when it was logged, not its date), then the one before', async () => {
    const store = await database().open();
    await store.hours.addEntry(entry('2026-11-28', 60), 1440);
    await store.hours.addEntry(entry('2026-11-20', 90), 1440);
    expect(await store.hours.removeLatestEntry(ada)).toMatchObject({ minutes: 90, workDate: '2026-11-20', ...ada });
    expect(await store.hours.removeLatestEntry(ada)).toMatchObject({ minutes: 60 });
    expect(await store.hours.removeLatestEntry(ada)).toBeUndefined();
  });

  it('never hands out an id again: an old Undo button cannot remove a newer entry (#11)', async () => {
    const store = await database().open();
    await store.hours.addEntry(entry('2026-11-27', 60), 1440);
    const latest = await store.hours.addEntry(entry('2026-11-27', 30), 1440);
    if (!latest.ok) throw new Error('expected the log to pass');
    expect(await store.hours.removeLatestEntry(ada)).toMatchObject({ id: latest.entry.id });
    const again = await store.hours.addEntry(entry('2026-11-27', 45), 1440);
    if (!again.ok) throw new Error('expected the log to pass');
    expect(again.entry.id).not.toBe(latest.entry.id);
    expect(again.entry.id).toBeGreaterThan(latest.entry.id);
    // The old button names the removed id: it removes nothing now.
    expect(await store.hours.removeEntry(ada, latest.entry.id)).toBeUndefined();
    expect(await store.hours.countEntries(ada)).toBe(2);
    // Also across a reopen (a restart of the process).
    const reopened = await database().open();
    expect(await reopened.hours.removeLatestEntry(ada)).toMatchObject({ id: again.entry.id });
    const third = await reopened.hours.addEntry(entry('2026-11-27', 15), 1440);
    expect(third.ok && third.entry.id).toBeGreaterThan(again.entry.id);
  });

  it('holds the day cap under parallel logs from two processes', async () => {
    const a = await database().open();
    const b = await database().open();
    // 40 logs of 60 minutes against a 10-hour cap, half through each store, all at once.
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).hours.addEntry(entry('2026-11-27', 60), 600)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok).every((r) => r.dayMinutes === 600)).toBe(true);
    expect(await a.hours.dailyTotals(ada, '2026-11-27', '2026-11-27')).toEqual([{ date: '2026-11-27', minutes: 600 }]);
    // Other days and other people are not held up by the cap of this one.
    expect(await b.hours.addEntry(entry('2026-11-28', 60), 600)).toMatchObject({ ok: true });
    expect(await b.hours.addEntry(entry('2026-11-27', 60, bob), 600)).toMatchObject({ ok: true });
  });

  it('undo races: parallel undos remove the newest entries, each exactly once', async () => {
    const a = await database().open();
    const b = await database().open();
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      const result = await a.hours.addEntry(entry('2026-11-27', 10 + i), 1440);
      if (result.ok) ids.push(result.entry.id);
    }
    const removed = await Promise.all([
      a.hours.removeLatestEntry(ada),
      b.hours.removeLatestEntry(ada),
      a.hours.removeLatestEntry(ada),
    ]);
    const removedIds = removed.map((e) => e?.id).filter((id) => id !== undefined);
    expect(new Set(removedIds).size).toBe(removedIds.length);
    expect(removedIds.length).toBeGreaterThan(0);
    const left = (await a.hours.allEntries(ada)).map((e) => e.id);
    expect(left).toHaveLength(6 - removedIds.length);
    // What is left is the oldest ones: an undo never skips past a newer entry.
    expect(left).toEqual(ids.slice(0, left.length));
    // The same entry removed by id from two processes at once: one of them gets it.
    const target = ids[0]!;
    const both = await Promise.all([a.hours.removeEntry(ada, target), b.hours.removeEntry(ada, target)]);
    expect(both.filter((e) => e !== undefined)).toEqual([expect.objectContaining({ id: target })]);
  });
});

describeStores('store contract: the day cap across real processes', (database) => {
  it('holds while a child process and this one log the same day at the same time', async () => {
    const store = await database().open();
    const child = spawn(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), projectPath('test', 'store', 'contract', 'log-child.ts')],
      {
        env: { ...process.env, ...database().childEnv, LOGS: '60', MINUTES: '10', CAP: '600', DAY: '2026-11-27' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    const ready = new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('ready')) resolve();
      }),
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await Promise.race([
      ready,
      exited.then((code) => {
        throw new Error(`the child process exited (${code}) before it was ready`);
      }),
    ]);
    const mine = await Promise.all(
      Array.from({ length: 60 }, () => store.hours.addEntry(entry('2026-11-27', 10), 600)),
    );
    expect(await exited).toBe(0);
    const theirs = (JSON.parse(output.split('\n').find((line) => line.startsWith('{'))!) as { accepted: number })
      .accepted;
    expect(mine.filter((r) => r.ok).length + theirs).toBe(60);
    expect(await store.hours.dailyTotals(ada, '2026-11-27', '2026-11-27')).toEqual([
      { date: '2026-11-27', minutes: 600 },
    ]);
  });
});
