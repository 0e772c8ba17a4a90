import { isCalendarDate } from '../../hours/calendar.js';
import { decodeSlackText, escapeMrkdwn, truncate } from '../../slack/mrkdwn.js';

/**
 * The `/hours` grammar, pure: text in, a command or a problem out. It never throws and never looks at the
 * clock; turning "yesterday" into a date happens later, in the person's zone.
 */

/** A day can hold at most 24 hours, so no single amount may exceed it either. */
export const MAX_MINUTES = 24 * 60;
export const NOTE_MAX_CHARS = 200;

export type When =
  | { kind: 'default' }
  | { kind: 'today' }
  | { kind: 'yesterday' }
  /** 1 = Monday … 7 = Sunday (ISO), the most recent such day, today included. */
  | { kind: 'weekday'; weekday: number }
  | { kind: 'date'; date: string };

export type WeekWhich = { kind: 'this' } | { kind: 'last' } | { kind: 'of'; date: string };

export type HoursCommand =
  | { kind: 'log'; minutes: number; when: When; note: string | null }
  | { kind: 'week'; which: WeekWhich }
  | { kind: 'month' }
  | { kind: 'undo' }
  | { kind: 'tz'; action: { kind: 'show' } | { kind: 'set'; zone: string } | { kind: 'clear' } }
  | { kind: 'export' }
  | { kind: 'forget'; confirmed: boolean }
  | { kind: 'team' }
  | { kind: 'help' };

/** What went wrong and what to type instead; shown privately, nothing changes. */
export type Problem = { problem: string; example: string };

export type ParseResult = { ok: true; command: HoursCommand } | ({ ok: false } & Problem);

export const LOG_EXAMPLE = '/hours log 7.5 yesterday fixing the eval harness';

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

const fail = (problem: string, example: string = LOG_EXAMPLE): ParseResult => ({ ok: false, problem, example });

export type AmountResult = { ok: true; minutes: number } | { ok: false; problem: string };

const AMOUNT_FORMS = '`14`, `7.5`, `7,5`, `7:30`, `7h30`, `7h30m`, `7h` or `45m`';

/**
 * An amount of time as whole minutes. Accepts `14`, `7.5`, `7,5`, `7.5h`, `7:30`, `7h30`, `7h30m`, `7h 30m`, `7h`,
 * `45m`. Decimal hours may have up to two decimals and are rounded to the nearest minute with integer arithmetic.
 */
export function parseAmount(raw: string): AmountResult {
  const text = raw.trim().toLowerCase().replace(/\s+/g, '');
  const bad = (problem: string): AmountResult => ({ ok: false, problem });
  if (text === '') return bad(`I need an amount of time, like ${AMOUNT_FORMS}.`);
  if (/^-/.test(text)) return bad(`${shown(raw)} is negative. Hours can only be logged as a positive amount.`);
  const minutes = readMinutes(text, raw);
  if (typeof minutes !== 'number') return minutes;
  if (minutes <= 0) return bad(`${shown(raw)} is zero. Log an amount above zero, like \`45m\`.`);
  if (minutes > MAX_MINUTES) return bad(`${shown(raw)} is more than a day. One entry can be at most 24 h.`);
  return { ok: true, minutes };
}

