import type { types } from '@slack/bolt';
import { DateTime } from 'luxon';
import { BANDS, type Band, LONG_DAY_HOURS, weekLine } from '../../hours/bands.js';
import { addDays, NIGHT_ENDS_AT_HOUR, shortDate } from '../../hours/calendar.js';
import { articleFor, formatDuration, hoursText } from '../../hours/duration.js';
import type { TeamFigures } from '../../hours/team.js';
import { describeZoneSource, type ResolvedZone } from '../../people/zone.js';
import { escapeMrkdwn, truncate } from '../../slack/mrkdwn.js';
import type { HoursEntry } from '../../store/types.js';
import type { MonthSummary, WeekSummary } from './domain.js';
import { MAX_MINUTES, type Problem } from './parse.js';
import { problemText, tryText } from './render-problems.js';

export * from './render-account.js';

/** Pure Block Kit for every `/hours` answer. User text (notes) is always escaped here. */

type KnownBlock = types.KnownBlock;

export type Reply = { text: string; blocks: KnownBlock[] };

export const ACTION_UNDO = 'hours_undo';
/** Prefix of the week view's "Fix <day>" buttons (one action id per day: Slack wants them unique in a block). */
export const ACTION_DAY = 'hours_day';

/** A day-list button's value: the owner and the date. */
export function dayValue(userId: string, date: string): string {
  return `${userId}:${date}`;
}

export function parseDayValue(value: string | undefined): { userId: string; date: string } | undefined {
  const match = /^([A-Z0-9]{1,32}):(\d{4}-\d{2}-\d{2})$/i.exec(value ?? '');
  if (!match) return undefined;
  return { userId: match[1] as string, date: match[2] as string };
}

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

const day = (date: string) => shortDate(date);
const amount = (minutes: number) => formatDuration(minutes);
const NIGHT_ENDS = `${String(NIGHT_ENDS_AT_HOUR).padStart(2, '0')}:00`;
const quoted = (note: string | null) => (note ? ` — “${escapeMrkdwn(note)}”` : '');
const bandTag = (band: Band) => `${band.emoji} ${band.label}`;
const bandRange = (band: Band) =>
  Number.isFinite(band.toHours)
    ? `${band.label} ${band.fromHours === 0 ? 'under ' : `${band.fromHours}–`}${hoursText(band.toHours)}`
    : `${band.label} ${hoursText(band.fromHours)}+`;

/** A small bar: one block per two hours, a half block for an odd hour. */
export function bar(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return '█'.repeat(Math.floor(hours / 2)) + (hours % 2 === 1 ? '▌' : '');
}

/** Undo values carry the owner, so a press by anyone else is recognised (the store also checks). */
export function undoValue(userId: string, entryId: number): string {
  return `${userId}:${entryId}`;
}

export function parseUndoValue(value: string | undefined): { userId: string; entryId: number } | undefined {
  const match = /^([A-Z0-9]{1,32}):(\d{1,15})$/i.exec(value ?? '');
  if (!match) return undefined;
  return { userId: match[1] as string, entryId: Number(match[2]) };
}

function problemBlocks(problem: string, example: string): Reply {
  return { text: problem, blocks: [section(`:thinking_face: ${problem}`), context(tryText(example))] };
}

export function problemReply(problem: Problem): Reply {
  return problemBlocks(problemText(problem), problem.example);
}

