import type { Locale } from '../../i18n/locale.js';

/**
 * The `/hours` grammar's shapes: commands, date words and problems as data. parse*.ts fill them, render*.ts word
 * them; nothing here looks at a clock.
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
  | { kind: 'date'; date: string }
  /** `前天` (2), `大前天` (3): that many days before today; `后天` (-2) is refused as the future. */
  | { kind: 'days-ago'; days: number }
  /** `上周五`: that weekday in the ISO week before this one (not the most recent Friday, as `last fri` is). */
  | { kind: 'weekday-last-week'; weekday: number };

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
  /** `/hours lang zh|en|auto`: `null` follows the person's Slack locale again; `show` says which applies. */
  | { kind: 'lang'; action: { kind: 'show' } | { kind: 'set'; locale: Locale | null } }
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
  | 'lang_unknown'
  | 'edit_usage'
  | 'delete_usage'
  | 'unknown_command'
  | 'unreadable';

export type ProblemField = 'amount' | 'date' | 'note' | 'entry' | 'command' | 'zone' | 'language';

export type Problem = {
  code: ProblemCode;
  field: ProblemField;
  /** What the person typed, raw (render quotes it inert). */
  value?: string;
  /** Numbers or readings the wording needs: a length, a limit, a suggested form. */
  data?: Record<string, string | number>;
  /** Which command to suggest instead; render words it in the person's language (`hours.example.*`). */
  example: ExampleId;
};

/** The commands a problem can suggest, each worded in the catalogue as `hours.example.<id>`. */
export type ExampleId =
  | 'log'
  | 'edit'
  | 'delete'
  | 'day'
  | 'week'
  | 'month'
  | 'undo'
  | 'export'
  | 'team'
  | 'forget'
  | 'tz'
  | 'lang'
  | 'help';

export type Failure = { ok: false } & Problem;
export const problem = (
  code: ProblemCode,
  field: ProblemField,
  extra: { value?: string; data?: Record<string, string | number>; example?: ExampleId } = {},
): Failure => ({ ok: false, code, field, ...extra, example: extra.example ?? 'log' });

export type ParseResult = { ok: true; command: HoursCommand } | Failure;
