import { formatDuration } from '../../hours/duration.js';
import { type Failure, MAX_MINUTES, type ProblemCode, problem } from './grammar.js';

/**
 * Amounts of time: `14`, `7.5`, `7,5`, `7:30`, `7h30`, `7h 30m`, `7 h`, `45m`, and in Chinese `8小时`, `7.5小时`,
 * `7小时30分`, `7小时30分钟`, `45分钟` (read by turning the units into `h` and `m` first).
 */

export const HOUR_WORDS = new Set(['h', 'hr', 'hrs', 'hour', 'hours']);
export const MINUTE_WORDS = new Set(['m', 'min', 'mins', 'minute', 'minutes']);
/** Chinese units are matched with patterns: they are what people type, not words Lights Out says. */
export const CHINESE_HOUR_WORD = /^个?(?:小时|钟头)$/;
/** `45 分钟` is as clear as `45分钟`, so unlike `45 min` it is read, not refused. */
export const CHINESE_MINUTE_WORD = /^分钟?$/;

/** Chinese units as the grammar's own letters: `7小时30分钟` → `7h30m`. Full-width forms were folded (NFKC) before. */
export function withLatinUnits(text: string): string {
  return text.replace(/个?(?:小时|钟头)/g, 'h').replace(/分钟|分/g, 'm');
}

export type AmountResult = { ok: true; minutes: number } | Failure;

/**
 * An amount of time as whole minutes. Accepts `14`, `7.5`, `7,5`, `7.5h`, `7:30`, `7h30`, `7h30m`, `7h 30m`, `7h`,
 * `45m`. Decimal hours may have up to two decimals and are rounded to the nearest minute with integer arithmetic.
 */
export function parseAmount(raw: string): AmountResult {
  const text = withLatinUnits(raw.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ''));
  const bad = (code: ProblemCode, data?: Record<string, string | number>) =>
    problem(code, 'amount', { value: raw, ...(data ? { data } : {}) });
  if (text === '') return bad('amount_missing');
  if (/^-/.test(text)) return bad('amount_negative');
  const minutes = readMinutes(text, raw);
  if (typeof minutes !== 'number') return minutes;
  if (minutes <= 0) return bad('amount_zero');
  if (minutes > MAX_MINUTES) return bad('amount_over_day');
  return { ok: true, minutes };
}

/** The amount in minutes, or the problem with it; `text` is lower-cased with spaces removed. */
function readMinutes(text: string, raw: string): number | Failure {
  const bad = (code: ProblemCode, data?: Record<string, string | number>) =>
    problem(code, 'amount', { value: raw, ...(data ? { data } : {}) });
  const decimal = /^(\d{1,4})(?:[.,](\d{1,2}))?h?$/.exec(text);
  if (decimal) {
    const fraction = decimal[2] ?? '';
    const hundredths = Number(decimal[1]) * 100 + (fraction ? Number(fraction.padEnd(2, '0')) : 0);
    // Hundredths of an hour × 60 / 100 = × 3 / 5, rounded half up, in integers: no float drift.
    return Math.floor((hundredths * 6 + 5) / 10);
  }
  const tooPrecise = /^(\d{1,4})[.,](\d{3,})h?$/.exec(text);
  if (tooPrecise) return bad('amount_decimals', { rounded: `${tooPrecise[1]}.${(tooPrecise[2] ?? '').slice(0, 2)}` });
  const clock = /^(\d{1,4}):(\d{2})$/.exec(text) ?? /^(\d{1,4})h(\d{1,2})m?$/.exec(text);
  if (clock) {
    const mins = Number(clock[2]);
    if (mins > 59) return bad('amount_minutes_over_59', { hours: clock[1] as string });
    return Number(clock[1]) * 60 + mins;
  }
  const onlyMinutes = /^(\d{1,5})m(?:in|ins)?$/.exec(text);
  if (onlyMinutes) return Number(onlyMinutes[1]);
  if (/^\d+(\.\d+)?e[+-]?\d+$/.test(text)) return bad('amount_scientific');
  if (/^\d{5,}([.,]\d*)?h?$/.test(text)) return bad('amount_far_over_day');
  return bad('amount_unreadable');
}

/** Minutes as the shortest amount the grammar reads back to the same number: `45m`, `7h`, `7h30m`. */
export const formatAmount = formatDuration;

/** The amount at the start of `words`, taking `7h 30m` and `7 h`/`7 hours` as one amount. */
export function readAmount(words: readonly string[]): { ok: true; minutes: number; words: number } | Failure {
  const [first = '', second] = words;
  const unit = second?.toLowerCase();
  if (/^\d{1,4}h$/i.test(withLatinUnits(first)) && second && /^\d{1,2}m$/i.test(withLatinUnits(second))) {
    const joined = parseAmount(`${first}${second}`);
    return joined.ok ? { ok: true, minutes: joined.minutes, words: 2 } : joined;
  }
  if (/^\d+([.,]\d+)?$/.test(first) && unit !== undefined) {
    if (HOUR_WORDS.has(unit) || CHINESE_HOUR_WORD.test(unit)) {
      const hours = parseAmount(first);
      return hours.ok ? { ok: true, minutes: hours.minutes, words: 2 } : hours;
    }
    if (CHINESE_MINUTE_WORD.test(unit) && /^\d+$/.test(first)) {
      const minutes = parseAmount(`${first}m`);
      return minutes.ok ? { ok: true, minutes: minutes.minutes, words: 2 } : minutes;
    }
    if (MINUTE_WORDS.has(unit)) {
      return problem('amount_minutes_word', 'amount', { value: `${first} ${second}`, data: { minutes: first } });
    }
  }
  const amount = parseAmount(first);
  return amount.ok ? { ok: true, minutes: amount.minutes, words: 1 } : amount;
}
