import type { types } from '@slack/bolt';
import { summarizeMonth, summarizeWeek } from '../../../src/features/hours/domain.js';
import type { Problem, ProblemCode } from '../../../src/features/hours/grammar.js';
import {
  dateRefusedReply,
  dayCapReply,
  exportEmptyReply,
  exportFileReply,
  exportInlineReply,
  forgetAskReply,
  forgetKeptReply,
  forgetNotYoursReply,
  forgottenReply,
  helpReply,
  langReply,
  loggedReply,
  monthReply,
  nothingToUndoReply,
  problemReply,
  type Reply,
  teamReply,
  undoGoneReply,
  undoNotYoursReply,
  undoneReply,
  unknownZoneReply,
  weekReply,
  zoneReply,
  zoneSetReply,
} from '../../../src/features/hours/render.js';
import {
  dayListReply,
  deletedReply,
  editedReply,
  editHintReply,
  entryMissingReply,
  entryNotYoursReply,
} from '../../../src/features/hours/render-entries.js';
import { editEntryView } from '../../../src/features/hours/render-modal.js';
import { BANDS } from '../../../src/hours/bands.js';
import { teamFigures } from '../../../src/hours/team.js';
import type { Translator } from '../../../src/i18n/translator.js';
import type { HoursEntry } from '../../../src/store/types.js';

/** Every `/hours` answer and the edit form, rendered by one Translator, for the tests that check them all. */

export const now = new Date('2026-11-25T20:00:00Z');
export const lastWeek = { from: '2026-11-16', to: '2026-11-22' };
/** A note in the person's language: a quoted note is the one thing in an answer that is theirs, not ours. */
export const noteIn = (t: Translator) => (t.locale === 'zh' ? '修评测' : 'evals');

export const entry = (note: string | null, minutes = 450, id = 42): HoursEntry => ({
  id,
  teamId: 'T1',
  userId: 'U0ADA',
  workDate: '2026-11-23',
  minutes,
  note,
  loggedAt: now.toISOString(),
});

export const heavy = [
  { date: '2026-11-23', minutes: 1440 },
  ...[17, 18, 19, 20, 21, 22].map((d) => ({ date: `2026-11-${d}`, minutes: 900 })),
];

/** One problem of every code, with the value and data the parser gives it (the record makes the list complete). */
export const EVERY_PROBLEM: Record<ProblemCode, Omit<Problem, 'code'>> = {
  amount_missing: { field: 'amount', example: 'log' },
  amount_negative: { field: 'amount', value: '-3', example: 'log' },
  amount_zero: { field: 'amount', value: '0', example: 'log' },
  amount_over_day: { field: 'amount', value: '25', example: 'log' },
  amount_far_over_day: { field: 'amount', value: '99999', example: 'log' },
  amount_decimals: { field: 'amount', value: '7.555', data: { rounded: '7.55' }, example: 'log' },
  amount_minutes_over_59: { field: 'amount', value: '7:75', data: { hours: '7' }, example: 'edit' },
  amount_scientific: { field: 'amount', value: '1e3', example: 'log' },
  amount_unreadable: { field: 'amount', value: 'lots', example: 'log' },
  amount_minutes_word: { field: 'amount', value: '45 min', data: { minutes: '45' }, example: 'log' },
  note_too_long: { field: 'note', data: { length: 250, max: 200 }, example: 'log' },
  note_control: { field: 'note', example: 'log' },
  date_not_real: { field: 'date', value: '2026-02-30', example: 'log' },
  date_format: { field: 'date', value: '2026/1/1', example: 'day' },
  date_ambiguous: { field: 'date', value: '1/12', data: { first: 1, second: 12 }, example: 'log' },
  entry_number: { field: 'entry', value: 'x', example: 'delete' },
  takes_nothing: { field: 'command', value: 'month', data: { command: '/hours month' }, example: 'month' },
  week_extra: { field: 'command', example: 'week' },
  week_word: { field: 'date', value: 'soon', example: 'week' },
  forget_confirm: { field: 'command', example: 'forget' },
  zone_words: { field: 'zone', example: 'tz' },
  lang_unknown: { field: 'language', value: 'fr', example: 'lang' },
  edit_usage: { field: 'date', example: 'edit' },
  delete_usage: { field: 'command', value: 'extra', example: 'delete' },
  unknown_command: { field: 'command', value: '/hours nope', example: 'help' },
  unreadable: { field: 'command', example: 'help' },
};

