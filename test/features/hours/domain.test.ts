import { describe, expect, it } from 'vitest';
import { csvCell, decimalHours, entriesToCsv } from '../../../src/features/hours/csv.js';
import {
  currentStreak,
  longestStreak,
  monthRange,
  resolveWhen,
  summarizeMonth,
  summarizeWeek,
  weekFor,
} from '../../../src/features/hours/domain.js';
import type { HoursEntry } from '../../../src/store/types.js';

const at = (iso: string) => new Date(iso);
const days = (map: Record<string, number>) =>
  Object.entries(map).map(([date, hours]) => ({ date, minutes: hours * 60 }));

describe('which date a log counts for', () => {
  it('applies the 05:00 rule to logs without a date, and says so', () => {
    // 04:59 in Los Angeles on Tue 24 Nov 2026 (UTC−8) is still Monday's night.
    expect(resolveWhen({ kind: 'default' }, at('2026-11-24T12:59:00Z'), 'America/Los_Angeles')).toEqual({
      ok: true,
      date: '2026-11-23',
      nightRule: true,
      today: '2026-11-23',
    });
    expect(resolveWhen({ kind: 'default' }, at('2026-11-24T13:00:00Z'), 'America/Los_Angeles')).toEqual({
      ok: true,
      date: '2026-11-24',
      nightRule: false,
      today: '2026-11-24',
    });
  });

  it('counts typed words from the work day too, so `today` before 05:00 is the day the views show', () => {
    const night = at('2026-11-24T10:00:00Z'); // 02:00 Tue in Los Angeles: still Monday's day
    const zone = 'America/Los_Angeles';
    expect(resolveWhen({ kind: 'today' }, night, zone)).toMatchObject({ date: '2026-11-23', nightRule: true });
    expect(resolveWhen({ kind: 'yesterday' }, night, zone)).toMatchObject({ date: '2026-11-22', nightRule: true });
    expect(resolveWhen({ kind: 'weekday', weekday: 1 }, night, zone)).toMatchObject({ date: '2026-11-23' });
    expect(resolveWhen({ kind: 'tomorrow' }, night, zone)).toMatchObject({ ok: false, reason: 'future' });
    // A date typed in full is that date, with no rule to explain.
    expect(resolveWhen({ kind: 'date', date: '2026-11-23' }, night, zone)).toMatchObject({ nightRule: false });
  });

  it('reads `last fri`, `1 Dec` and `Dec 1` from the work day, and refuses the future', () => {
    const wed = at('2026-12-02T20:00:00Z'); // Wed 2 Dec, noon in Los Angeles
    const zone = 'America/Los_Angeles';
    expect(resolveWhen({ kind: 'last-weekday', weekday: 5 }, wed, zone)).toMatchObject({ date: '2026-11-27' });
    expect(resolveWhen({ kind: 'last-weekday', weekday: 3 }, wed, zone)).toMatchObject({ date: '2026-11-25' });
    expect(resolveWhen({ kind: 'next-weekday', weekday: 5 }, wed, zone)).toMatchObject({ ok: false, reason: 'future' });
    expect(resolveWhen({ kind: 'day-month', day: 1, month: 12 }, wed, zone)).toMatchObject({ date: '2026-12-01' });
    expect(resolveWhen({ kind: 'day-month', day: 25, month: 12 }, wed, zone)).toMatchObject({
      ok: false,
      reason: 'future',
    });
    // 30 Dec typed on 2 Jan is last year's.
    const jan = at('2027-01-02T20:00:00Z');
    expect(resolveWhen({ kind: 'day-month', day: 30, month: 12 }, jan, zone)).toMatchObject({ date: '2026-12-30' });
  });

  it('reads a weekday as the most recent such day, today included', () => {
    const wednesday = at('2026-11-25T20:00:00Z'); // Wed 25 Nov, noon in Los Angeles
    const zone = 'America/Los_Angeles';
    expect(resolveWhen({ kind: 'weekday', weekday: 3 }, wednesday, zone)).toMatchObject({ date: '2026-11-25' });
    expect(resolveWhen({ kind: 'weekday', weekday: 1 }, wednesday, zone)).toMatchObject({ date: '2026-11-23' });
    expect(resolveWhen({ kind: 'weekday', weekday: 4 }, wednesday, zone)).toMatchObject({ date: '2026-11-19' });
    expect(resolveWhen({ kind: 'weekday', weekday: 7 }, wednesday, zone)).toMatchObject({ date: '2026-11-22' });
  });

  it('refuses the future and more than a year back, in the person’s own calendar', () => {
    const now = at('2026-11-25T22:00:00Z');
    // 06:00 on the 26th in Shanghai: the 26th is today there, tomorrow in Los Angeles.
    expect(resolveWhen({ kind: 'date', date: '2026-11-26' }, now, 'Asia/Shanghai')).toMatchObject({ ok: true });
    expect(resolveWhen({ kind: 'date', date: '2026-11-26' }, now, 'America/Los_Angeles')).toMatchObject({
      ok: false,
      reason: 'future',
    });
    expect(resolveWhen({ kind: 'date', date: '2025-11-25' }, now, 'America/Los_Angeles')).toMatchObject({ ok: true });
    expect(resolveWhen({ kind: 'date', date: '2025-11-24' }, now, 'America/Los_Angeles')).toMatchObject({
      ok: false,
      reason: 'too_old',
      limit: '2025-11-25',
    });
  });

  it.each([
    // Los Angeles, spring forward on Sun 8 Mar 2026: 11:30Z is 04:30 PDT (night), 12:30Z is 05:30 PDT.
    ['America/Los_Angeles', '2026-03-08T11:30:00Z', '2026-03-07'],
    ['America/Los_Angeles', '2026-03-08T12:30:00Z', '2026-03-08'],
    // Los Angeles, fall back on Sun 1 Nov 2026: 12:30Z is 04:30 PST (a fixed −7 offset would say 05:30).
    ['America/Los_Angeles', '2026-11-01T12:30:00Z', '2026-10-31'],
    ['America/Los_Angeles', '2026-11-01T13:00:00Z', '2026-11-01'],
    // London, spring forward on Sun 29 Mar 2026: 04:30Z is 05:30 BST.
    ['Europe/London', '2026-03-29T04:30:00Z', '2026-03-29'],
    ['Europe/London', '2026-03-29T03:30:00Z', '2026-03-28'],
    // London, fall back on Sun 25 Oct 2026: 04:30Z is 04:30 GMT, still the night.
    ['Europe/London', '2026-10-25T04:30:00Z', '2026-10-24'],
    ['Europe/London', '2026-10-25T05:00:00Z', '2026-10-25'],
    // Shanghai (UTC+8): 16:30Z Sunday is 00:30 Monday there, still Sunday's night.
    ['Asia/Shanghai', '2026-11-22T16:30:00Z', '2026-11-22'],
    ['Asia/Shanghai', '2026-11-22T21:00:00Z', '2026-11-23'],
  ])('is DST-safe and zone-aware: %s at %s counts for %s', (zone, instant, date) => {
    expect(resolveWhen({ kind: 'default' }, at(instant), zone)).toMatchObject({ ok: true, date });
  });
});

