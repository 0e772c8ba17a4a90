import { BANDS, type Band, bandLabel, LONG_DAY_HOURS } from '../../hours/bands.js';
import { addDays } from '../../hours/calendar.js';
import { articleFor } from '../../hours/duration.js';
import type { Locale } from '../../i18n/locale.js';
import type { Translator } from '../../i18n/translator.js';
import { describeZoneSource, type ResolvedZone } from '../../people/zone.js';
import { escapeMrkdwn, truncate } from '../../slack/mrkdwn.js';
import type { HoursEntry } from '../../store/types.js';
import { type ExampleId, MAX_MINUTES, type Problem } from './parse.js';
import { problemText, tryText } from './render-problems.js';
import {
  amount,
  bandTag,
  capitalised,
  context,
  day,
  dayName,
  NIGHT_ENDS,
  quoted,
  type Reply,
  section,
  wholeHours,
} from './words.js';

export * from './render-account.js';
export * from './render-views.js';
export { dayName, type Reply } from './words.js';

/** Block Kit for every `/hours` answer, in the language of the Translator it is given. Notes are escaped here. */

export const ACTION_UNDO = 'hours_undo';

/** Undo values carry the owner, so a press by anyone else is recognised (the store also checks). */
export function undoValue(userId: string, entryId: number): string {
  return `${userId}:${entryId}`;
}

export function parseUndoValue(value: string | undefined): { userId: string; entryId: number } | undefined {
  const match = /^([A-Z0-9]{1,32}):(\d{1,15})$/i.exec(value ?? '');
  if (!match) return undefined;
  return { userId: match[1] as string, entryId: Number(match[2]) };
}

function problemBlocks(t: Translator, problem: string, example: ExampleId): Reply {
  return { text: problem, blocks: [section(`:thinking_face: ${problem}`), context(tryText(t, example))] };
}

export function problemReply(t: Translator, problem: Problem): Reply {
  return problemBlocks(t, problemText(t, problem), problem.example);
}

/** A gentle word for the week so far; quieter when the week is fine. */
function weekWord(t: Translator, band: Band): string {
  switch (band.id) {
    case 'sustainable':
      return '';
    case 'long':
      return t.t('hours.logged.long');
    case 'crunch':
      return t.t('hours.logged.crunch');
    case 'frontier':
    case 'zero-zero-two':
      return t.t('hours.logged.frontier');
  }
}

export type LoggedView = {
  entry: HoursEntry;
  dayMinutes: number;
  weekMinutes: number;
  band: Band;
  /** The small-hours rule decided the day (no date word, or a relative one, before 05:00). */
  nightRule: boolean;
  /** The person's work day now. */
  today: string;
  /** The note's first word looked like a date or unit: say it was kept as the note. */
  notedAs?: boolean;
};

/** The small-hours rule, said whenever it decided the day. */
export function nightRuleText(t: Translator, today: string): string {
  return t.t('hours.nightRule', { time: NIGHT_ENDS, today: day(t, today), twoDaysAgo: addDays(today, -2) });
}

export function loggedReply(t: Translator, view: LoggedView): Reply {
  const { entry, dayMinutes, weekMinutes, band } = view;
  const when = dayName(t, entry.workDate, view.today);
  const logged = amount(t, entry.minutes);
  const headline = t.t('hours.logged.headline', { amount: logged, day: when, note: quoted(t, entry.note) });
  const totals = t.t('hours.logged.totals', {
    day: amount(t, dayMinutes),
    week: amount(t, weekMinutes),
    band: bandTag(t, band),
  });
  const notes: string[] = [];
  if (view.notedAs && entry.note) notes.push(t.t('hours.logged.notedAs', { note: escapeMrkdwn(entry.note) }));
  if (view.nightRule) notes.push(nightRuleText(t, view.today));
  if (dayMinutes >= LONG_DAY_HOURS * 60) {
    const length = amount(t, dayMinutes);
    notes.push(t.t(articleFor(length) === 'an' ? 'hours.logged.longDayAn' : 'hours.logged.longDayA', { length }));
  }
  const word = weekWord(t, band);
  if (word) notes.push(word);
  const blocks: Reply['blocks'] = [section(`${headline}\n${totals}`)];
  if (notes.length > 0) blocks.push(context(notes.join(' ')));
  blocks.push({
    type: 'actions',
    block_id: 'hours_logged',
    elements: [
      {
        type: 'button',
        action_id: ACTION_UNDO,
        text: { type: 'plain_text', text: t.t('hours.logged.undo') },
        value: undoValue(entry.userId, entry.id),
      },
    ],
  });
  return { text: t.t('hours.logged.text', { amount: logged, day: when, total: amount(t, dayMinutes) }), blocks };
}

export type CapView = {
  date: string;
  today: string;
  /** Minutes already on the day (not counting the entry being changed). */
  dayMinutes: number;
  minutes: number;
  /** What the day can hold: the time that has passed in it (today: since 05:00), at most 24h. */
  cap: number;
  /** What is being done: "add" a log or "make" an entry this long. */
  verb?: 'add' | 'make';
};