export function everyReply(t: Translator): Array<[string, Reply]> {
  const note = noteIn(t);
  const week = { from: '2026-11-23', to: '2026-11-29' };
  const problems = Object.entries(EVERY_PROBLEM).map(([code, p]): [string, Reply] => [
    `problem ${code}`,
    problemReply(t, { ...p, code: code as ProblemCode }),
  ]);
  const entries = [entry(note), entry(null, 90, 43)];
  return [
    ...problems,
    ['problem: which entry', problemReply(t, { code: 'entry_number', field: 'entry', example: 'edit' })],
    ...BANDS.map((band): [string, Reply] => [
      `logged (${band.id})`,
      loggedReply(t, {
        entry: entry(note),
        dayMinutes: 800,
        weekMinutes: band.fromHours * 60,
        band,
        nightRule: true,
        today: '2026-11-23',
        notedAs: true,
      }),
    ]),
    ['day cap', dayCapReply(t, { date: '2026-11-23', today: '2026-11-25', dayMinutes: 1200, minutes: 300, cap: 1440 })],
    [
      'day cap full',
      dayCapReply(t, { date: '2026-11-23', today: '2026-11-25', dayMinutes: 1440, minutes: 30, cap: 1440 }),
    ],
    [
      'day not over',
      dayCapReply(t, { date: '2026-11-25', today: '2026-11-25', dayMinutes: 60, minutes: 300, cap: 200 }),
    ],
    [
      'edit over cap',
      dayCapReply(t, {
        date: '2026-11-24',
        today: '2026-11-25',
        dayMinutes: 60,
        minutes: 1430,
        cap: 1440,
        verb: 'make',
      }),
    ],
    ['future', dateRefusedReply(t, 'future', '2026-12-01', '2026-11-25')],
    ['too old', dateRefusedReply(t, 'too_old', '2024-01-01', '2025-11-25')],
    ['week', weekReply(t, summarizeWeek(week, heavy, '2026-11-25', 8), 'U0ADA')],
    ['week, one long day', weekReply(t, summarizeWeek(week, [{ date: '2026-11-23', minutes: 780 }], '2026-11-25', 1))],
    ['empty week', weekReply(t, summarizeWeek(week, [], '2026-11-25', 0))],
    ['past week', weekReply(t, summarizeWeek(lastWeek, [], '2026-11-25', 0, 300))],
    ['month', monthReply(t, summarizeMonth(heavy, '2026-11-25'))],
    ['empty month', monthReply(t, summarizeMonth([], '2026-11-25'))],
    ['undone', undoneReply(t, entry(note), 0)],
    ['nothing to undo', nothingToUndoReply(t)],
    ['undo not yours', undoNotYoursReply(t)],
    ['undo gone', undoGoneReply(t)],
    ['team hidden', teamReply(t, teamFigures([1], lastWeek))],
    ['team', teamReply(t, teamFigures([3000, 4000, 5000, 6000, 7000], lastWeek))],
    ['zone', zoneReply(t, { zone: 'Asia/Shanghai', source: 'slack' }, now)],
    ['zone default', zoneReply(t, { zone: 'UTC', source: 'default' }, now)],
    ['zone override cleared', zoneReply(t, { zone: 'Europe/London', source: 'override' }, now, true)],
    ['zone set', zoneSetReply(t, 'Europe/London', now)],
    ['unknown zone', unknownZoneReply(t, 'Mars/Olympus')],
    ['lang show', langReply(t, null, false)],
    ['lang set', langReply(t, t.locale, true)],
    ['lang auto', langReply(t, null, true)],
    ['export inline', exportInlineReply(t, 1, 'date,hours\r\n2026-11-23,1\r\n')],
    ['export empty', exportEmptyReply(t)],
    ['export file', exportFileReply(t, 2000, 'lights-out-hours-2026-11-25.csv')],
    ['forget ask', forgetAskReply(t, 'U0ADA', 12)],
    ['forgotten', forgottenReply(t, 12)],
    ['forgotten one', forgottenReply(t, 1)],
    ['forget kept', forgetKeptReply(t)],
    ['forget not yours', forgetNotYoursReply(t)],
    ['help', helpReply(t)],
    ['day list', dayListReply(t, { date: '2026-11-23', today: '2026-11-25', entries, userId: 'U0ADA', zone: 'UTC' })],
    ['day list empty', dayListReply(t, { date: '2026-11-25', today: '2026-11-25', entries: [], userId: 'U0ADA' })],
    ['edit hint', editHintReply(t, entry(note), 1, '2026-11-25')],
    [
      'edited',
      editedReply(t, {
        before: entry(null),
        entry: entry(note, 300),
        today: '2026-11-23',
        dayBefore: 450,
        dayAfter: 300,
      }),
    ],
    ['deleted', deletedReply(t, { entry: entry(note), today: '2026-11-24', before: 540, after: 90 })],
    ['no such entry', entryMissingReply(t, { today: '2026-11-25', date: '2026-11-24', n: 3, count: 2 })],
    ['entry gone', entryMissingReply(t, { today: '2026-11-25' })],
    ['entries not yours', entryNotYoursReply(t)],
  ];
}

export const editForm = (t: Translator): types.ModalView =>
  editEntryView(t, entry(noteIn(t)), 2, '2026-11-25', { userId: 'U0ADA', id: 42, n: 2 });

/** Every piece of text a reply shows a person: its fallback, its blocks' texts and its buttons. */
export function shownTexts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(shownTexts);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) =>
      ['text', 'blocks', 'elements', 'title', 'submit', 'close', 'label', 'hint', 'initial_value'].includes(key)
        ? shownTexts(inner)
        : typeof inner === 'object'
          ? shownTexts(inner)
          : [],
    );
  }
  return [];
}
