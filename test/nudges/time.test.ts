import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dailySlotOn,
  dailySlotsBetween,
  formatHourMinute,
  isWeekendNight,
  localInstant,
  nextDailySlot,
  parseHourMinute,
  spellInstant,
} from '../../src/nudges/time.js';

const utc = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

describe('parseHourMinute', () => {
  it('reads every valid 24-hour time, with or without a leading zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.boolean(), (h, m, pad) => {
        const text = `${pad ? String(h).padStart(2, '0') : h}:${String(m).padStart(2, '0')}`;
        expect(parseHourMinute(text)).toEqual({ hour: h, minute: m });
        expect(formatHourMinute({ hour: h, minute: m })).toMatch(/^\d\d:\d\d$/);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses hours past 23, minutes past 59 and anything that is not HH:MM', () => {
    fc.assert(
      fc.property(fc.integer({ min: 24, max: 999 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        expect(parseHourMinute(`${h}:${String(m).padStart(2, '0')}`)).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 60, max: 999 }), (h, m) => {
        expect(parseHourMinute(`${h}:${m}`)).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
    for (const bad of ['25:00', '24:00', '22', '22:0', '10pm', '-1:00', '22:00:00', '', 'noon']) {
      expect(parseHourMinute(bad), bad).toBeUndefined();
    }
  });
});

describe('daily slots across DST', () => {
  it('places 22:00 New York at 03:00Z in winter and 02:00Z in summer, on either side of both changes', () => {
    expect(iso(dailySlotOn('2026-03-07', '22:00', 'America/New_York').at)).toBe('2026-03-08T03:00:00.000Z');
    expect(iso(dailySlotOn('2026-03-08', '22:00', 'America/New_York').at)).toBe('2026-03-09T02:00:00.000Z');
    expect(iso(dailySlotOn('2026-10-31', '22:00', 'America/New_York').at)).toBe('2026-11-01T02:00:00.000Z');
    expect(iso(dailySlotOn('2026-11-01', '22:00', 'America/New_York').at)).toBe('2026-11-02T03:00:00.000Z');
  });

  it('moves a 02:30 slot on the New York spring-forward day to 03:30 EDT, once', () => {
    const slots = dailySlotsBetween(
      '02:30',
      'America/New_York',
      utc('2026-03-07T12:00:00Z'),
      utc('2026-03-09T12:00:00Z'),
    );
    expect(slots.map((slot) => iso(slot.at))).toEqual(['2026-03-08T07:30:00.000Z', '2026-03-09T06:30:00.000Z']);
    // 07:30Z is 03:30 local (EDT, UTC-4).
    expect(spellInstant(slots[0]!.at, 'America/New_York')).toBe('Sun 8 Mar, 03:30');
  });

  it('fires a 01:30 slot on the New York fall-back day once, at the first (EDT) occurrence', () => {
    const slots = dailySlotsBetween(
      '01:30',
      'America/New_York',
      utc('2026-10-31T12:00:00Z'),
      utc('2026-11-02T12:00:00Z'),
    );
    expect(slots.map((slot) => iso(slot.at))).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
  });

  it('does the same in Europe/London: 01:30 on the spring day is 02:30 BST; on the autumn day the BST one', () => {
    const spring = dailySlotsBetween(
      '01:30',
      'Europe/London',
      utc('2026-03-28T12:00:00Z'),
      utc('2026-03-29T23:00:00Z'),
    );
    expect(spring.map((slot) => iso(slot.at))).toEqual(['2026-03-29T01:30:00.000Z']);
    const autumn = dailySlotsBetween(
      '01:30',
      'Europe/London',
      utc('2026-10-24T12:00:00Z'),
      utc('2026-10-25T23:00:00Z'),
    );
    expect(autumn.map((slot) => iso(slot.at))).toEqual(['2026-10-25T00:30:00.000Z']);
  });

  it('keeps an ordinary time stable: localInstant of an existing time reads back as that time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('America/New_York', 'Europe/London', 'Asia/Shanghai', 'Australia/Lord_Howe', 'UTC'),
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (zone, day, hour, minute) => {
          const date = day.toISOString().slice(0, 10);
          const at = localInstant(date, zone, hour, minute);
          // Either the wall time exists (and reads back), or it was in a gap and moved forward by under 2 h.
          const readsBack = at.hour === hour && at.minute === minute && at.toISODate() === date;
          if (!readsBack) {
            const naive = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8), hour, minute);
            expect(at.toMillis() - (naive - at.offset * 60_000)).toBeLessThanOrEqual(2 * 60 * 60_000);
          }
          // Never two slots for one day: the next day's slot is 22–26 h later.
          const next = localInstant(
            new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10),
            zone,
            hour,
            minute,
          );
          const gap = next.toMillis() - at.toMillis();
          expect(gap).toBeGreaterThanOrEqual(22 * 3600_000);
          expect(gap).toBeLessThanOrEqual(26 * 3600_000);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('nights and next slots', () => {
  it('counts a 00:30 slot in the small hours of Saturday as Friday night', () => {
    const slot = dailySlotOn('2026-11-28', '00:30', 'Europe/London');
    expect(slot.night).toBe('2026-11-27');
    expect(isWeekendNight(slot.night)).toBe(false);
    expect(isWeekendNight('2026-11-28')).toBe(true);
    expect(isWeekendNight('2026-11-29')).toBe(true);
  });

  it('finds the next accepted slot, skipping refused nights', () => {
    // Friday 27 Nov 2026, 23:00 London: the next 22:00 that is not a weekend night is Monday's.
    const next = nextDailySlot(
      '22:00',
      'Europe/London',
      utc('2026-11-27T23:00:00Z'),
      (night) => !isWeekendNight(night),
    );
    expect(next && iso(next.at)).toBe('2026-11-30T22:00:00.000Z');
    expect(nextDailySlot('22:00', 'Europe/London', utc('2026-11-27T21:59:00Z'))?.night).toBe('2026-11-27');
  });

  it('spells an instant in its zone', () => {
    expect(spellInstant(utc('2026-11-30T06:00:00Z'), 'America/Los_Angeles')).toBe('Sun 29 Nov, 22:00');
  });
});
