import type { types } from '@slack/bolt';
import { DateTime } from 'luxon';
import { BANDS, type Band, LONG_DAY_HOURS } from '../../hours/bands.js';
import { shortDate } from '../../hours/calendar.js';
import type { TeamFigures } from '../../hours/team.js';
import { describeZoneSource, type ResolvedZone } from '../../people/zone.js';
import { escapeMrkdwn, truncate } from '../../slack/mrkdwn.js';
import type { HoursEntry } from '../../store/types.js';
import type { MonthSummary, WeekSummary } from './domain.js';
import { formatAmount, MAX_MINUTES, type Problem } from './parse.js';

/** Pure Block Kit for every `/hours` answer. User text (notes) is always escaped here. */

type KnownBlock = types.KnownBlock;

export type Reply = { text: string; blocks: KnownBlock[] };

export const ACTION_UNDO = 'hours_undo';
export const ACTION_FORGET = 'hours_forget';
export const ACTION_FORGET_CANCEL = 'hours_forget_cancel';

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

const day = (date: string) => shortDate(date);
const amount = (minutes: number) => formatAmount(minutes);
const quoted = (note: string | null) => (note ? ` — “${escapeMrkdwn(note)}”` : '');
const bandTag = (band: Band) => `${band.emoji} ${band.label}`;
const bandRange = (band: Band) =>
  Number.isFinite(band.toHours)
    ? `${band.label} ${band.fromHours === 0 ? 'under ' : `${band.fromHours}–`}${band.toHours} h`
    : `${band.label} ${band.fromHours} h+`;

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

export function problemReply({ problem, example }: Problem): Reply {
  return {
    text: problem,
    blocks: [section(`:thinking_face: ${problem}`), context(`Try \`${example}\` · \`/hours help\` shows everything.`)],
  };
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
  nightRule: boolean;
  /** The person's calendar date now (not the work date: at 02:00 "today" is the new day). */
  today: string;
};

export function loggedReply(view: LoggedView): Reply {
  const { entry, dayMinutes, weekMinutes, band } = view;
  const when = entry.workDate === view.today ? `today, ${day(entry.workDate)}` : day(entry.workDate);
  const headline = `:white_check_mark: Logged *${amount(entry.minutes)}* for *${when}*${quoted(entry.note)}`;
  const totals = `Day: *${amount(dayMinutes)}* · Week: *${amount(weekMinutes)}* ${bandTag(band)}`;
  const notes: string[] = [];
  if (view.nightRule) {
    notes.push(
      `It's before 05:00, so this counts for ${day(entry.workDate)}: the night isn't over yet. Add a date (\`today\`, \`2026-11-27\`) to choose another.`,
    );
  }
  if (dayMinutes >= LONG_DAY_HOURS * 60) notes.push(`A ${amount(dayMinutes)} day. Go home when you can.`);
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

export function dayCapReply(date: string, dayMinutes: number, minutes: number): Reply {
  const room = MAX_MINUTES - dayMinutes;
  const text =
    room <= 0
      ? `${day(date)} already has 24h logged, so I can't add ${amount(minutes)} more. Nothing was logged.`
      : `${day(date)} already has ${amount(dayMinutes)}; ${amount(minutes)} more would pass 24 hours. Nothing was logged: at most ${amount(room)} still fits.`;
  return {
    text,
    blocks: [
      section(`:no_entry: ${text}`),
      context('A day has 24 hours, even the long ones. `/hours undo` removes your last entry if one was wrong.'),
    ],
  };
}

export function dateRefusedReply(reason: 'future' | 'too_old', date: string, limit: string): Reply {
  const text =
    reason === 'future'
      ? `${day(date)} (${date}) hasn't happened yet where you are, so nothing was logged. Log hours once they're worked.`
      : `${date} is more than a year back (the earliest is ${limit}), so nothing was logged.`;
  return { text, blocks: [section(`:calendar: ${text}`), context('Try `/hours log 8 yesterday` or a recent date.')] };
}

function changeLine(summary: WeekSummary): string {
  const delta = summary.total - summary.previousTotal;
  if (summary.previousTotal === 0 && summary.total === 0) return 'Nothing logged this week or last.';
  if (delta === 0) return `Same as the week before (${amount(summary.previousTotal)}).`;
  const sign = delta > 0 ? '+' : '−';
  return `${sign}${amount(Math.abs(delta))} against the week before (${amount(summary.previousTotal)}).`;
}

function streakLine(streak: number): string {
  if (streak === 0) return `No run of ${LONG_DAY_HOURS} h days going. Good.`;
  if (streak === 1) return `1 day at ${LONG_DAY_HOURS} h or more, as of today.`;
  return `${streak} days in a row at ${LONG_DAY_HOURS} h or more. Rest is how a streak like that ends well.`;
}

export function weekReply(summary: WeekSummary): Reply {
  const title = summary.current ? 'Your week so far' : 'Your week';
  const range = `${day(summary.range.from)} – ${day(summary.range.to)}`;
  const lines = summary.days.map((d) => {
    const label = DateTime.fromISO(d.date, { zone: 'UTC' }).toFormat('ccc d');
    const value = d.future ? '' : d.minutes === 0 ? '·' : amount(d.minutes);
    return `${label.padEnd(7)}${(d.today ? '◂' : ' ').padEnd(2)}${value.padEnd(7)}${d.future ? '' : bar(d.minutes)}`.trimEnd();
  });
  const total = `Total: *${amount(summary.total)}* ${bandTag(summary.band)} — ${summary.band.line}`;
  return {
    text: `${title}: ${amount(summary.total)} (${summary.band.label}).`,
    blocks: [
      section(`*${title}* · ${range}`),
      section(`\`\`\`${lines.join('\n')}\`\`\``),
      section(total),
      context(`${changeLine(summary)} ${streakLine(summary.streak)}`),
    ],
  };
}

export function monthReply(summary: MonthSummary): Reply {
  const lines = summary.weeks.map((week) => {
    const label = `${DateTime.fromISO(week.range.from, { zone: 'UTC' }).toFormat('d LLL')} – ${DateTime.fromISO(week.range.to, { zone: 'UTC' }).toFormat('d LLL')}`;
    const suffix = week.current ? ' (so far)' : '';
    return `${label.padEnd(16)}${amount(week.total).padEnd(8)}${week.band.label}${suffix}`;
  });
  const longest = summary.longest
    ? summary.longest.days === 1
      ? `Longest run at ${LONG_DAY_HOURS} h+: 1 day (${day(summary.longest.from)}).`
      : `Longest run at ${LONG_DAY_HOURS} h+: ${summary.longest.days} days (${day(summary.longest.from)} – ${day(summary.longest.to)}).`
    : `No ${LONG_DAY_HOURS} h days in these five weeks.`;
  return {
    text: `Four-week average: ${amount(summary.average)} (${summary.averageBand.label}).`,
    blocks: [
      section('*Your last four weeks and this one*'),
      section(`\`\`\`${lines.join('\n')}\`\`\``),
      section(`Average of the four full weeks: *${amount(summary.average)}* ${bandTag(summary.averageBand)}`),
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
  return problemReply({
    // Cut on a code point (slice could split an emoji into a lone surrogate) and marked as cut.
    problem: `I don't know the time zone \`${escapeMrkdwn(truncate(zone.replace(/`/g, "'"), 40))}\`. Use an IANA name (Area/City).`,
    example: '/hours tz Europe/London',
  });
}

