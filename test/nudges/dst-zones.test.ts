import { describe, expect, it } from 'vitest';
import { dailySlotOn } from '../../src/nudges/time.js';
import { wallClock as wall } from '../helpers/wall-clock.js';

/**
 * Daily slots on every transition day of 2025–2027, in every IANA zone Intl knows, against an expectation worked
 * out here from Intl alone (never from luxon or the scheduler's code):
 * - a wall time that exists once is that instant;
 * - a wall time that happens twice (fall back) fires once, at its FIRST occurrence;
 * - a wall time that does not exist (spring forward) fires once, moved forward by the gap (02:30 in a 02:00→03:00
 *   gap is 03:30), which is the offset in force before the change applied to it.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

type Transition = { at: number; before: number; after: number };

/** Offset changes found by scanning a week at a time (no zone changes twice in a week), then narrowing. */
function transitions(zone: string, from: number, to: number): Transition[] {
  const found: Transition[] = [];
  let previous = wall(zone, from).offset;
  for (let week = from + 7 * DAY; week <= to + 7 * DAY; week += 7 * DAY) {
    const offset = wall(zone, week).offset;
    if (offset === previous) continue;
    let low = week - 7 * DAY;
    let high = week;
    while (high - low > MINUTE) {
      const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
      if (wall(zone, middle).offset === previous) low = middle;
      else high = middle;
    }
    found.push({ at: high, before: previous, after: offset });
    previous = offset;
  }
  return found;
}

function expectedInstant(date: string, hour: number, minute: number, zone: string, t: Transition): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d, hour, minute);
  const hits = [t.before, t.after]
    .map((offset) => naive - offset * MINUTE)
    .filter((ms) => {
      const seen = wall(zone, ms);
      return seen.date === date && seen.hour === hour && seen.minute === minute;
    });
  if (hits.length > 0) return Math.min(...hits);
  return naive - t.before * MINUTE;
}

/**
 * Every 15 minutes from two hours before the change to two hours after it (local), and every whole hour of the
 * day: minutes since local midnight.
 */
function timesToCheck(zone: string, t: Transition): number[] {
  const local = wall(zone, t.at - MINUTE);
  const around = local.hour * 60 + local.minute + 1;
  const times = new Set<number>();
  for (let minutes = around - 120; minutes <= around + 120; minutes += 15) {
    times.add((((Math.floor(minutes / 15) * 15) % 1440) + 1440) % 1440);
  }
  for (let hour = 0; hour < 24; hour++) times.add(hour * 60);
  return [...times].sort((a, b) => a - b);
}

const hhmm = (hour: number, minute: number) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;

describe('daily slots on every transition day of 2025–2027, in every IANA zone', () => {
  it('fire once: a repeated time at its first occurrence, a skipped one moved forward by the gap', {
    timeout: 120_000,
  }, () => {
    const zones = Intl.supportedValuesOf('timeZone');
    const from = Date.UTC(2025, 0, 1);
    const to = Date.UTC(2028, 0, 1);
    const problems: string[] = [];
    let days = 0;
    let checked = 0;
    for (const zone of zones) {
      for (const t of transitions(zone, from, to)) {
        // The local date(s) the change happens on (before and after it).
        const dates = new Set([wall(zone, t.at - MINUTE).date, wall(zone, t.at).date]);
        for (const date of dates) {
          days++;
          for (const minutes of timesToCheck(zone, t)) {
            const hour = Math.floor(minutes / 60);
            const minute = minutes % 60;
            const expected = expectedInstant(date, hour, minute, zone, t);
            const actual = dailySlotOn(date, hhmm(hour, minute), zone).at.getTime();
            checked++;
            if (actual !== expected && problems.length < 30) {
              problems.push(
                `${zone} ${date} ${hhmm(hour, minute)}: ${new Date(actual).toISOString()}, expected ${new Date(expected).toISOString()}`,
              );
            }
          }
        }
      }
    }
    expect(problems).toEqual([]);
    // The scan found what it should: hundreds of zones change clocks in these years.
    expect(days).toBeGreaterThan(500);
    expect(checked).toBeGreaterThan(days * 30);
  });

  it('the cases that used to go wrong: zones that fall back from 01:00 to 00:00', () => {
    expect(dailySlotOn('2026-10-25', '00:30', 'Atlantic/Azores').at.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(dailySlotOn('2026-11-01', '00:30', 'America/Havana').at.toISOString()).toBe('2026-11-01T04:30:00.000Z');
  });
});
