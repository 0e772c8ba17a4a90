import { DateTime, IANAZone } from 'luxon';
import { workDateNow } from '../hours/calendar.js';

/**
 * Daily HH:MM slots in a time zone, correct across DST. The rules, chosen once and tested on every change day of
 * 2025–2027 in every IANA zone (test/nudges/dst-zones.test.ts):
 * - A time that does not exist that day (spring forward: 02:30 in New York on the second Sunday of March) is
 *   moved forward by the gap: that night's slot is 03:30 local. It fires once.
 * - A time that happens twice (fall back: 01:30 in New York on the first Sunday of November) fires once, at
 *   its FIRST occurrence (the daylight-time one). The second occurrence is not a slot.
 * A slot belongs to a "night": its work date under the 05:00 rule (`workDateNow`), so a 00:30 nudge in the
 * small hours of Saturday still counts as Friday night.
 */

export type HourMinute = { hour: number; minute: number };

/** "22:00" → {22, 0}; undefined for anything that is not a 24-hour HH:MM (or H:MM). */
export function parseHourMinute(text: string): HourMinute | undefined {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!match) return undefined;
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** Always two-digit HH:MM. */
export function formatHourMinute({ hour, minute }: HourMinute): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;

/**
 * The instant of a wall-clock time on a local date in `zone`, with the DST rules above (also for seconds, so the
 * cron schedule shares them). Worked out from the zone's offsets, not from luxon's resolution of an ambiguous
 * local time (which depends on its first guess of the offset, and differs between zones that fall back at 02:00
 * and those that fall back from 01:00 to 00:00, such as Atlantic/Azores and America/Havana):
 * - read the wall time as if it were UTC (`naive`); an instant `t` shows that wall time when t + offset(t) = naive;
 * - the offsets that can apply are the ones in force a day before, at, and a day after `naive` (zones change at
 *   most once a day), so the candidates are naive - offset for each; the earliest that shows the wall time wins;
 * - if none does, the time is in a gap: it is read with the offset in force before the change, which moves it
 *   forward by the gap.
 * `zone` must be a valid IANA name (callers check with isValidZone).
 */
export function localInstant(date: string, zone: string, hour: number, minute: number, second = 0): DateTime {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(year, month - 1, day, hour, minute, second);
  const tz = IANAZone.create(zone);
  const before = tz.offset(naive - DAY_MS);
  const offsets = new Set([before, tz.offset(naive), tz.offset(naive + DAY_MS)]);
  let first: number | undefined;
  for (const offset of offsets) {
    const at = naive - offset * 60_000;
    if (at + tz.offset(at) * 60_000 === naive && (first === undefined || at < first)) first = at;
  }
  return DateTime.fromMillis(first ?? naive - before * 60_000, { zone });
}

export type DailySlot = { at: Date; night: string };

/**
 * Pure and called for every target on every tick, so memoised: people share a handful of times and zones, and
 * luxon's zone arithmetic is the tick's main cost. Bounded; cleared when full.
 */
const MEMO_LIMIT = 50_000;
const slotMemo = new Map<string, DailySlot>();
const dateMemo = new Map<string, string>();

function remember<T>(memo: Map<string, T>, key: string, compute: () => T): T {
  const known = memo.get(key);
  if (known !== undefined) return known;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  const value = compute();
  memo.set(key, value);
  return value;
}

/** The local calendar date of an instant in `zone`, shifted by `days`. */
function localDateOf(at: Date, zone: string, days = 0): string {
  return remember(
    dateMemo,
    `${zone}|${at.getTime()}|${days}`,
    () => DateTime.fromJSDate(at, { zone }).plus({ days }).toISODate() as string,
  );
}

/** The slot of a daily time on one local date. */
export function dailySlotOn(date: string, time: string, zone: string): DailySlot {
  return remember(slotMemo, `${zone}|${date}|${time}`, () => {
    const hm = parseHourMinute(time);
    if (!hm) throw new Error(`not an HH:MM time: ${time}`);
    const at = localInstant(date, zone, hm.hour, hm.minute).toJSDate();
    return { at, night: workDateNow(at, zone).date };
  });
}

/** The next calendar date (plain arithmetic, no zone). */
function nextDate(date: string): string {
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000);
  return next.toISOString().slice(0, 10);
}

/** Daily slots in (from, to], oldest first. `accept` filters by night (weekends, pauses). */
export function dailySlotsBetween(
  time: string,
  zone: string,
  from: Date,
  to: Date,
  accept: (night: string) => boolean = () => true,
): DailySlot[] {
  if (to.getTime() <= from.getTime()) return [];
  // One day either side covers slots whose local date differs from the UTC bounds' local dates.
  let date = localDateOf(from, zone, -1);
  const last = localDateOf(to, zone, 1);
  const slots: DailySlot[] = [];
  while (date <= last) {
    const slot = dailySlotOn(date, time, zone);
    const ms = slot.at.getTime();
    if (ms > from.getTime() && ms <= to.getTime() && accept(slot.night)) slots.push(slot);
    date = nextDate(date);
  }
  return slots;
}

/** The first accepted slot strictly after `after`, looking at most `maxDays` ahead. */
export function nextDailySlot(
  time: string,
  zone: string,
  after: Date,
  accept: (night: string) => boolean = () => true,
  maxDays = 800,
): DailySlot | undefined {
  let date = localDateOf(after, zone, -1);
  for (let i = 0; i < maxDays; i++) {
    const slot = dailySlotOn(date, time, zone);
    if (slot.at.getTime() > after.getTime() && accept(slot.night)) return slot;
    date = nextDate(date);
  }
  return undefined;
}

/** "Sun 29 Nov, 22:00" in `zone`. */
export function spellInstant(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).setLocale('en-GB').toFormat('ccc d LLL, HH:mm');
}

/** True for Saturday and Sunday nights. */
export function isWeekendNight(night: string): boolean {
  const day = new Date(`${night}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}