/** A gentle word for the week so far; quieter when the week is fine. */
function weekWord(band: Band): string {
  switch (band.id) {
    case 'sustainable':
      return '';
    case 'long':
      return 'Leave some of the evening for yourself.';
    case 'crunch':
      return 'Crunch weeks add up. Is there something you can hand off?';
    case 'frontier':
    case 'zero-zero-two':
      return 'That is the kind of week the article is about. Sleep is part of the work.';
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

/** "today, Tue 1 Dec", "yesterday, Mon 30 Nov" or "Fri 27 Nov": every day named with its date. */
export function dayName(date: string, today: string): string {
  if (date === today) return `today, ${day(date)}`;
  if (date === addDays(today, -1)) return `yesterday, ${day(date)}`;
  return day(date);
}

/** The small-hours rule, said whenever it decided the day. */
export function nightRuleText(today: string): string {
  return `It's before ${NIGHT_ENDS}, so your day is still ${day(today)}: a day runs from ${NIGHT_ENDS} to ${NIGHT_ENDS}. Type another day (\`yesterday\`, \`${addDays(today, -2)}\`) to choose one.`;
}

export function loggedReply(view: LoggedView): Reply {
  const { entry, dayMinutes, weekMinutes, band } = view;
  const when = dayName(entry.workDate, view.today);
  const headline = `:white_check_mark: Logged *${amount(entry.minutes)}* for *${when}*${quoted(entry.note)}`;
  const totals = `Day: *${amount(dayMinutes)}* · Week: *${amount(weekMinutes)}* ${bandTag(band)}`;
  const notes: string[] = [];
  if (view.notedAs && entry.note) notes.push(`Noted as: “${escapeMrkdwn(entry.note)}”.`);
  if (view.nightRule) notes.push(nightRuleText(view.today));
  if (dayMinutes >= LONG_DAY_HOURS * 60) {
    const length = amount(dayMinutes);
    notes.push(`${articleFor(length) === 'an' ? 'An' : 'A'} ${length} day. Go home when you can.`);
  }
  const word = weekWord(band);
  if (word) notes.push(word);
  const blocks: KnownBlock[] = [section(`${headline}\n${totals}`)];
  if (notes.length > 0) blocks.push(context(notes.join(' ')));
  blocks.push({
    type: 'actions',
    block_id: 'hours_logged',
    elements: [
      {
        type: 'button',
        action_id: ACTION_UNDO,
        text: { type: 'plain_text', text: 'Undo' },
        value: undoValue(entry.userId, entry.id),
      },
    ],
  });
  return { text: `Logged ${amount(entry.minutes)} for ${when}. Day: ${amount(dayMinutes)}.`, blocks };
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

export function dayCapReply(view: CapView): Reply {
  const { date, dayMinutes, minutes, cap } = view;
  const room = Math.max(0, cap - dayMinutes);
  const name = dayName(date, view.today);
  const what = view.verb === 'make' ? `an entry of ${amount(minutes)}` : `${amount(minutes)} more`;
  const isToday = date === view.today;
  const Name = `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  const limit =
    isToday && cap < MAX_MINUTES
      ? `${Name} began at ${NIGHT_ENDS} and only ${amount(cap)} of it has passed`
      : `${Name} can hold at most ${amount(cap)}`;
  const fits = room === 0 ? 'Nothing more fits yet.' : `At most ${amount(room)} still fits.`;
  const text = `${limit}; it has ${amount(dayMinutes)} logged, so ${what} would not fit. Nothing was changed. ${fits}`;
  const hint =
    isToday && cap < MAX_MINUTES
      ? 'Hours from last night? `/hours log 3 yesterday` puts them on the day before.'
      : 'A day has 24 hours, even the long ones. `/hours day` lists a day’s entries to fix one.';
  return { text, blocks: [section(`:no_entry: ${text}`), context(hint)] };
}

export function dateRefusedReply(reason: 'future' | 'too_old', date: string, limit: string): Reply {
  const text =
    reason === 'future'
      ? `${day(date)} (${date}) hasn't begun yet for your hours: your day is ${day(limit)} (a day runs from ${NIGHT_ENDS} to ${NIGHT_ENDS}), so nothing was logged. Log hours once they're worked.`
      : `${day(date)} (${date}) is more than a year back (the earliest is ${day(limit)}), so nothing was logged.`;
  return { text, blocks: [section(`:calendar: ${text}`), context('Try `/hours log 8 yesterday` or a recent date.')] };
}

function changeLine(summary: WeekSummary): string {
  const delta = summary.total - summary.previousTotal;
  if (summary.previousTotal === 0 && summary.total === 0) {
    if (summary.current || summary.thisWeekTotal === 0) return 'Nothing logged that week or the week before.';
    return `Nothing logged that week or the week before (this week so far: ${amount(summary.thisWeekTotal)}).`;
  }
  if (delta === 0) return `Same as the week before (${amount(summary.previousTotal)}).`;
  const sign = delta > 0 ? '+' : '−';
  return `${sign}${amount(Math.abs(delta))} against the week before (${amount(summary.previousTotal)}).`;
}

function streakLine(streak: number, today: string): string {
  const asOf = `as of today, ${day(today)}`;
  const long = hoursText(LONG_DAY_HOURS);
  if (streak === 0) return `No run of ${long} days going (${asOf}). Good.`;
  if (streak === 1) return `1 day at ${long} or more, ${asOf}.`;
  return `${streak} days in a row at ${long} or more, ${asOf}. Rest is how a streak like that ends well.`;
}

/** The days of a week whose entries can be listed (and fixed), as buttons. */
function fixButtons(summary: WeekSummary, userId: string | undefined): KnownBlock[] {
  const logged = summary.days.filter((d) => d.minutes > 0);
  if (!userId || logged.length === 0) return [];
  return [
    {
      type: 'actions',
      block_id: 'hours_fix',
      elements: logged.map((d) => ({
        type: 'button' as const,
        action_id: `${ACTION_DAY}_${d.date}`,
        text: {
          type: 'plain_text' as const,
          text: `Fix ${DateTime.fromISO(d.date, { zone: 'UTC' }).toFormat('ccc d')}`,
        },
        value: dayValue(userId, d.date),
      })),
    },
  ];
}

export function weekReply(summary: WeekSummary, userId?: string): Reply {
  const title = summary.current ? 'Your week so far' : 'Your week';
  const range = `${day(summary.range.from)} – ${day(summary.range.to)}`;
  const lines = summary.days.map((d) => {
    const label = DateTime.fromISO(d.date, { zone: 'UTC' }).toFormat('ccc d');
    const value = d.future ? '' : d.minutes === 0 ? '·' : amount(d.minutes);
    return `${label.padEnd(7)}${(d.today ? '◂' : ' ').padEnd(2)}${value.padEnd(7)}${d.future ? '' : bar(d.minutes)}`.trimEnd();
  });
  const judged = weekLine(summary.total, summary.longestDay);
  const tag = judged.claimsBand ? ` ${bandTag(summary.band)}` : '';
  const total = `Total: *${amount(summary.total)}*${tag} — ${judged.line}`;
  const label = judged.claimsBand ? ` (${summary.band.label})` : '';
  return {
    text: `${title}: ${amount(summary.total)}${label}.`,
    blocks: [
      section(`*${title}* · ${range}`),
      section(`\`\`\`${lines.join('\n')}\`\`\``),
      section(total),
      context(`${changeLine(summary)} ${streakLine(summary.streak, summary.today)}`),
      ...fixButtons(summary, userId),
    ],
  };
}