export function dayCapReply(t: Translator, view: CapView): Reply {
  const { date, dayMinutes, minutes, cap } = view;
  const room = Math.max(0, cap - dayMinutes);
  const name = capitalised(dayName(t, date, view.today));
  const what = t.t(view.verb === 'make' ? 'hours.cap.makeEntry' : 'hours.cap.addMore', { amount: amount(t, minutes) });
  const early = date === view.today && cap < MAX_MINUTES;
  const limit = early
    ? t.t('hours.cap.todayPassed', { day: name, time: NIGHT_ENDS, cap: amount(t, cap) })
    : t.t('hours.cap.holdsAtMost', { day: name, cap: amount(t, cap) });
  const fits = room === 0 ? t.t('hours.cap.full') : t.t('hours.cap.room', { room: amount(t, room) });
  const text = t.t('hours.cap.text', { limit, logged: amount(t, dayMinutes), what, fits });
  const hint = t.t(early ? 'hours.cap.hintToday' : 'hours.cap.hint');
  return { text, blocks: [section(`:no_entry: ${text}`), context(hint)] };
}

export function dateRefusedReply(t: Translator, reason: 'future' | 'too_old', date: string, limit: string): Reply {
  const text =
    reason === 'future'
      ? t.t('hours.refused.future', { day: day(t, date), date, today: day(t, limit), time: NIGHT_ENDS })
      : t.t('hours.refused.tooOld', { day: day(t, date), date, limit: day(t, limit) });
  return { text, blocks: [section(`:calendar: ${text}`), context(t.t('hours.refused.hint'))] };
}

export function undoneReply(t: Translator, entry: HoursEntry, dayMinutes: number): Reply {
  const text = t.t('hours.undo.done', {
    amount: amount(t, entry.minutes),
    day: day(t, entry.workDate),
    note: quoted(t, entry.note),
    total: amount(t, dayMinutes),
  });
  return { text, blocks: [section(`:leftwards_arrow_with_hook: ${text}`)] };
}

export function nothingToUndoReply(t: Translator): Reply {
  const text = t.t('hours.undo.nothing');
  return { text, blocks: [section(text)] };
}

export function undoNotYoursReply(t: Translator): Reply {
  const text = t.t('hours.undo.notYours');
  return { text, blocks: [section(`:lock: ${text}`)] };
}

export function undoGoneReply(t: Translator): Reply {
  const text = t.t('hours.undo.gone');
  return { text, blocks: [section(text)] };
}

export function zoneReply(t: Translator, resolved: ResolvedZone, now: Date, cleared = false): Reply {
  const values = {
    zone: resolved.zone,
    source: describeZoneSource(resolved, t),
    time: t.at(now, resolved.zone, 'common.format.time'),
  };
  const text = t.t(cleared ? 'hours.zone.cleared' : 'hours.zone.current', values);
  const hint = t.t(resolved.source === 'override' ? 'hours.zone.hintOverride' : 'hours.zone.hint');
  return { text, blocks: [section(`:clock10: ${text}`), context(hint)] };
}

export function zoneSetReply(t: Translator, zone: string, now: Date): Reply {
  const text = t.t('hours.zone.set', { zone, time: t.at(now, zone, 'common.format.time') });
  return { text, blocks: [section(`:clock10: ${text}`), context(t.t('hours.zone.setHint'))] };
}

export function unknownZoneReply(t: Translator, zone: string): Reply {
  // Cut on a code point (slice could split an emoji into a lone surrogate) and marked as cut.
  const shownZone = escapeMrkdwn(truncate(zone.replace(/`/g, "'"), 40));
  return problemBlocks(t, t.t('hours.zone.unknown', { zone: shownZone }), 'tz');
}

/**
 * `/hours lang`: `t` speaks the language now in force (the new one after a change). `chosen` is the person's
 * own choice, or null when they follow Slack; `changed` says whether this command changed it.
 */
export function langReply(t: Translator, chosen: Locale | null, changed: boolean): Reply {
  const language = t.t(`common.language.${t.locale}`);
  const key = !changed ? 'hours.lang.show' : chosen ? 'hours.lang.set' : 'hours.lang.auto';
  const text = t.t(key, { language });
  return { text, blocks: [section(`:speech_balloon: ${text}`)] };
}

const bandRange = (t: Translator, band: Band) => {
  const label = bandLabel(t, band);
  if (!Number.isFinite(band.toHours))
    return t.t('hours.band.rangeFrom', { band: label, from: wholeHours(t, band.fromHours) });
  const to = wholeHours(t, band.toHours);
  if (band.fromHours === 0) return t.t('hours.band.rangeUnder', { band: label, to });
  return t.t('hours.band.range', { band: label, from: band.fromHours, to });
};

export function helpReply(t: Translator): Reply {
  const usage = [
    t.t('hours.help.log'),
    t.t('hours.help.forms', { max: amount(t, MAX_MINUTES) }),
    t.t('hours.help.workDay', { time: NIGHT_ENDS }),
    t.t('hours.help.views'),
    t.t('hours.help.fix'),
    t.t('hours.help.account'),
  ];
  return {
    text: t.t('hours.help.text'),
    blocks: [
      section(t.t('hours.help.title')),
      section(usage.join('\n')),
      context(t.t('hours.help.bands', { bands: BANDS.map((band) => bandRange(t, band)).join(' · ') })),
    ],
  };
}
