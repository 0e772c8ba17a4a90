import { isCalendarDate } from '../../hours/calendar.js';
import { decodeSlackText } from '../../slack/mrkdwn.js';
import {
  DELETE_EXAMPLE,
  EDIT_EXAMPLE,
  type Failure,
  type HoursCommand,
  NOTE_MAX_CHARS,
  NOTE_MAX_CODE_POINTS,
  type ParseResult,
  problem,
  type When,
} from './grammar.js';
import { readAmount } from './parse-amount.js';
import { looksLikeDateOrUnit, readWhen } from './parse-when.js';

/**
 * The `/hours` grammar, pure: text in, a command or a problem out. It never throws and never looks at the
 * clock; turning "yesterday" into a date happens later, in the person's zone.
 */

export * from './grammar.js';
export { type AmountResult, formatAmount, parseAmount } from './parse-amount.js';
export { readWhen } from './parse-when.js';

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
