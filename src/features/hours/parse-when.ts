import { DateTime } from 'luxon';
import { isCalendarDate } from '../../hours/calendar.js';
import { type Failure, problem, type When } from './grammar.js';
import { CHINESE_HOUR_WORD, CHINESE_MINUTE_WORD, HOUR_WORDS, MINUTE_WORDS } from './parse-amount.js';

/**
 * Day words: `today`, `yesterday`, `tomorrow`, `fri`, `last fri`, `next fri`, `1 Dec`, `Dec 1`, ISO dates, and in
 * Chinese `今天`, `昨天`, `前天`, `周五` / `星期五` / `礼拜五`, `上周五`, `下周五`, `12月1日`, `2026年12月1日`.
 * Chinese words are patterns, not string literals: they are what people type, not words Lights Out says.
 */

const CHINESE_WEEKDAY = /^(上|下)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天])$/;
const CHINESE_WEEKDAY_NUMBER: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
};
const CHINESE_DAY_MONTH = /^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]?$/;

/** A Chinese day word: its date, or undefined. Full-width digits were folded (NFKC) before. */
function chineseWhen(word: string): When | Failure | undefined {
  if (/^今天$|^今日$/.test(word)) return { kind: 'today' };
  if (/^昨天$|^昨日$/.test(word)) return { kind: 'yesterday' };
  if (/^明天$|^明日$/.test(word)) return { kind: 'tomorrow' };
  if (/^前天$/.test(word)) return { kind: 'days-ago', days: 2 };
  if (/^大前天$/.test(word)) return { kind: 'days-ago', days: 3 };
  if (/^后天$/.test(word)) return { kind: 'days-ago', days: -2 };
  const weekday = CHINESE_WEEKDAY.exec(word);
  if (weekday) {
    const n = CHINESE_WEEKDAY_NUMBER[weekday[2] as string] as number;
    if (weekday[1] === undefined) return { kind: 'weekday', weekday: n };
    return /下/.test(weekday[1]) ? { kind: 'next-weekday', weekday: n } : { kind: 'weekday-last-week', weekday: n };
  }
  const dated = CHINESE_DAY_MONTH.exec(word);
  if (!dated) return undefined;
  const [year, month, day] = [dated[1], Number(dated[2]), Number(dated[3])];
  const probe = DateTime.fromObject({ year: year ? Number(year) : 2024, month, day }, { zone: 'UTC' });
  if (!probe.isValid) return problem('date_not_real', 'date', { value: word });
  return year ? { kind: 'date', date: probe.toISODate() as string } : { kind: 'day-month', day, month };
}

// A Map, not an object literal: a note starting with `__proto__` or `constructor` must not read as a weekday.
const WEEKDAYS: ReadonlyMap<string, number> = new Map(
  Object.entries({
    mon: 1,
    monday: 1,
    tue: 2,
    tues: 2,
    tuesday: 2,
    wed: 3,
    weds: 3,
    wednesday: 3,
    thu: 4,
    thur: 4,
    thurs: 4,
    thursday: 4,
    fri: 5,
    friday: 5,
    sat: 6,
    saturday: 6,
    sun: 7,
    sunday: 7,
  }),
);

const MONTHS: ReadonlyMap<string, number> = new Map(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].flatMap((short, i) => {
    const long = DateTime.fromObject({ year: 2026, month: i + 1, day: 1 }, { locale: 'en' }).toFormat('LLLL');
    const names: Array<[string, number]> = [
      [short, i + 1],
      [long.toLowerCase(), i + 1],
    ];
    if (short === 'sep') names.push(['sept', 9]);
    return names;
  }),
);

type WhenRead = { ok: true; when: When; words: number } | Failure | undefined;

const dayNumber = (word: string) => {
  const match = /^(\d{1,2})(?:st|nd|rd|th)?$/i.exec(word);
  const n = match ? Number(match[1]) : 0;
  return n >= 1 && n <= 31 ? n : undefined;
};