export function monthReply(summary: MonthSummary): Reply {
  const lines = summary.weeks.map((week) => {
    const label = `${DateTime.fromISO(week.range.from, { zone: 'UTC' }).toFormat('d LLL')} – ${DateTime.fromISO(week.range.to, { zone: 'UTC' }).toFormat('d LLL')}`;
    const suffix = week.current ? ' (so far)' : '';
    const band = week.total === 0 ? '·' : week.band.label;
    return `${label.padEnd(16)}${amount(week.total).padEnd(8)}${band}${suffix}`;
  });
  const long = hoursText(LONG_DAY_HOURS);
  const longest = summary.longest
    ? summary.longest.days === 1
      ? `Longest run at ${long}+: 1 day (${day(summary.longest.from)}).`
      : `Longest run at ${long}+: ${summary.longest.days} days (${day(summary.longest.from)} – ${day(summary.longest.to)}).`
    : `No ${long} days in these five weeks.`;
  const judged = weekLine(summary.average, summary.longestDay);
  const average =
    summary.average === 0
      ? 'Average of the four full weeks: *0h* — nothing logged in them.'
      : `Average of the four full weeks: *${amount(summary.average)}*${judged.claimsBand ? ` ${bandTag(summary.averageBand)}` : ` — ${judged.line}`}`;
  return {
    text:
      summary.average === 0
        ? 'Four-week average: 0h (nothing logged).'
        : `Four-week average: ${amount(summary.average)}${judged.claimsBand ? ` (${summary.averageBand.label})` : ''}.`,
    blocks: [
      section('*Your last four weeks and this one*'),
      section(`\`\`\`${lines.join('\n')}\`\`\``),
      section(average),
      context(longest),
    ],
  };
}

export function undoneReply(entry: HoursEntry, dayMinutes: number): Reply {
  const text = `Undone: removed ${amount(entry.minutes)} from ${day(entry.workDate)}${quoted(entry.note)}. That day now has ${amount(dayMinutes)}.`;
  return { text, blocks: [section(`:leftwards_arrow_with_hook: ${text}`)] };
}

export function nothingToUndoReply(): Reply {
  const text = "There's nothing to undo: you have no entries left.";
  return { text, blocks: [section(text)] };
}

export function undoNotYoursReply(): Reply {
  const text = "That Undo button belongs to someone else's entry, so nothing changed.";
  return { text, blocks: [section(`:lock: ${text}`)] };
}

