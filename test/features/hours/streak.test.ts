import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentStreak, streakQueryRange } from '../../../src/features/hours/domain.js';
import { streakAsOf } from '../../../src/features/hours/ledger.js';
import { addDays } from '../../../src/hours/calendar.js';
import { SqliteStore } from '../../../src/store/sqlite.js';

const person = { teamId: 'T1', userId: 'U1' };
const today = '2026-11-29';

describe('streakAsOf', () => {
  it('agrees with currentStreak over the whole year, reading only recent days', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Up to 500 days back, each day absent, short or long; long runs are likely.
        fc.array(fc.constantFrom(0, 60, 12 * 60, 14 * 60, 14 * 60, 14 * 60), { minLength: 0, maxLength: 500 }),
        async (minutesByDaysAgo) => {
          const store = new SqliteStore(':memory:');
          for (const [daysAgo, minutes] of minutesByDaysAgo.entries()) {
            if (minutes === 0) continue;
            const workDate = addDays(today, -daysAgo);
            await store.hours.addEntry({ ...person, workDate, minutes, note: null, loggedAt: 'x' }, 1440);
          }
          const year = streakQueryRange(today);
          const expected = currentStreak(await store.hours.dailyTotals(person, year.from, year.to), today);
          expect(await streakAsOf(store, person, today)).toBe(expected);
          await store.close();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reports a streak longer than a year as the year it can see', async () => {
    const store = new SqliteStore(':memory:');
    for (let daysAgo = 0; daysAgo < 400; daysAgo++) {
      await store.hours.addEntry(
        { ...person, workDate: addDays(today, -daysAgo), minutes: 720, note: null, loggedAt: 'x' },
        1440,
      );
    }
    expect(await streakAsOf(store, person, today)).toBe(367);
    await store.close();
  });
});
