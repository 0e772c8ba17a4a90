import { DateTime } from 'luxon';
import cron, { type ScheduledTask } from 'node-cron';
import { formatHourMinute, localInstant } from './time.js';

/**
 * The NUDGE_SCHEDULE cron expression as slots in time, from node-cron's own parser (`cron.parse`) and matcher
 * (`task.match`), so "when is it due" and "when does node-cron fire" never disagree about days of month,
 * weekdays or month names. node-cron's public `getNextRun()` reads the real clock; this answers for any
 * instant, so the scheduler and `/nudge status` can run on an injected clock.
 *
 * Days are matched by node-cron on local noon (a day-only copy of the expression); times of day come from the
 * parsed second/minute/hour lists and are placed with the same DST rules as daily slots (`localInstant`).
 */
export class CronSchedule {
  readonly expression: string;
  readonly zone: string;
  private readonly seconds: number[];
  private readonly minutes: number[];
  private readonly hours: number[];
  private readonly dayMatcher: ScheduledTask;

  constructor(expression: string, zone: string) {
    this.expression = expression;
    this.zone = zone;
    const fields = expression.trim().split(/\s+/);
    if (fields.length !== 5 && fields.length !== 6) throw new Error(`expected 5 or 6 cron fields: ${expression}`);
    const parsed = cron.parse(expression);
    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    this.seconds = sorted(parsed.second);
    this.minutes = sorted(parsed.minute);
    this.hours = sorted(parsed.hour);
    const [dayOfMonth, month, dayOfWeek] = fields.slice(-3);
    // Created, never started: used only for `match`. destroy() removes it from node-cron's registry.
    this.dayMatcher = cron.createTask(`0 0 12 ${dayOfMonth} ${month} ${dayOfWeek}`, () => undefined, {
      timezone: zone,
    });
  }

  /** HH:MM when the expression fires once a day at a whole minute; undefined otherwise. */
  get dailyTime(): string | undefined {
    const [hour] = this.hours;
    const [minute] = this.minutes;
    if (this.hours.length !== 1 || this.minutes.length !== 1 || this.seconds.join() !== '0') return undefined;
    if (this.dayMatcher.getPattern() !== '0 0 12 * * *') return undefined;
    return formatHourMinute({ hour: hour as number, minute: minute as number });
  }

  private matchesDay(date: string): boolean {
    return this.dayMatcher.match(DateTime.fromISO(date, { zone: this.zone }).set({ hour: 12 }).toJSDate());
  }

  /** The first slot strictly after `after` (within ~8 years, enough for 29 February), or undefined. */
  nextAfter(after: Date): Date | undefined {
    const afterMs = after.getTime();
    let day = DateTime.fromJSDate(after, { zone: this.zone }).startOf('day');
    for (let i = 0; i < 366 * 8 + 2; i++) {
      const date = day.toISODate() as string;
      if (this.matchesDay(date)) {
        const found = this.firstOnDayAfter(date, afterMs, i === 0);
        if (found) return found;
      }
      day = day.plus({ days: 1 }).startOf('day');
    }
    return undefined;
  }

  /** Wall-clock order; the first instant after `afterMs` is also the earliest (see the DST notes in time.ts). */
  private firstOnDayAfter(date: string, afterMs: number, prune: boolean): Date | undefined {
    for (const hour of this.hours) {
      // An hour whose last candidate is not after `afterMs` cannot hold the answer (cheap skip for dense cron).
      if (prune && localInstant(date, this.zone, hour, 59, 59).toMillis() <= afterMs) continue;
      for (const minute of this.minutes) {
        if (prune && localInstant(date, this.zone, hour, minute, 59).toMillis() <= afterMs) continue;
        for (const second of this.seconds) {
          const at = localInstant(date, this.zone, hour, minute, second);
          if (at.toMillis() > afterMs) return at.toJSDate();
        }
      }
    }
    return undefined;
  }

  /** The latest slot in (from, to], or undefined. Walks back from `to`, so a dense expression stays cheap. */
  latestBetween(from: Date, to: Date): Date | undefined {
    const fromMs = from.getTime();
    const toMs = to.getTime();
    if (toMs <= fromMs) return undefined;
    let day = DateTime.fromJSDate(to, { zone: this.zone }).startOf('day');
    // One extra day back covers slots that DST or a late `to` put before the local date of `to`.
    const firstDay = DateTime.fromJSDate(from, { zone: this.zone }).startOf('day').minus({ days: 1 });
    while (day >= firstDay) {
      const date = day.toISODate() as string;
      if (this.matchesDay(date)) {
        const found = this.lastOnDayAtOrBefore(date, toMs);
        if (found) return found.getTime() > fromMs ? found : undefined;
      }
      day = day.minus({ days: 1 }).startOf('day');
    }
    return undefined;
  }

  private lastOnDayAtOrBefore(date: string, toMs: number): Date | undefined {
    const desc = (values: number[]) => [...values].reverse();
    for (const hour of desc(this.hours)) {
      if (localInstant(date, this.zone, hour, 0, 0).toMillis() > toMs) continue;
      for (const minute of desc(this.minutes)) {
        if (localInstant(date, this.zone, hour, minute, 0).toMillis() > toMs) continue;
        for (const second of desc(this.seconds)) {
          const at = localInstant(date, this.zone, hour, minute, second);
          if (at.toMillis() <= toMs) return at.toJSDate();
        }
      }
    }
    return undefined;
  }

  dispose(): void {
    void this.dayMatcher.destroy();
  }
}

const schedules = new Map<string, CronSchedule>();

/** One shared schedule per expression and zone (they hold a node-cron matcher; configs rarely differ). */
export function cronScheduleFor(expression: string, zone: string): CronSchedule {
  const key = `${zone}|${expression}`;
  let schedule = schedules.get(key);
  if (!schedule) {
    schedule = new CronSchedule(expression, zone);
    schedules.set(key, schedule);
  }
  return schedule;
}
