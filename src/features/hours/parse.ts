import { DateTime } from 'luxon';
import { isCalendarDate } from '../../hours/calendar.js';
import { formatDuration } from '../../hours/duration.js';

/**
 * The `/hours` grammar, pure: text in, a command or a problem out. It never throws and never looks at the
 * clock; turning "yesterday" into a date happens later, in the person's zone.
 */

/** A day can hold at most 24 hours, so no single amount may exceed it either. */
export const MAX_MINUTES = 24 * 60;
export const NOTE_MAX_CHARS = 200;
/** A bound on what is stored, whatever the characters: one "character" can hide hundreds of combining marks. */
export const NOTE_MAX_CODE_POINTS = 10 * NOTE_MAX_CHARS;

export type When =
  | { kind: 'default' }
  | { kind: 'today' }
  | { kind: 'yesterday' }
  /** Parsed so it can be refused as the future, not logged for today with the note "tomorrow". */
  | { kind: 'tomorrow' }
  /** 1 = Monday … 7 = Sunday (ISO), the most recent such day, today included. */
  | { kind: 'weekday'; weekday: number }
  /** `last fri`: the most recent such day before today. */
  | { kind: 'last-weekday'; weekday: number }
  /** `next fri`: always in the future, so refused. */
  | { kind: 'next-weekday'; weekday: number }
  /** `1 Dec`, `Dec 1`: the nearest such date to today. */
  | { kind: 'day-month'; day: number; month: number }
  | { kind: 'date'; date: string };

export type WeekWhich = { kind: 'this' } | { kind: 'last' } | { kind: 'of'; date: string };

export type HoursCommand =
  /** `notedAs`: the note's first word looked like a date or a unit, so the answer says how it was read. */
  | { kind: 'log'; minutes: number; when: When; note: string | null; notedAs?: true }
  /** A day's entries, numbered, with Edit and Delete. */
  | { kind: 'day'; when: When }
  /** `minutes`/`note` replace the entry's; a missing note keeps the old one. `n` counts from 1 in the day list. */
  | { kind: 'edit'; when: When; n: number; minutes: number; note?: string | null }
  | { kind: 'delete'; when: When; n: number }
  | { kind: 'week'; which: WeekWhich }
  | { kind: 'month' }
  | { kind: 'undo' }
  | { kind: 'tz'; action: { kind: 'show' } | { kind: 'set'; zone: string } | { kind: 'clear' } }
  | { kind: 'export' }
  | { kind: 'forget'; confirmed: boolean }
  | { kind: 'team' }
  | { kind: 'help' };

/**
 * What went wrong, as data: a code, the field it concerns, the text typed (`value`) and any numbers the answer
 * needs. render.ts words it (and says what to type instead: `example`); nothing changes.
 */
export type ProblemCode =
  | 'amount_missing'
  | 'amount_negative'
  | 'amount_zero'
  | 'amount_over_day'
  | 'amount_far_over_day'
  | 'amount_decimals'
  | 'amount_minutes_over_59'
  | 'amount_scientific'
  | 'amount_unreadable'
  | 'amount_minutes_word'
  | 'note_too_long'
  | 'note_control'
  | 'date_not_real'
  | 'date_format'
  | 'date_ambiguous'
  | 'entry_number'
  | 'takes_nothing'
  | 'week_extra'
  | 'week_word'
  | 'forget_confirm'
  | 'zone_words'
  | 'edit_usage'
  | 'delete_usage'
  | 'unknown_command'
  | 'unreadable';

export type ProblemField = 'amount' | 'date' | 'note' | 'entry' | 'command' | 'zone';

export type Problem = {
  code: ProblemCode;
  field: ProblemField;
  /** What the person typed, raw (render quotes it inert). */
  value?: string;
  /** Numbers or readings the wording needs: a length, a limit, a suggested form. */
  data?: Record<string, string | number>;
  example: string;
};

export const LOG_EXAMPLE = '/hours log 7.5 yesterday fixing the eval harness';
export const EDIT_EXAMPLE = '/hours edit yesterday 1 7h30 fixing evals';
export const DELETE_EXAMPLE = '/hours delete yesterday 2';

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