/** `1 Dec`, `Dec 1`, `1st December`: the month and day, if the two words are one. */
function dayMonth(first: string, second: string | undefined): { day: number; month: number } | undefined {
  if (second === undefined) return undefined;
  const a = first.toLowerCase().replace(/[.,]$/, '');
  const b = second.toLowerCase().replace(/[.,]$/, '');
  const asDayMonth = dayNumber(a) !== undefined && MONTHS.get(b);
  if (asDayMonth) return { day: dayNumber(a) as number, month: asDayMonth };
  const asMonthDay = MONTHS.get(a) && dayNumber(b);
  if (asMonthDay) return { day: asMonthDay, month: MONTHS.get(a) as number };
  return undefined;
}

/** Date words at the start of `words`: how many it used, a problem if it tries to be a date and is not one. */
export function readWhen(words: readonly string[]): WhenRead {
  const [token, next] = words;
  if (token === undefined) return undefined;
  const word = token.toLowerCase();
  const found = (when: When, used = 1): WhenRead => ({ ok: true, when, words: used });
  const chinese = chineseWhen(word);
  if (chinese) return 'ok' in chinese ? chinese : found(chinese);
  if (word === 'today') return found({ kind: 'today' });
  if (word === 'yesterday' || word === 'yday') return found({ kind: 'yesterday' });
  if (word === 'tomorrow' || word === 'tmrw' || word === 'tmr') return found({ kind: 'tomorrow' });
  const weekday = WEEKDAYS.get(word);
  if (weekday !== undefined) return found({ kind: 'weekday', weekday });
  const following = next === undefined ? undefined : WEEKDAYS.get(next.toLowerCase());
  if ((word === 'last' || word === 'next') && following !== undefined) {
    return found({ kind: word === 'last' ? 'last-weekday' : 'next-weekday', weekday: following }, 2);
  }
  const named = dayMonth(token, next);
  if (named) {
    const probe = DateTime.fromObject({ year: 2024, ...named }, { zone: 'UTC' }); // 2024: 29 Feb exists
    if (!probe.isValid) return problem('date_not_real', 'date', { value: `${token} ${next}` });
    return found({ kind: 'day-month', ...named }, 2);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(token)) {
    if (isCalendarDate(token)) return found({ kind: 'date', date: token });
    return problem('date_not_real', 'date', { value: token });
  }
  const numeric = /^(\d{1,2})[/.-](\d{1,2})$/.exec(token);
  if (numeric) {
    const [a, b] = [Number(numeric[1]), Number(numeric[2])];
    // Both readings are dates: 1/12 is 1 December in Europe and January 12 in the US.
    if (a >= 1 && a <= 12 && b >= 1 && b <= 12 && a !== b) {
      return problem('date_ambiguous', 'date', { value: token, data: { first: a, second: b } });
    }
  }
  if (/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(token) || /^\d{1,2}[-/.]\d{1,2}([-/.]\d{2,4})?$/.test(token)) {
    return problem('date_format', 'date', { value: token });
  }
  return undefined;
}

/** A word a person might have meant as a date or a unit: the answer then says it was kept as the note. */
export function looksLikeDateOrUnit(word: string): boolean {
  const w = word.toLowerCase().replace(/[.,:;!?']+$/, '');
  if (HOUR_WORDS.has(w) || MINUTE_WORDS.has(w) || MONTHS.has(w) || w === 'last' || w === 'next') return true;
  if (/^\d/.test(w)) return true;
  if (CHINESE_HOUR_WORD.test(w) || CHINESE_MINUTE_WORD.test(w)) return true;
  if (/^(?:上|下|这|本)?(?:个)?(?:周|星期|礼拜)|^(?:今|昨|前|明)(?:天|晚|日)/.test(w)) return true;
  return [...WEEKDAYS.keys()].some((day) => w.startsWith(day) && w !== day) || w === 'tonight' || w === 'yest';
}
