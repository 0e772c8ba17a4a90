import type { ChartDay } from '../../src/charts/spec.js';

/** The ISO week of Mon 23 Nov 2026, from hours per day (Monday first). */
export function weekOf(hours: readonly number[], monday = '2026-11-23'): { days: ChartDay[] } {
  const start = Date.parse(`${monday}T00:00:00Z`);
  return {
    days: hours.map((h, index) => ({
      date: new Date(start + index * 86_400_000).toISOString().slice(0, 10),
      minutes: Math.round(h * 60),
    })),
  };
}
