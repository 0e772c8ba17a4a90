import { DateTime } from 'luxon';

/**
 * Calendar arithmetic on local dates (YYYY-MM-DD), through luxon so DST never shifts a day. An instant is
 * turned into a local date once, in the person's zone; after that, weeks are plain date ranges.
 */

/** Before this local hour a log without a date counts for the previous day: the night is not over yet. */
export const NIGHT_ENDS_AT_HOUR = 5;

export function localDateTime(now: Date, zone: string): DateTime {
  return DateTime.fromJSDate(now, { zone });
}

/** The person's calendar date now. */
export function localDate(now: Date, zone: string): string {
  return localDateTime(now, zone).toISODate() as string;
}

/** The date a log made now counts for: yesterday between 00:00 and 04:59 local time. */
export function workDateNow(now: Date, zone: string): { date: string; nightRule: boolean } {
  const local = localDateTime(now, zone);
  if (local.hour < NIGHT_ENDS_AT_HOUR) return { date: local.minus({ days: 1 }).toISODate() as string, nightRule: true };
  return { date: local.toISODate() as string, nightRule: false };
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
