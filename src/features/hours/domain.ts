import { DateTime } from 'luxon';
import { type Band, bandFor, LONG_DAY_HOURS } from '../../hours/bands.js';
import { addDays, type DateRange, datesIn, isoWeek, localDate, workDateNow } from '../../hours/calendar.js';
import type { DayTotal } from '../../store/types.js';
import type { When } from './parse.js';

/**
 * Pure domain rules of the ledger: which date a log counts for, week and month summaries and streaks (team
 * figures: src/hours/team.ts). Everything takes its dates and totals as arguments; nothing here reads a clock.
 */

/** How far back a log may reach. */
export const MAX_BACKDATE_YEARS = 1;
const LONG_DAY_MINUTES = LONG_DAY_HOURS * 60;

export type ResolvedDate =
  | { ok: true; date: string; nightRule: boolean }
  | { ok: false; reason: 'future' | 'too_old'; date: string; limit: string };

/**
 * The local date a log counts for. Without a date: today, or yesterday before 05:00 (the night is not over).
 * Words the person typed (`today`, `yesterday`, `fri`) count from their calendar date.
 */
export function resolveWhen(when: When, now: Date, zone: string): ResolvedDate {
  const today = localDate(now, zone);
  let date: string;
  let nightRule = false;
  switch (when.kind) {
    case 'default': {
      const work = workDateNow(now, zone);
      date = work.date;
      nightRule = work.nightRule;
      break;
    }
    case 'today':
      date = today;
      break;
    case 'yesterday':
      date = addDays(today, -1);
      break;
    case 'weekday': {
      const todayWeekday = DateTime.fromISO(today, { zone: 'UTC' }).weekday;
      date = addDays(today, -((todayWeekday - when.weekday + 7) % 7));
      break;
    }
    case 'date':
      date = when.date;
      break;
  }
  if (date > today) return { ok: false, reason: 'future', date, limit: today };
  const oldest = DateTime.fromISO(today, { zone: 'UTC' }).minus({ years: MAX_BACKDATE_YEARS }).toISODate() as string;
  if (date < oldest) return { ok: false, reason: 'too_old', date, limit: oldest };
  return { ok: true, date, nightRule };
}

const toMap = (totals: DayTotal[]) => new Map(totals.map((day) => [day.date, day.minutes]));

/**
 * Days of 12 h or more in a row, ending at `today`. A day still in progress does not break the streak:
 * if today is not yet at 12 h, the count starts from yesterday.
 */
export function currentStreak(totals: DayTotal[], today: string): number {
  const minutes = toMap(totals);
  let day = (minutes.get(today) ?? 0) >= LONG_DAY_MINUTES ? today : addDays(today, -1);
  let streak = 0;
  while ((minutes.get(day) ?? 0) >= LONG_DAY_MINUTES) {
    streak++;
    day = addDays(day, -1);
  }
  return streak;
}

export type Streak = { days: number; from: string; to: string };

/** The longest run of 12 h+ days within the range (the earliest if several tie), or null if there is none. */
export function longestStreak(totals: DayTotal[], range: DateRange): Streak | null {
  const minutes = toMap(totals);
  let best: Streak | null = null;
  let runFrom = '';
  let runDays = 0;
  for (const date of datesIn(range)) {
    if ((minutes.get(date) ?? 0) >= LONG_DAY_MINUTES) {
      if (runDays === 0) runFrom = date;
      runDays++;
      if (!best || runDays > best.days) best = { days: runDays, from: runFrom, to: date };
    } else {
      runDays = 0;
    }
  }
  return best;
}

export type DayLine = { date: string; minutes: number; today: boolean; future: boolean };

export type WeekSummary = {
  range: DateRange;
  /** Whether this is the week holding today. */
  current: boolean;
  days: DayLine[];
  total: number;
  band: Band;
  previousTotal: number;
  /** Current streak of 12 h+ days, as of today. */
  streak: number;
};

/** Which ISO week `/hours week [last|date]` means. */
export function weekFor(which: { kind: 'this' } | { kind: 'last' } | { kind: 'of'; date: string }, today: string) {
  if (which.kind === 'this') return isoWeek(today);
  if (which.kind === 'last') return isoWeek(addDays(today, -7));
  return isoWeek(which.date);
}

/** The days a week view reads: that week and the one before it (for the change). */
export function weekQueryRange(week: DateRange): DateRange {
  return { from: addDays(week.from, -7), to: week.to };
}

/** The days the current streak can reach back over (a streak longer than a year is reported as a year). */
export function streakQueryRange(today: string): DateRange {
  return { from: addDays(today, -366), to: today };
}

/** `totals` covers `weekQueryRange(week)`; `streak` is `currentStreak(...)` as of today. */
export function summarizeWeek(week: DateRange, totals: DayTotal[], today: string, streak: number): WeekSummary {
  const minutes = toMap(totals);
  const days = datesIn(week).map((date) => ({
    date,
    minutes: minutes.get(date) ?? 0,
    today: date === today,
    future: date > today,
  }));
  const total = days.reduce((sum, day) => sum + day.minutes, 0);
  const previous = datesIn({ from: addDays(week.from, -7), to: addDays(week.to, -7) });
  const previousTotal = previous.reduce((sum, date) => sum + (minutes.get(date) ?? 0), 0);
  return {
    range: week,
    current: week.from <= today && today <= week.to,
    days,
    total,
    band: bandFor(total),
    previousTotal,
    streak,
  };
}

export type WeekTotal = { range: DateRange; total: number; band: Band; current: boolean };

export type MonthSummary = {
  /** Four full weeks, oldest first, then the current one. */
  weeks: WeekTotal[];
  /** Average of the four full weeks, in whole minutes. */
  average: number;
  averageBand: Band;
  longest: Streak | null;
};

export const MONTH_FULL_WEEKS = 4;

export function monthRange(today: string): DateRange {
  const current = isoWeek(today);
  return { from: addDays(current.from, -7 * MONTH_FULL_WEEKS), to: current.to };
}

export function summarizeMonth(totals: DayTotal[], today: string): MonthSummary {
  const minutes = toMap(totals);
  const range = monthRange(today);
  const weeks: WeekTotal[] = [];
  for (let i = 0; i <= MONTH_FULL_WEEKS; i++) {
    const week = isoWeek(addDays(range.from, 7 * i));
    const total = datesIn(week).reduce((sum, date) => sum + (minutes.get(date) ?? 0), 0);
    weeks.push({ range: week, total, band: bandFor(total), current: i === MONTH_FULL_WEEKS });
  }
  const full = weeks.slice(0, MONTH_FULL_WEEKS);
  const average = Math.round(full.reduce((sum, week) => sum + week.total, 0) / full.length);
  return {
    weeks,
    average,
    averageBand: bandFor(average),
    longest: longestStreak(totals, { from: range.from, to: today < range.to ? today : range.to }),
  };
}
