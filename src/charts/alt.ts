import { DateTime } from 'luxon';
import { bandFor } from '../hours/bands.js';
import type { ChartLabels } from './labels.js';
import type { ChartWeek } from './spec.js';

/**
 * The chart in words, from the same data as the picture, for screen readers and the notification text:
 * "Mon 9h, Tue 14h, Wed 0h, …, Sun 3h, week 61h (crunch)". The band is the week total's (bands.ts).
 */
export function weekChartAlt(week: ChartWeek, labels: ChartLabels): string {
  const days = week.days.map((day) => {
    const weekday = DateTime.fromISO(day.date, { zone: 'UTC' }).weekday;
    return labels.altDay(labels.days[weekday - 1] ?? day.date, labels.amount(day.minutes));
  });
  const total = week.days.reduce((sum, day) => sum + day.minutes, 0);
  return [...days, labels.altWeek(labels.amount(total), labels.bands[bandFor(total).id])].join(labels.altSeparator);
}
