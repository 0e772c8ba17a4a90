import cron from 'node-cron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CronSchedule } from '../../src/nudges/cron.js';

const made: CronSchedule[] = [];
const schedule = (expression: string, zone: string) => {
  const s = new CronSchedule(expression, zone);
  made.push(s);
  return s;
};
afterEach(() => {
  for (const s of made.splice(0)) s.dispose();
  vi.useRealTimers();
});

const iso = (date: Date | undefined) => date?.toISOString();

describe('CronSchedule (NUDGE_SCHEDULE on an injected clock)', () => {
  it('finds the next 22:00 in Los Angeles and knows it is a plain daily time', () => {
    const s = schedule('0 22 * * *', 'America/Los_Angeles');
    expect(s.dailyTime).toBe('22:00');
    expect(iso(s.nextAfter(new Date('2026-11-29T05:00:00Z')))).toBe('2026-11-29T06:00:00.000Z');
    // Strictly after: at the slot itself, the next one is tomorrow's.
    expect(iso(s.nextAfter(new Date('2026-11-29T06:00:00Z')))).toBe('2026-11-30T06:00:00.000Z');
  });

  it('agrees with node-cron’s own next runs for a range of expressions', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const starts = ['2026-03-07T10:11:12Z', '2026-06-30T23:59:59Z', '2026-10-31T20:00:00Z', '2027-02-27T00:00:00Z'];
    const expressions = [
      '0 22 * * *',
      '30 21 * * 1-5',
      '*/15 * * * *',
      '0 0 1 * *',
      '0 9 * * MON',
      '15 10 L * *',
      '*/20 * * * * *',
      '0 0 22 * * 0,6',
    ];
    for (const start of starts) {
      vi.setSystemTime(new Date(start));
      for (const expression of expressions) {
        for (const zone of ['America/Los_Angeles', 'Europe/London', 'Asia/Shanghai']) {
          const ours = schedule(expression, zone);
          const theirs = cron.createTask(expression, () => undefined, { timezone: zone });
          const expected = theirs.getNextRuns(4).map((date) => date.toISOString());
          void theirs.destroy();
          const got: string[] = [];
          let cursor = new Date(start);
          for (let i = 0; i < 4; i++) {
            const next = ours.nextAfter(cursor) as Date;
            got.push(next.toISOString());
            cursor = next;
          }
          expect(got, `${expression} in ${zone} from ${start}`).toEqual(expected);
        }
      }
    }
  });

  it('skips weekends when the expression says weekdays', () => {
    const s = schedule('0 22 * * 1-5', 'Europe/London');
    expect(s.dailyTime).toBeUndefined();
    // Friday 27 Nov 2026 23:00 UTC → Monday 30 Nov 22:00 UTC.
    expect(iso(s.nextAfter(new Date('2026-11-27T23:00:00Z')))).toBe('2026-11-30T22:00:00.000Z');
  });

  it('handles 6-field expressions with seconds, and finds the latest slot in a window cheaply', () => {
    const s = schedule('*/5 * * * * *', 'UTC');
    expect(iso(s.nextAfter(new Date('2026-11-29T06:00:01.500Z')))).toBe('2026-11-29T06:00:05.000Z');
    // Two hours of slots every 5 s: the latest at or before `to`, not the 1440 before it.
    expect(iso(s.latestBetween(new Date('2026-11-29T04:00:00Z'), new Date('2026-11-29T06:00:03Z')))).toBe(
      '2026-11-29T06:00:00.000Z',
    );
    expect(s.latestBetween(new Date('2026-11-29T06:00:00Z'), new Date('2026-11-29T06:00:04Z'))).toBeUndefined();
  });

  it('latestBetween is (from, to]: excludes from, includes to', () => {
    const s = schedule('0 22 * * *', 'America/Los_Angeles');
    const slot = new Date('2026-11-29T06:00:00Z');
    expect(iso(s.latestBetween(new Date(slot.getTime() - 1), slot))).toBe(slot.toISOString());
    expect(s.latestBetween(slot, new Date(slot.getTime() + 60_000))).toBeUndefined();
    expect(iso(s.latestBetween(new Date('2026-11-20T00:00:00Z'), new Date('2026-11-29T07:00:00Z')))).toBe(
      slot.toISOString(),
    );
  });

  it('uses the daily-slot DST rules: a skipped 02:30 fires at 03:30, a repeated 01:30 once, first', () => {
    const spring = schedule('30 2 * * *', 'America/New_York');
    expect(iso(spring.nextAfter(new Date('2026-03-08T05:00:00Z')))).toBe('2026-03-08T07:30:00.000Z');
    expect(iso(spring.nextAfter(new Date('2026-03-08T07:30:00Z')))).toBe('2026-03-09T06:30:00.000Z');
    const autumn = schedule('30 1 * * *', 'America/New_York');
    expect(iso(autumn.nextAfter(new Date('2026-11-01T04:00:00Z')))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(autumn.nextAfter(new Date('2026-11-01T05:30:00Z')))).toBe('2026-11-02T06:30:00.000Z');
  });
});
