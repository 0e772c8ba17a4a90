import { isCalendarDate } from '../../hours/calendar.js';
import type { Locale } from '../../i18n/locale.js';
import { decodeSlackText } from '../../slack/mrkdwn.js';
import {
  type ExampleId,
  type Failure,
  type HoursCommand,
  NOTE_MAX_CHARS,
  NOTE_MAX_CODE_POINTS,
  type ParseResult,
  problem,
  type When,
} from './grammar.js';
import { readAmount, withLatinUnits } from './parse-amount.js';
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

/**
 * The words of a command twice: folded (NFKC, so `８`, `７．５` and `：` read as `8`, `7.5` and `:`) for the
 * grammar, and as typed for the note, which is kept exactly as written.
 */
type Words = { read: readonly string[]; typed: readonly string[] };

const wordsOf = (text: string): Words => {
  const typed = text === '' ? [] : text.split(/\s+/);
  return { typed, read: typed.map((word) => word.normalize('NFKC')) };
};
const after = (words: Words, n: number): Words => ({ read: words.read.slice(n), typed: words.typed.slice(n) });

/** A Chinese amount typed straight onto what follows (`8小时昨天`, `7小时30分钟修评测`); not `7小时30分钟` itself. */
const GLUED = /^(\d+(?:[.,]\d+)?(?:个?小时|钟头)(?:\d{1,2}分钟?)?|\d+分钟?)(?!钟)(\p{Script=Han}.*)$/u;

/** Splits a glued amount off the first word, as if a space had been typed (the rest keeps its folded form). */
function unglue(words: Words): Words {
  const glued = GLUED.exec(words.read[0] ?? '');
  if (!glued) return words;
  const parts = [glued[1] as string, glued[2] as string];
  return { read: [...parts, ...words.read.slice(1)], typed: [...parts, ...words.typed.slice(1)] };
}

function parseLog(given: Words): ParseResult {
  const words = unglue(given);
  if (words.read.length === 0) return problem('amount_missing', 'amount');
  const amount = readAmount(words.read);
  if (!amount.ok) return amount;
  const rest = after(words, amount.words);
  const when = readWhen(rest.read);
  if (when && !when.ok) return when;
  const noteWords = after(rest, when ? when.words : 0);
  const note = parseNote(noteWords.typed.join(' '));
  if (!note.ok) return note;
  const first = noteWords.read[0];
  const notedAs = note.note !== null && first !== undefined && looksLikeDateOrUnit(first);
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
  words: Words,
  code: 'edit_usage' | 'delete_usage',
): { ok: true; when: When; n: number; rest: Words } | Failure {
  const example = code === 'edit_usage' ? 'edit' : 'delete';
  const when = readWhen(words.read);
  if (when && !when.ok) return { ...when, example };
  if (!when) return problem(code, 'date', { ...(words.typed[0] ? { value: words.typed[0] } : {}), example });
  const nText = words.read[when.words];
  if (nText === undefined || !/^#?\d{1,3}$/.test(nText) || Number(nText.replace('#', '')) < 1) {
    return problem('entry_number', 'entry', { ...(nText ? { value: nText } : {}), example });
  }
  return { ok: true, when: when.when, n: Number(nText.replace('#', '')), rest: after(words, when.words + 1) };
}

function parseEdit(words: Words): ParseResult {
  if (words.read.length === 0) return problem('edit_usage', 'date', { example: 'edit' });
  const when = readWhen(words.read);
  // `/hours edit yesterday` alone lists that day, numbered, so the numbers can be read off.
  if (when?.ok && when.words === words.read.length) return { ok: true, command: { kind: 'day', when: when.when } };
  const ref = readEntryRef(words, 'edit_usage');
  if (!ref.ok) return ref;
  if (ref.rest.read.length === 0) return problem('amount_missing', 'amount', { example: 'edit' });
  const amount = readAmount(ref.rest.read);
  if (!amount.ok) return { ...amount, example: 'edit' };
  const noteWords = after(ref.rest, amount.words);
  const note = parseNote(noteWords.typed.join(' '));
  if (!note.ok) return { ...note, example: 'edit' };
  return {
    ok: true,
    command: {
      kind: 'edit',
      when: ref.when,
      n: ref.n,
      minutes: amount.minutes,
      ...(noteWords.typed.length > 0 ? { note: note.note } : {}),
    },
  };
}

function parseDelete(words: Words): ParseResult {
  const ref = readEntryRef(words, 'delete_usage');
  if (!ref.ok) return ref;
  if (ref.rest.typed.length > 0)
    return problem('delete_usage', 'command', { value: ref.rest.typed.join(' '), example: 'delete' });
  return { ok: true, command: { kind: 'delete', when: ref.when, n: ref.n } };
}

const looksLikeAmount = (token: string) =>
  /^[\d.,:]+(h|m|h\d{1,2}m?)?$/i.test(withLatinUnits(token)) && /\d/.test(token);