describe('weeks, months and streaks', () => {
  it('summarises an ISO week with the change against the week before', () => {
    const totals = days({ '2026-11-16': 10, '2026-11-20': 20, '2026-11-23': 12, '2026-11-24': 13.5, '2026-11-29': 1 });
    const summary = summarizeWeek(weekFor({ kind: 'this' }, '2026-11-25'), totals, '2026-11-25', 2);
    expect(summary.range).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(summary.days.map((d) => d.minutes)).toEqual([720, 810, 0, 0, 0, 0, 60]);
    expect(summary.days.map((d) => d.future)).toEqual([false, false, false, true, true, true, true]);
    expect(summary.days.find((d) => d.today)?.date).toBe('2026-11-25');
    expect(summary.total).toBe(1590);
    expect(summary.previousTotal).toBe(1800);
    expect(summary.band.id).toBe('sustainable');
    expect(summary.current).toBe(true);
  });

  it('finds last week and the week of a date', () => {
    expect(weekFor({ kind: 'last' }, '2026-11-23')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(weekFor({ kind: 'of', date: '2026-03-08' }, '2026-11-23')).toEqual({ from: '2026-03-02', to: '2026-03-08' });
  });

  it('counts the current 12 h streak; a day still in progress does not break it', () => {
    const totals = days({ '2026-11-20': 12, '2026-11-21': 14, '2026-11-22': 11.9, '2026-11-23': 12, '2026-11-24': 16 });
    expect(currentStreak(totals, '2026-11-24')).toBe(2);
    expect(currentStreak(totals, '2026-11-25')).toBe(2); // today not logged yet
    expect(currentStreak(totals, '2026-11-26')).toBe(0);
    expect(currentStreak(totals, '2026-11-21')).toBe(2);
  });

  it('finds the longest 12 h streak in a range', () => {
    const totals = days({ '2026-11-02': 12, '2026-11-03': 12, '2026-11-04': 12, '2026-11-10': 13, '2026-11-11': 13 });
    expect(longestStreak(totals, { from: '2026-11-01', to: '2026-11-30' })).toEqual({
      days: 3,
      from: '2026-11-02',
      to: '2026-11-04',
    });
    expect(longestStreak(totals, { from: '2026-11-05', to: '2026-11-30' })).toMatchObject({ days: 2 });
    expect(longestStreak([], { from: '2026-11-01', to: '2026-11-30' })).toBeNull();
  });

  it('summarises four full weeks and the current one', () => {
    const today = '2026-11-25';
    expect(monthRange(today)).toEqual({ from: '2026-10-26', to: '2026-11-29' });
    const totals = days({ '2026-10-26': 40, '2026-11-02': 50, '2026-11-09': 60, '2026-11-16': 10, '2026-11-23': 13 });
    const month = summarizeMonth(totals, today);
    expect(month.weeks.map((w) => [w.range.from, w.total / 60, w.current])).toEqual([
      ['2026-10-26', 40, false],
      ['2026-11-02', 50, false],
      ['2026-11-09', 60, false],
      ['2026-11-16', 10, false],
      ['2026-11-23', 13, true],
    ]);
    expect(month.average).toBe(40 * 60);
    expect(month.averageBand.id).toBe('long');
    expect(month.longest).toEqual({ days: 1, from: '2026-10-26', to: '2026-10-26' });
  });
});

const entry = (minutes: number, note: string | null): HoursEntry => ({
  id: 1,
  teamId: 'T',
  userId: 'U',
  workDate: '2026-11-23',
  minutes,
  note,
  loggedAt: '2026-11-24T01:02:03.000Z',
});

describe('CSV export', () => {
  it('writes a header and one exact row per entry', () => {
    expect(entriesToCsv([entry(450, 'evals'), entry(20, null)])).toBe(
      '"date","hours","minutes","note","logged_at"\r\n"2026-11-23","7.5","450","evals","2026-11-24T01:02:03.000Z"\r\n' +
        '"2026-11-23","0.3333","20","","2026-11-24T01:02:03.000Z"\r\n',
    );
  });

  it('computes decimal hours from whole minutes', () => {
    expect([60, 90, 1, 59, 1439, 1440].map(decimalHours)).toEqual(['1', '1.5', '0.0167', '0.9833', '23.9833', '24']);
  });

  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+1', `"'+1+1"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tTAB', `"'\tTAB"`],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['plain words', '"plain words"'],
    // Quoted even without a comma: a `;`-separated spreadsheet would otherwise split it and run `=1+1`.
    ['meeting;=1+1', '"meeting;=1+1"'],
  ])('makes %j safe and quotes it', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});
