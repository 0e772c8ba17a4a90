import { type Band, bandFor } from '../../hours/bands.js';
import { addDays, type DateRange, datesIn, isoWeek, localDateTime, NIGHT_ENDS_AT_HOUR } from '../../hours/calendar.js';
import type { HoursEntry, PersonKey, Store } from '../../store/types.js';

/**
 * What the Monday digest says, as plain data: last week (the ISO week before `monday`) against the week before
 * it, the longest day, the quiet days (nothing logged) and the entries logged after midnight on the person's
 * clock. Work dates are the ledger's (calendar.ts: a work day runs 05:00 to 05:00), so a late entry counts in
 * the day it belongs to; "after midnight" reads the instant it was logged, in the person's zone now.
 */
export type DigestFacts = {
  week: DateRange;
  days: Array<{ date: string; minutes: number }>;
  total: number;
  band: Band;
  previousTotal: number;
  /** null when nothing was logged last week. */
  longest: { date: string; minutes: number } | null;
  quietDays: string[];
  /** Entries of last week logged between 00:00 and 05:00 on the person's clock. */
  afterMidnight: number;
};

/** Whether `loggedAt` (an ISO instant) falls between midnight and the end of the night, local time. */
export function loggedAfterMidnight(loggedAt: string, zone: string): boolean {
  const local = localDateTime(new Date(loggedAt), zone);
  return local.isValid && local.hour < NIGHT_ENDS_AT_HOUR;
}

export function digestFacts(input: {
  monday: string;
  totals: ReadonlyArray<{ date: string; minutes: number }>;
  entries: readonly Pick<HoursEntry, 'workDate' | 'loggedAt'>[];
  zone: string;
}): DigestFacts {
  const week = isoWeek(addDays(input.monday, -7));
  const minutes = new Map(input.totals.map((total) => [total.date, total.minutes]));
  const days = datesIn(week).map((date) => ({ date, minutes: minutes.get(date) ?? 0 }));
  const total = days.reduce((sum, day) => sum + day.minutes, 0);
  const previousTotal = datesIn({ from: addDays(week.from, -7), to: addDays(week.to, -7) }).reduce(
    (sum, date) => sum + (minutes.get(date) ?? 0),
    0,
  );
  // The first of equally long days, so the answer does not depend on the order rows came in.
  const longest = days.reduce<DigestFacts['longest']>(
    (best, day) => (day.minutes > 0 && (!best || day.minutes > best.minutes) ? day : best),
    null,
  );
  const inWeek = input.entries.filter((entry) => entry.workDate >= week.from && entry.workDate <= week.to);
  return {
    week,
    days,
    total,
    band: bandFor(total),
    previousTotal,
    longest,
    quietDays: days.filter((day) => day.minutes === 0).map((day) => day.date),
    afterMidnight: inWeek.filter((entry) => loggedAfterMidnight(entry.loggedAt, input.zone)).length,
  };
}

/** Reads what `digestFacts` needs: two weeks of day totals and last week's entries (seven one-day reads). */
export async function readDigestFacts(store: Store, person: PersonKey, monday: string, zone: string) {
  const week = isoWeek(addDays(monday, -7));
  const totals = await store.hours.dailyTotals(person, addDays(week.from, -7), week.to);
  const entries = (await Promise.all(datesIn(week).map((date) => store.hours.entriesOn(person, date)))).flat();
  return digestFacts({ monday, totals, entries, zone });
}