export function undoGoneReply(): Reply {
  const text = 'That entry is already gone (undone or forgotten earlier). Nothing changed.';
  return { text, blocks: [section(text)] };
}

export function teamReply(figures: TeamFigures): Reply {
  const week = `last week (${day(figures.week.from)} – ${day(figures.week.to)})`;
  const why = 'Completed weeks only, and your own hours are left out: nothing you log changes what you see here.';
  if (!figures.enough) {
    const text = `Team figures for ${week} appear once at least ${figures.minimum} other people logged it, so nobody can be picked out. Not enough yet.`;
    return { text, blocks: [section(`:busts_in_silhouette: ${text}`), context(why)] };
  }
  const bands = figures.bands.map((band) => `${band.label} ${band.people}`).join(' · ');
  const text = `Team figures for ${week}, anonymously: ${figures.people} others logged · median ${amount(figures.medianHours * 60)} · ${bands}.`;
  const lines = figures.bands.map((band) => `${band.emoji} ${band.label}: *${band.people}*`);
  return {
    text,
    blocks: [
      section(`:busts_in_silhouette: *Team figures for ${week}*`),
      section(
        `People who logged, besides you: *${figures.people}*\nMedian week: *about ${amount(figures.medianHours * 60)}*\n${lines.join('\n')}`,
      ),
      context(`${why} No names, ever.`),
    ],
  };
}

export function zoneReply(resolved: ResolvedZone, now: Date, cleared = false): Reply {
  const time = DateTime.fromJSDate(now, { zone: resolved.zone }).toFormat('HH:mm');
  const text = `${cleared ? 'Your own setting is gone. ' : ''}Your time zone: *${resolved.zone}*, ${describeZoneSource(resolved)}. It's ${time} there.`;
  const hint =
    resolved.source === 'override'
      ? '`/hours tz reset` goes back to your Slack profile zone.'
      : 'Wrong? Set your own with `/hours tz Area/City`, like `/hours tz Europe/London`.';
  return { text, blocks: [section(`:clock10: ${text}`), context(hint)] };
}

export function zoneSetReply(zone: string, now: Date): Reply {
  const time = DateTime.fromJSDate(now, { zone }).toFormat('HH:mm');
  const text = `Done: your hours now follow *${zone}* (it's ${time} there).`;
  return {
    text,
    blocks: [
      section(`:clock10: ${text}`),
      context('Entries you already logged keep their dates. `/hours tz reset` goes back to your Slack profile zone.'),
    ],
  };
}

export function unknownZoneReply(zone: string): Reply {
  return problemBlocks(
    // Cut on a code point (slice could split an emoji into a lone surrogate) and marked as cut.
    `I don't know the time zone \`${escapeMrkdwn(truncate(zone.replace(/`/g, "'"), 40))}\`. Use an IANA name (Area/City).`,
    '/hours tz Europe/London',
  );
}

export function helpReply(): Reply {
  const usage = [
    '`/hours log 14` · `/hours log 7.5 yesterday` · `/hours log 7h30 fri fixing evals` · `/hours log 45m 1 Dec`',
    `Amounts: \`14\`, \`7.5\`, \`7,5\`, \`7:30\`, \`7h30\`, \`7h\`, \`7 h\`, \`45m\` (a day holds up to ${amount(MAX_MINUTES)}, and today only the time that has passed). Days: \`today\`, \`yesterday\`, \`mon\`…\`sun\`, \`last fri\`, \`1 Dec\`, \`Dec 1\`, \`YYYY-MM-DD\`.`,
    `A day runs from ${NIGHT_ENDS} to ${NIGHT_ENDS}: before ${NIGHT_ENDS}, \`today\` is still the day that began yesterday morning.`,
    '`/hours` or `/hours week [last|YYYY-MM-DD]` your week · `/hours month` the last four weeks',
    '`/hours day [day]` a day’s entries, numbered · `/hours edit <day> <n> <amount> [note]` · `/hours delete <day> <n>` · `/hours undo` your last entry',
    '`/hours tz [Area/City|reset]` your time zone · `/hours export` your entries as CSV · `/hours forget` delete everything · `/hours team` anonymous team figures',
  ];
  return {
    text: 'Lights Out keeps a private ledger of the hours you choose to log.',
    blocks: [
      section(
        '*Lights Out: your private hours ledger*\nOnly you see your hours. The team sees anonymous figures, never names.',
      ),
      section(usage.join('\n')),
      context(`Weekly bands: ${BANDS.map(bandRange).join(' · ')}. Be kind to tomorrow-you.`),
    ],
  };
}