/** The amount in minutes, or the problem with it; `text` is lower-cased with spaces removed. */
function readMinutes(text: string, raw: string): number | AmountResult {
  const bad = (problem: string): AmountResult => ({ ok: false, problem });
  const decimal = /^(\d{1,4})(?:[.,](\d{1,2}))?h?$/.exec(text);
  if (decimal) {
    const fraction = decimal[2] ?? '';
    const hundredths = Number(decimal[1]) * 100 + (fraction ? Number(fraction.padEnd(2, '0')) : 0);
    // Hundredths of an hour × 60 / 100 = × 3 / 5, rounded half up, in integers: no float drift.
    return Math.floor((hundredths * 6 + 5) / 10);
  }
  const tooPrecise = /^(\d{1,4})[.,](\d{3,})h?$/.exec(text);
  if (tooPrecise) {
    return bad(
      `${shown(raw)} has more than two decimals. Round it (\`${tooPrecise[1]}.${(tooPrecise[2] ?? '').slice(0, 2)}\`) or write hours and minutes, like \`7h33\`.`,
    );
  }
  const clock = /^(\d{1,4}):(\d{2})$/.exec(text) ?? /^(\d{1,4})h(\d{1,2})m?$/.exec(text);
  if (clock) {
    const mins = Number(clock[2]);
    if (mins > 59) return bad(`${shown(raw)}: minutes go up to 59, like \`${clock[1]}:30\` or \`${clock[1]}h30\`.`);
    return Number(clock[1]) * 60 + mins;
  }
  const onlyMinutes = /^(\d{1,5})m(?:in|ins)?$/.exec(text);
  if (onlyMinutes) return Number(onlyMinutes[1]);
  if (/^\d+(\.\d+)?e[+-]?\d+$/.test(text)) {
    return bad(`${shown(raw)} looks like scientific notation. Write plain hours: ${AMOUNT_FORMS}.`);
  }
  if (/^\d{5,}([.,]\d*)?h?$/.test(text))
    return bad(`${shown(raw)} is far more than a day. One entry can be at most 24 h.`);
  return bad(`I can't read ${shown(raw)} as an amount of time. Use ${AMOUNT_FORMS}.`);
}

/** User text quoted back in a problem: cut short, inert in mrkdwn, and unable to break out of its code span. */
function shown(raw: string): string {
  return `\`${escapeMrkdwn(truncate(raw.replace(/`/g, "'").replace(/\s+/g, ' '), 24))}\``;
}

/**
 * Minutes as the shortest amount the grammar reads back to the same number: `45m`, `7h`, `7h30m`.
 * Used for every amount shown, so what people see is what they can type.
 */
export function formatAmount(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}m`;
  if (m === 0) return `${h}h`;
  return `${h}h${String(m).padStart(2, '0')}m`;
}

/** Slack control sequences: mentions, channel links, broadcasts, links. A note must never carry one. */
const CONTROL_SEQUENCE = /<\s*(?:[!@#]|(?:https?|mailto|tel|slack):)/i;

export type NoteResult = { ok: true; note: string | null } | { ok: false; problem: string };

export function parseNote(raw: string): NoteResult {
  // Newlines and tabs become single spaces: a note is one line in the week view and in the CSV.
  const note = raw
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
    .replace(/[\u0000-\u001f\u007f\s]+/g, ' ')
    .trim();
  if (note === '') return { ok: true, note: null };
  const length = Array.from(note).length;
  if (length > NOTE_MAX_CHARS) {
    return {
      ok: false,
      problem: `That note is ${length} characters; notes can be up to ${NOTE_MAX_CHARS}. Keep the gist and log again.`,
    };
  }
  if (CONTROL_SEQUENCE.test(note)) {
    return {
      ok: false,
      problem:
        // Escaped like any text we send: written raw, these examples would themselves be a broadcast and links.
        'Notes cannot contain Slack mentions or links (`&lt;!channel&gt;`, `&lt;@someone&gt;`, `&lt;#channel&gt;`, `&lt;http…&gt;`): your hours stay private, so nothing in them should ping or link anyone. Leave that part out.',
    };
  }
  return { ok: true, note };
}

type WhenToken = { ok: true; when: When } | { ok: false; problem: string } | undefined;

/** A `when` word, a problem if it tries to be a date and is not one, or undefined if it is the note's start. */
function parseWhen(token: string | undefined): WhenToken {
  if (token === undefined) return undefined;
  const word = token.toLowerCase();
  if (word === 'today') return { ok: true, when: { kind: 'today' } };
  if (word === 'yesterday' || word === 'yday') return { ok: true, when: { kind: 'yesterday' } };
  const weekday = WEEKDAYS.get(word);
  if (weekday !== undefined) return { ok: true, when: { kind: 'weekday', weekday } };
  if (/^\d{4}-\d{2}-\d{2}$/.test(token)) {
    if (isCalendarDate(token)) return { ok: true, when: { kind: 'date', date: token } };
    return {
      ok: false,
      problem: `${shown(token)} is not a real date. Write dates as YYYY-MM-DD, like \`2026-11-27\`.`,
    };
  }
  if (/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(token) || /^\d{1,2}[-/.]\d{1,2}([-/.]\d{2,4})?$/.test(token)) {
    return { ok: false, problem: `Write dates as YYYY-MM-DD, like \`2026-11-27\` (not ${shown(token)}).` };
  }
  return undefined;
}

