import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { digestSlotsBetween, dueDigest, nextDigestAt } from '../../../src/features/digest/schedule.js';

const utc = (iso: string) => new Date(iso);
const local = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toFormat('ccc yyyy-LL-dd HH:mm');

describe('digest schedule', () => {
  it('is 09:00 every Monday on the person’s clock, across both DST changes of the year', () => {
    for (const zone of ['Europe/London', 'America/Los_Angeles', 'Australia/Sydney', 'Asia/Kathmandu', 'UTC']) {
      const slots = digestSlotsBetween(zone, utc('2026-01-01T00:00:00Z'), utc('2027-01-01T00:00:00Z'));
      expect(slots.length, zone).toBe(52);
      for (const slot of slots) {
        expect(local(slot.at, zone)).toMatch(/^Mon \d{4}-\d{2}-\d{2} 09:00$/);
        expect(local(slot.at, zone).slice(4, 14)).toBe(slot.night);
      }
      // Consecutive digests are a week apart on the wall clock: 7 days ± the hour a DST change moved.
      const gaps = slots
        .slice(1)
        .map((slot, index) => (slot.at.getTime() - (slots[index] as typeof slot).at.getTime()) / 3_600_000);
      expect(new Set(gaps.map((hours) => Math.abs(hours - 168) <= 1))).toEqual(new Set([true]));
    }
  });

  it('moves the instant, not the wall time, when London’s clocks go back (Sun 25 Oct 2026)', () => {
    const slots = digestSlotsBetween('Europe/London', utc('2026-10-18T00:00:00Z'), utc('2026-10-27T00:00:00Z'));
    expect(slots.map((slot) => slot.at.toISOString())).toEqual([
      '2026-10-19T08:00:00.000Z',
      '2026-10-26T09:00:00.000Z',
    ]);
  });

  it('owes the latest Monday after the person turned it on, once per window', () => {
    const target = { teamId: 'T1', userId: 'U1', zone: 'America/Los_Angeles', since: utc('2026-11-25T00:00:00Z') };
    // Monday 30 Nov 09:00 in Los Angeles is 17:00Z.
    expect(dueDigest(target, utc('2026-11-30T16:00:00Z'), utc('2026-11-30T16:59:00Z'))).toBeUndefined();
    expect(dueDigest(target, utc('2026-11-30T16:00:00Z'), utc('2026-11-30T17:00:00Z'))).toEqual({
      key: 'digest:T1:U1:2026-11-30T17:00:00.000Z',
      teamId: 'T1',
      userId: 'U1',
      slotAt: '2026-11-30T17:00:00.000Z',
      night: '2026-11-30',
    });
    // A window over two Mondays owes only the latest; none before `since`.
    expect(dueDigest(target, utc('2026-11-20T00:00:00Z'), utc('2026-12-08T00:00:00Z'))?.night).toBe('2026-12-07');
    expect(
      dueDigest(
        { ...target, since: utc('2026-12-01T00:00:00Z') },
        utc('2026-11-20T00:00:00Z'),
        utc('2026-12-01T00:00:00Z'),
      ),
    ).toBeUndefined();
  });

  it('says when the next one comes', () => {
    expect(nextDigestAt('Asia/Shanghai', utc('2026-12-02T03:00:00Z'))?.toISOString()).toBe('2026-12-07T01:00:00.000Z');
  });
});