/** `/hours lang zh|en|auto` (and the languages' own names). */
function parseLang(words: readonly string[]): ParseResult {
  if (words.length === 0) return { ok: true, command: { kind: 'lang', action: { kind: 'show' } } };
  const word = (words[0] as string).toLowerCase();
  if (words.length > 1) return problem('lang_unknown', 'language', { value: words.join(' '), example: 'lang' });
  const set = (locale: Locale | null): ParseResult => ({
    ok: true,
    command: { kind: 'lang', action: { kind: 'set', locale } },
  });
  if (['auto', 'slack', 'reset', 'default'].includes(word) || /^自动$/.test(word)) return set(null);
  if (/^zh(?:[-_](?:cn|hans|sg))?$|^chinese$|^cn$/.test(word) || /^中文$|^汉语$|^简体中文$/.test(word))
    return set('zh');
  if (/^en(?:[-_][a-z]{2})?$|^english$/.test(word) || /^英文$|^英语$/.test(word)) return set('en');
  return problem('lang_unknown', 'language', { value: words[0] as string, example: 'lang' });
}

/** Parses the text after `/hours`. Never throws. */
export function parseHours(input: string): ParseResult {
  try {
    return parseUnsafe(typeof input === 'string' ? input : '');
  } catch {
    // The grammar has no throwing paths; this keeps the promise if one ever appears.
    return problem('unreadable', 'command', { example: 'help' });
  }
}

function parseUnsafe(input: string): ParseResult {
  // Control characters count as spaces everywhere, so a note and the words before it are split the same way.
  const text = decodeSlackText(input)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: replacing control characters is the point.
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim();
  if (text === '') return { ok: true, command: { kind: 'week', which: { kind: 'this' } } };
  const all = wordsOf(text);
  const head = (all.read[0] as string).toLowerCase();
  const rest = after(all, 1);
  const restWords = rest.read;
  const noArgs = (command: HoursCommand, example: ExampleId): ParseResult =>
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
      if (when && !when.ok) return { ...when, example: 'day' };
      return problem('date_format', 'date', { value: rest.typed.join(' '), example: 'day' });
    }
    case 'edit':
      return parseEdit(rest);
    case 'delete':
    case 'del':
    case 'rm':
      return parseDelete(rest);
    case 'week':
      return parseWeek(restWords);
    case 'month':
      return noArgs({ kind: 'month' }, 'month');
    case 'undo':
      return noArgs({ kind: 'undo' }, 'undo');
    case 'export':
    case 'csv':
      return noArgs({ kind: 'export' }, 'export');
    case 'team':
      return noArgs({ kind: 'team' }, 'team');
    case 'help':
    case '?':
      return { ok: true, command: { kind: 'help' } };
    case 'lang':
    case 'language':
      return parseLang(restWords);
    case 'forget': {
      if (restWords.length === 0) return { ok: true, command: { kind: 'forget', confirmed: false } };
      if (restWords.length === 1 && restWords[0]?.toLowerCase() === 'confirm') {
        return { ok: true, command: { kind: 'forget', confirmed: true } };
      }
      return problem('forget_confirm', 'command', { example: 'forget' });
    }
    case 'tz':
    case 'timezone':
      return parseZone(restWords);
    default:
      // Forgiving: "/hours 7.5 yesterday" (or "/hours 7.5小时 昨天") means log.
      if (looksLikeAmount(head) || looksLikeAmount(unglue(all).read[0] ?? '') || /^-\d/.test(head)) {
        return parseLog(all);
      }
      return problem('unknown_command', 'command', { value: `/hours ${all.typed[0]}`, example: 'help' });
  }
}

function parseWeek(words: readonly string[]): ParseResult {
  const [which, ...extra] = words;
  if (extra.length > 0) return problem('week_extra', 'command', { example: 'week' });
  const word = which?.toLowerCase();
  if (word === undefined || word === 'this' || /^(?:本|这)(?:个)?(?:周|星期|礼拜)$/.test(word)) {
    return { ok: true, command: { kind: 'week', which: { kind: 'this' } } };
  }
  if (word === 'last' || /^上(?:个)?(?:周|星期|礼拜)$/.test(word)) {
    return { ok: true, command: { kind: 'week', which: { kind: 'last' } } };
  }
  if (isCalendarDate(word)) return { ok: true, command: { kind: 'week', which: { kind: 'of', date: word } } };
  return problem('week_word', 'date', { value: which, example: 'week' });
}

function parseZone(words: readonly string[]): ParseResult {
  if (words.length === 0) return { ok: true, command: { kind: 'tz', action: { kind: 'show' } } };
  if (words.length > 1) return problem('zone_words', 'zone', { example: 'tz' });
  const zone = words[0] as string;
  if (['reset', 'clear', 'off', 'auto', 'slack'].includes(zone.toLowerCase())) {
    return { ok: true, command: { kind: 'tz', action: { kind: 'clear' } } };
  }
  return { ok: true, command: { kind: 'tz', action: { kind: 'set', zone } } };
}