const HOUR_WORDS = new Set(['h', 'hr', 'hrs', 'hour', 'hours']);
const MINUTE_WORDS = new Set(['m', 'min', 'mins', 'minute', 'minutes']);

type Failure = { ok: false } & Problem;
const problem = (
  code: ProblemCode,
  field: ProblemField,
  extra: { value?: string; data?: Record<string, string | number>; example?: string } = {},
): Failure => ({ ok: false, code, field, ...extra, example: extra.example ?? LOG_EXAMPLE });

export type ParseResult = { ok: true; command: HoursCommand } | Failure;

export type AmountResult = { ok: true; minutes: number } | Failure;

/**
 * An amount of time as whole minutes. Accepts `14`, `7.5`, `7,5`, `7.5h`, `7:30`, `7h30`, `7h30m`, `7h 30m`, `7h`,
 * `45m`. Decimal hours may have up to two decimals and are rounded to the nearest minute with integer arithmetic.
 */
export function parseAmount(raw: string): AmountResult {
  const text = raw.trim().toLowerCase().replace(/\s+/g, '');
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

/**
 * Slack sends `&`, `<`, `>` in command text as entities. The text is decoded once, up front, so notes are stored
 * as the person typed them and a refused word is quoted back as typed (escaped again for display), not as
 * `&amp;lt;…`.
 */
export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Slack control sequences: mentions, channel links, broadcasts, links. A note must never carry one. */
const CONTROL_SEQUENCE = /<\s*(?:[!@#]|(?:https?|mailto|tel|slack):)/i;

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Characters as a person sees them: a family emoji or a flag is one, not four code points. */
export function visibleLength(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

export type NoteResult = { ok: true; note: string | null } | Failure;

export function parseNote(raw: string): NoteResult {
  // Newlines and tabs become single spaces: a note is one line in the week view and in the CSV.
  const note = raw
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
    .replace(/[\u0000-\u001f\u007f\s]+/g, ' ')
    .trim();
  if (note === '') return { ok: true, note: null };
  const length = visibleLength(note);
  if (length > NOTE_MAX_CHARS || Array.from(note).length > NOTE_MAX_CODE_POINTS)
    return problem('note_too_long', 'note', { data: { length, max: NOTE_MAX_CHARS } });
  if (CONTROL_SEQUENCE.test(note)) return problem('note_control', 'note');
  return { ok: true, note };
}

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
      const monthName = (m: number) => DateTime.fromObject({ year: 2026, month: m, day: 1 }).toFormat('LLL');
      return problem('date_ambiguous', 'date', {
        value: token,
        data: { dayFirst: `${a} ${monthName(b)}`, monthFirst: `${monthName(a)} ${b}` },
      });
    }
  }
  if (/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(token) || /^\d{1,2}[-/.]\d{1,2}([-/.]\d{2,4})?$/.test(token)) {
    return problem('date_format', 'date', { value: token });
  }
  return undefined;
}

/** A word a person might have meant as a date or a unit: the answer then says it was kept as the note. */
function looksLikeDateOrUnit(word: string): boolean {
  const w = word.toLowerCase().replace(/[.,:;!?']+$/, '');
  if (HOUR_WORDS.has(w) || MINUTE_WORDS.has(w) || MONTHS.has(w) || w === 'last' || w === 'next') return true;
  if (/\d/.test(w)) return true;
  return [...WEEKDAYS.keys()].some((day) => w.startsWith(day) && w !== day) || w === 'tonight' || w === 'yest';
}

/** The amount at the start of `words`, taking `7h 30m` and `7 h`/`7 hours` as one amount. */
function readAmount(words: readonly string[]): { ok: true; minutes: number; words: number } | Failure {
  const [first = '', second] = words;
  const unit = second?.toLowerCase();
  if (/^\d{1,4}h$/i.test(first) && second && /^\d{1,2}m$/i.test(second)) {
    const joined = parseAmount(`${first}${second}`);
    return joined.ok ? { ok: true, minutes: joined.minutes, words: 2 } : joined;
  }
  if (/^\d+([.,]\d+)?$/.test(first) && unit !== undefined) {
    if (HOUR_WORDS.has(unit)) {
      const hours = parseAmount(first);
      return hours.ok ? { ok: true, minutes: hours.minutes, words: 2 } : hours;
    }
    if (MINUTE_WORDS.has(unit)) {
      return problem('amount_minutes_word', 'amount', {
        value: `${first} ${second}`,
        data: { suggestion: `${first}m` },
      });
    }
  }
  const amount = parseAmount(first);
  return amount.ok ? { ok: true, minutes: amount.minutes, words: 1 } : amount;
}

function parseLog(rest: string): ParseResult {
  const text = rest.trim();
  if (text === '') return problem('amount_missing', 'amount');
  const words = text.split(/\s+/);
  const amount = readAmount(words);
  if (!amount.ok) return amount;
  const after = words.slice(amount.words);
  const when = readWhen(after);
  if (when && !when.ok) return when;
  const noteWords = after.slice(when ? when.words : 0);
  const note = parseNote(noteWords.join(' '));
  if (!note.ok) return note;
  const notedAs = note.note !== null && noteWords[0] !== undefined && looksLikeDateOrUnit(noteWords[0]);
  return {
    ok: true,
    command: {
      kind: 'log',
      minutes: amount.minutes,
      when: when?.when ?? { kind: 'default' },
      note: note.note,
      ...(notedAs ? { notedAs: true as const } : {}),
    },
  };
}

/** `<date> <n>` at the start of an edit or delete; the date words are the same as for a log. */
function readEntryRef(
  words: readonly string[],
  code: 'edit_usage' | 'delete_usage',
): { ok: true; when: When; n: number; rest: string[] } | Failure {
  const example = code === 'edit_usage' ? EDIT_EXAMPLE : DELETE_EXAMPLE;
  const when = readWhen(words);
  if (when && !when.ok) return { ...when, example };
  if (!when) return problem(code, 'date', { ...(words[0] ? { value: words[0] } : {}), example });
  const nText = words[when.words];
  if (nText === undefined || !/^#?\d{1,3}$/.test(nText) || Number(nText.replace('#', '')) < 1) {
    return problem('entry_number', 'entry', { ...(nText ? { value: nText } : {}), example });
  }
  return { ok: true, when: when.when, n: Number(nText.replace('#', '')), rest: words.slice(when.words + 1) };
}

function parseEdit(words: readonly string[]): ParseResult {
  if (words.length === 0) return problem('edit_usage', 'date', { example: EDIT_EXAMPLE });
  const when = readWhen(words);
  // `/hours edit yesterday` alone lists that day, numbered, so the numbers can be read off.
  if (when?.ok && when.words === words.length) return { ok: true, command: { kind: 'day', when: when.when } };
  const ref = readEntryRef(words, 'edit_usage');
  if (!ref.ok) return ref;
  if (ref.rest.length === 0) return problem('amount_missing', 'amount', { example: EDIT_EXAMPLE });
  const amount = readAmount(ref.rest);
  if (!amount.ok) return { ...amount, example: EDIT_EXAMPLE };
  const noteWords = ref.rest.slice(amount.words);
  const note = parseNote(noteWords.join(' '));
  if (!note.ok) return { ...note, example: EDIT_EXAMPLE };
  return {
    ok: true,
    command: {
      kind: 'edit',
      when: ref.when,
      n: ref.n,
      minutes: amount.minutes,
      ...(noteWords.length > 0 ? { note: note.note } : {}),
    },
  };
}

function parseDelete(words: readonly string[]): ParseResult {
  const ref = readEntryRef(words, 'delete_usage');
  if (!ref.ok) return ref;
  if (ref.rest.length > 0)
    return problem('delete_usage', 'command', { value: ref.rest.join(' '), example: DELETE_EXAMPLE });
  return { ok: true, command: { kind: 'delete', when: ref.when, n: ref.n } };
}

const looksLikeAmount = (token: string) => /^[\d.,:]+(h|m|h\d{1,2}m?)?$/i.test(token) && /\d/.test(token);

/** Parses the text after `/hours`. Never throws. */
export function parseHours(input: string): ParseResult {
  try {
    return parseUnsafe(typeof input === 'string' ? input : '');
  } catch {
    // The grammar has no throwing paths; this keeps the promise if one ever appears.
    return problem('unreadable', 'command', { example: '/hours help' });
  }
}

function parseUnsafe(input: string): ParseResult {
  // Control characters count as spaces everywhere, so a note and the words before it are split the same way.
  const text = decodeEntities(input)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: replacing control characters is the point.
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim();
  if (text === '') return { ok: true, command: { kind: 'week', which: { kind: 'this' } } };
  const space = text.search(/\s/);
  const head = (space === -1 ? text : text.slice(0, space)).toLowerCase();
  const rest = space === -1 ? '' : text.slice(space + 1).trim();
  const restWords = rest === '' ? [] : rest.split(/\s+/);
  const noArgs = (command: HoursCommand, example: string): ParseResult =>
    restWords.length === 0
      ? { ok: true, command }
      : problem('takes_nothing', 'command', { value: head, data: { command: `/hours ${head}` }, example });

  switch (head) {
    case 'log':
    case 'add':
      return parseLog(rest);
    case 'day': {
      if (restWords.length === 0) return { ok: true, command: { kind: 'day', when: { kind: 'today' } } };
      const when = readWhen(restWords);
      if (when?.ok && when.words === restWords.length) return { ok: true, command: { kind: 'day', when: when.when } };
      if (when && !when.ok) return { ...when, example: '/hours day yesterday' };
      return problem('date_format', 'date', { value: rest, example: '/hours day yesterday' });
    }
    case 'edit':
      return parseEdit(restWords);
    case 'delete':
    case 'del':
    case 'rm':
      return parseDelete(restWords);
    case 'week': {
      const [which, ...extra] = restWords;
      const example = '/hours week · /hours week last · /hours week 2026-11-23';
      if (extra.length > 0) return problem('week_extra', 'command', { example });
      if (which === undefined || which.toLowerCase() === 'this') {
        return { ok: true, command: { kind: 'week', which: { kind: 'this' } } };
      }
      if (which.toLowerCase() === 'last') return { ok: true, command: { kind: 'week', which: { kind: 'last' } } };
      if (isCalendarDate(which)) return { ok: true, command: { kind: 'week', which: { kind: 'of', date: which } } };
      return problem('week_word', 'date', { value: which, example });
    }
    case 'month':
      return noArgs({ kind: 'month' }, '/hours month');
    case 'undo':
      return noArgs({ kind: 'undo' }, '/hours undo');
    case 'export':
    case 'csv':
      return noArgs({ kind: 'export' }, '/hours export');
    case 'team':
      return noArgs({ kind: 'team' }, '/hours team');
    case 'help':
    case '?':
      return { ok: true, command: { kind: 'help' } };
    case 'forget': {
      if (restWords.length === 0) return { ok: true, command: { kind: 'forget', confirmed: false } };
      if (restWords.length === 1 && restWords[0]?.toLowerCase() === 'confirm') {
        return { ok: true, command: { kind: 'forget', confirmed: true } };
      }
      return problem('forget_confirm', 'command', { example: '/hours forget confirm' });
    }
    case 'tz':
    case 'timezone': {
      const example = '/hours tz Europe/London';
      if (restWords.length === 0) return { ok: true, command: { kind: 'tz', action: { kind: 'show' } } };
      if (restWords.length > 1) return problem('zone_words', 'zone', { example });
      const zone = restWords[0] as string;
      if (['reset', 'clear', 'off', 'auto', 'slack'].includes(zone.toLowerCase())) {
        return { ok: true, command: { kind: 'tz', action: { kind: 'clear' } } };
      }
      return { ok: true, command: { kind: 'tz', action: { kind: 'set', zone } } };
    }
    default:
      // Forgiving: "/hours 7.5 yesterday" means log.
      if (looksLikeAmount(head) || /^-\d/.test(head)) return parseLog(text);
      return problem('unknown_command', 'command', { value: `/hours ${head}`, example: '/hours help' });
  }
}
