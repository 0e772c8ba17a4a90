import { DateTime } from 'luxon';

/**
 * Calendar arithmetic on local dates (YYYY-MM-DD), through luxon so DST never shifts a day. An instant is
 * turned into a local date once, in the person's zone; after that, weeks are plain date ranges.
 */

/**
 * A person's work day runs from 05:00 to 05:00 the next morning, local time: whoever works past midnight is
 * still in the day they started, so an hour logged at 02:00 and the view read at 02:00 agree on the day.
 * `today`, `yesterday` and weekday words all count from this day, as do the week and month views, streaks,
 * bands, nudges and exports. `workDay` is the one place that turns an instant into it.
 */
export const NIGHT_ENDS_AT_HOUR = 5;

export function localDateTime(now: Date, zone: string): DateTime {
  return DateTime.fromJSDate(now, { zone });
}

/** The person's calendar date now (for calendar things such as a pause's end; hours use `workDay`). */
export function localDate(now: Date, zone: string): string {
  return localDateTime(now, zone).toISODate() as string;
}

export type WorkDay = {
  /** The work day's date (YYYY-MM-DD). */
  date: string;
  /** Whether the small-hours rule applied: the clock shows the next calendar day, before 05:00. */
  nightRule: boolean;
};

/** The work day holding `now` in `zone`. */
export function workDay(now: Date, zone: string): WorkDay {
  const local = localDateTime(now, zone);
  if (local.hour < NIGHT_ENDS_AT_HOUR) return { date: local.minus({ days: 1 }).toISODate() as string, nightRule: true };
  return { date: local.toISODate() as string, nightRule: false };
}

/** Kept for the scheduler's callers: the date of `workDay`. */
export function workDateNow(now: Date, zone: string): WorkDay {
  return workDay(now, zone);
}

/** When the work day `date` begins (05:00 local; luxon moves a time in a DST gap forward). */
export function workDayStart(date: string, zone: string): Date {
  return DateTime.fromISO(`${date}T${String(NIGHT_ENDS_AT_HOUR).padStart(2, '0')}:00`, { zone }).toJSDate();
}

/**
 * Whole minutes of work day `date` that have passed at `now` (0 before it starts). A day cannot hold more logged
 * hours than this; past days are limited by the 24 h cap instead.
 */
export function minutesPassedIn(date: string, now: Date, zone: string): number {
  const start = workDayStart(date, zone).getTime();
  const end = workDayStart(addDays(date, 1), zone).getTime();
  const upTo = Math.min(now.getTime(), end);
  return Math.max(0, Math.floor((upTo - start) / 60_000));
}

export type DateRange = { from: string; to: string };

/** The ISO week (Monday to Sunday) holding `date`. */
export function isoWeek(date: string): DateRange {
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  const monday = day.startOf('week');
  return { from: monday.toISODate() as string, to: monday.plus({ days: 6 }).toISODate() as string };
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}

/** Every date in the range, inclusive. */
export function datesIn(range: DateRange): string[] {
  const dates: string[] = [];
  for (let date = range.from; date <= range.to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/** A real calendar date in YYYY-MM-DD form (refuses 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text, { zone: 'UTC' }).isValid;
}

/** "Mon 23 Nov" */
export function shortDate(date: string): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).toFormat('ccc d LLL');
}