function parseLog(rest: string): ParseResult {
  const text = rest.trim();
  if (text === '') return fail('`/hours log` needs an amount of time.');
  let [amountToken = '', ...after] = text.split(/\s+/);
  // "7h 30m": the minutes may follow as their own word.
  if (/^\d{1,4}h$/i.test(amountToken) && after[0] && /^\d{1,2}m$/i.test(after[0])) {
    amountToken = `${amountToken}${after[0]}`;
    after = after.slice(1);
  }
  const amount = parseAmount(amountToken);
  if (!amount.ok) return fail(amount.problem);
  const when = parseWhen(after[0]);
  if (when && !when.ok) return fail(when.problem);
  // The note is the rest of the original text, so its spacing is kept until parseNote tidies it.
  const noteStart = when ? 1 : 0;
  const noteText = after.slice(noteStart).join(' ');
  const note = parseNote(noteText);
  if (!note.ok) return fail(note.problem);
  return {
    ok: true,
    command: { kind: 'log', minutes: amount.minutes, when: when?.when ?? { kind: 'default' }, note: note.note },
  };
}

const looksLikeAmount = (token: string) => /^[\d.,:]+(h|m|h\d{1,2}m?)?$/i.test(token) && /\d/.test(token);

/** Parses the text after `/hours`. Never throws. */
export function parseHours(input: string): ParseResult {
  try {
    return parseUnsafe(typeof input === 'string' ? input : '');
  } catch {
    // The grammar has no throwing paths; this keeps the promise if one ever appears.
    return fail("I couldn't read that.", '/hours help');
  }
}

function parseUnsafe(input: string): ParseResult {
  // Control characters count as spaces everywhere, so a note and the words before it are split the same way.
  const text = decodeSlackText(input)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: replacing control characters is the point.
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim();
  if (text === '') return { ok: true, command: { kind: 'week', which: { kind: 'this' } } };
  const space = text.search(/\s/);
  const head = (space === -1 ? text : text.slice(0, space)).toLowerCase();
  const rest = space === -1 ? '' : text.slice(space + 1).trim();
  const restWords = rest === '' ? [] : rest.split(/\s+/);
  const noArgs = (command: HoursCommand, example: string): ParseResult =>
    restWords.length === 0 ? { ok: true, command } : fail(`\`/hours ${head}\` takes nothing after it.`, example);

  switch (head) {
    case 'log':
    case 'add':
      return parseLog(rest);
    case 'week': {
      const [which, ...extra] = restWords;
      const example = '/hours week · /hours week last · /hours week 2026-11-23';
      if (extra.length > 0) return fail('`/hours week` takes one optional word: `last` or a date.', example);
      if (which === undefined || which.toLowerCase() === 'this') {
        return { ok: true, command: { kind: 'week', which: { kind: 'this' } } };
      }
      if (which.toLowerCase() === 'last') return { ok: true, command: { kind: 'week', which: { kind: 'last' } } };
      if (isCalendarDate(which)) return { ok: true, command: { kind: 'week', which: { kind: 'of', date: which } } };
      return fail(`${shown(which)} is not \`last\` or a real date (YYYY-MM-DD).`, example);
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
      return fail('To delete everything, type exactly `/hours forget confirm`.', '/hours forget confirm');
    }
    case 'tz':
    case 'timezone': {
      const example = '/hours tz Europe/London';
      if (restWords.length === 0) return { ok: true, command: { kind: 'tz', action: { kind: 'show' } } };
      if (restWords.length > 1) return fail('A time zone is one word, like `Europe/London`.', example);
      const zone = restWords[0] as string;
      if (['reset', 'clear', 'off', 'auto', 'slack'].includes(zone.toLowerCase())) {
        return { ok: true, command: { kind: 'tz', action: { kind: 'clear' } } };
      }
      return { ok: true, command: { kind: 'tz', action: { kind: 'set', zone } } };
    }
    default:
      // Forgiving: "/hours 7.5 yesterday" means log.
      if (looksLikeAmount(head) || /^-\d/.test(head)) return parseLog(text);
      return fail(`I don't know ${shown(`/hours ${head}`)}.`, '/hours help');
  }
}