export function exportInlineReply(count: number, csv: string): Reply {
  const text = `Your ${count} ${count === 1 ? 'entry' : 'entries'} as CSV (only you can see this):`;
  return { text, blocks: [section(text), section(`\`\`\`${escapeMrkdwn(csv.replace(/\r\n/g, '\n'))}\`\`\``)] };
}

export function exportEmptyReply(): Reply {
  const text = 'Nothing to export yet: your ledger is empty.';
  return { text, blocks: [section(text)] };
}

export function exportFileReply(count: number, filename: string): Reply {
  const text = `Sent your ${count} entries as \`${filename}\` to our DM. Only you can see it there.`;
  return { text, blocks: [section(`:page_facing_up: ${text}`)] };
}

export function forgetAskReply(userId: string, entries: number): Reply {
  const what = entries === 1 ? '1 entry' : `${entries} entries`;
  const text = `This deletes all your hours (${what}) and your time-zone setting, for good. There is no undo.`;
  return {
    text,
    blocks: [
      section(`:wastebasket: ${text}`),
      {
        type: 'actions',
        block_id: 'hours_forget',
        elements: [
          {
            type: 'button',
            action_id: ACTION_FORGET,
            style: 'danger',
            text: { type: 'plain_text', text: 'Delete everything' },
            value: userId,
          },
          {
            type: 'button',
            action_id: ACTION_FORGET_CANCEL,
            text: { type: 'plain_text', text: 'Keep it' },
            value: userId,
          },
        ],
      },
      context('Or type `/hours forget confirm`. `/hours export` first if you want a copy.'),
    ],
  };
}

export function forgottenReply(entries: number): Reply {
  const what = entries === 1 ? '1 entry' : `${entries} entries`;
  const text = `Forgotten. Deleted ${what} and your preferences; Lights Out keeps nothing of your ledger now.`;
  return { text, blocks: [section(`:wastebasket: ${text}`)] };
}

export function forgetKeptReply(): Reply {
  const text = 'Kept. Nothing was deleted.';
  return { text, blocks: [section(text)] };
}

export function forgetNotYoursReply(): Reply {
  const text = 'That button was for someone else, so nothing was deleted. `/hours forget` handles your own data.';
  return { text, blocks: [section(`:lock: ${text}`)] };
}

export function helpReply(): Reply {
  const usage = [
    '`/hours log 14` · `/hours log 7.5 yesterday` · `/hours log 7h30 fri fixing evals` · `/hours log 45m 2026-11-27`',
    'Amounts: `14`, `7.5`, `7,5`, `7:30`, `7h30`, `7h`, `45m` (up to 24 h a day). Dates: `today`, `yesterday`, `mon`…`sun`, `YYYY-MM-DD`. Before 05:00 a log counts for the night before.',
    '`/hours` or `/hours week [last|YYYY-MM-DD]` your week · `/hours month` the last four weeks',
    '`/hours undo` remove your last entry · `/hours tz [Area/City|reset]` your time zone',
    '`/hours export` your entries as CSV · `/hours forget` delete everything · `/hours team` anonymous team figures',
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
