import type { types } from '@slack/bolt';
import { DateTime } from 'luxon';
import { type Band, bandLabel } from '../../hours/bands.js';
import { addDays, NIGHT_ENDS_AT_HOUR } from '../../hours/calendar.js';
import type { Translator } from '../../i18n/translator.js';
import { escapeMrkdwn } from '../../slack/mrkdwn.js';

/** The pieces every `/hours` answer is built from, in the translator's language. */

type KnownBlock = types.KnownBlock;

export type Reply = { text: string; blocks: KnownBlock[] };

export const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
export const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

/** An amount of time: `7h30m` / `7小时30分钟`, `45m` / `45分钟`, `0h` / `0小时`. */
export function amount(t: Translator, minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  if (h === 0 && m > 0) return t.t('hours.amount.minutes', { minutes: m });
  if (m === 0) return t.t('hours.amount.hours', { hours: h });
  return t.t('hours.amount.hoursMinutes', { hours: h, minutes: m });
}

/** A whole number of hours: "12h days", "12小时". */
export const wholeHours = (t: Translator, hours: number): string => t.t('hours.amount.hours', { hours });

/** "Mon 23 Nov" / "11月23日 周一". */
export const day = (t: Translator, date: string): string => t.date(date);

/** A date in one of the ledger's own formats (`hours.format.*`). */
export function dateAs(t: Translator, date: string, format: 'weekdayDay' | 'dayMonth' | 'monthDay'): string {
  return DateTime.fromISO(date, { zone: 'UTC', locale: t.tag }).toFormat(t.t(`hours.format.${format}`));
}

/** When the work day ends and begins, on the clock: `05:00`. */
export const NIGHT_ENDS = `${String(NIGHT_ENDS_AT_HOUR).padStart(2, '0')}:00`;

/** A note quoted after an amount (escaped: it is user text), or nothing. */
export const quoted = (t: Translator, note: string | null): string =>
  note ? t.t('hours.quoted', { note: escapeMrkdwn(note) }) : '';

export const bandTag = (t: Translator, band: Band): string =>
  t.t('hours.band.tag', { emoji: band.emoji, band: bandLabel(t, band) });

/** "today, Tue 1 Dec", "yesterday, Mon 30 Nov" or "Fri 27 Nov": every day named with its date. */
export function dayName(t: Translator, date: string, today: string): string {
  if (date === today) return t.t('hours.day.today', { day: day(t, date) });
  if (date === addDays(today, -1)) return t.t('hours.day.yesterday', { day: day(t, date) });
  return day(t, date);
}

/** The first letter upper-cased, for a day name that starts a sentence (a no-op in Chinese). */
export const capitalised = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
