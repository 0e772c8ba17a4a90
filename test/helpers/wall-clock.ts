/**
 * A zone's wall clock at an instant, read from Intl alone (no luxon), so tests can compute the slots they expect
 * independently of the code under test.
 */
const MINUTE = 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

export type WallClock = { date: string; hour: number; minute: number; offset: number };

export function wallClock(zone: string, ms: number): WallClock {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
  const [y, mo, d, h, mi, s] = ['year', 'month', 'day', 'hour', 'minute', 'second'].map((key) => Number(parts[key]));
  const asUtc = Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: h as number,
    minute: mi as number,
    offset: Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MINUTE),
  };
}
