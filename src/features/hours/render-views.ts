import type { types } from '@slack/bolt';
import { bandLabel, LONG_DAY_HOURS, weekLine } from '../../hours/bands.js';
import type { TeamFigures } from '../../hours/team.js';
import type { Translator } from '../../i18n/translator.js';
import type { MonthSummary, WeekSummary } from './domain.js';
import { amount, bandTag, context, dateAs, day, type Reply, section, wholeHours } from './words.js';

/** The week, month and team views of `/hours`, in the translator's language. */

type KnownBlock = types.KnownBlock;

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

/** Characters a monospace font draws two columns wide: Chinese, and full-width forms. */
const WIDE = /[\p{Script=Han}\u3000-\u303f\uff00-\uff60]/u;
const columns = (text: string) => Array.from(text).reduce((n, c) => n + (WIDE.test(c) ? 2 : 1), 0);
/** Pads every cell of a column to one width on screen (at least `min`), so `7小时30分钟` lines up like `7h30m`. */
function padColumn(cells: readonly string[], min: number): string[] {
  const width = Math.max(min, ...cells.map((cell) => columns(cell) + 1));
  return cells.map((cell) => cell + ' '.repeat(width - columns(cell)));
}

/** A small bar: one block per two hours, a half block for an odd hour. */
export function bar(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return '█'.repeat(Math.floor(hours / 2)) + (hours % 2 === 1 ? '▌' : '');
}

function changeLine(t: Translator, summary: WeekSummary): string {
  const delta = summary.total - summary.previousTotal;
  if (summary.previousTotal === 0 && summary.total === 0) {
    if (summary.current || summary.thisWeekTotal === 0) return t.t('hours.week.nothingEither');
    return t.t('hours.week.nothingEitherNow', { amount: amount(t, summary.thisWeekTotal) });
  }
  const previous = amount(t, summary.previousTotal);
  if (delta === 0) return t.t('hours.week.same', { amount: previous });
  return t.t(delta > 0 ? 'hours.week.more' : 'hours.week.less', { delta: amount(t, Math.abs(delta)), previous });
}

function streakLine(t: Translator, streak: number, today: string): string {
  const values = { long: wholeHours(t, LONG_DAY_HOURS), today: day(t, today), count: streak };
  if (streak === 0) return t.t('hours.week.noStreak', values);
  if (streak === 1) return t.t('hours.week.streakOne', values);
  return t.t('hours.week.streak', values);
}

/** The days of a week whose entries can be listed (and fixed), as buttons. */
function fixButtons(t: Translator, summary: WeekSummary, userId: string | undefined): KnownBlock[] {
  const logged = summary.days.filter((d) => d.minutes > 0);
  if (!userId || logged.length === 0) return [];
  return [
    {
      type: 'actions',
      block_id: 'hours_fix',
      elements: logged.map((d) => ({
        type: 'button' as const,
        action_id: `${ACTION_DAY}_${d.date}`,
        text: { type: 'plain_text' as const, text: t.t('hours.week.fix', { day: dateAs(t, d.date, 'weekdayDay') }) },
        value: dayValue(userId, d.date),
      })),
    },
  ];
}

export function weekReply(t: Translator, summary: WeekSummary, userId?: string): Reply {
  const title = t.t(summary.current ? 'hours.week.titleCurrent' : 'hours.week.title');
  const labels = padColumn(
    summary.days.map((d) => dateAs(t, d.date, 'weekdayDay')),
    7,
  );
  const values = padColumn(
    summary.days.map((d) => (d.future ? '' : d.minutes === 0 ? '·' : amount(t, d.minutes))),
    7,
  );
  const lines = summary.days.map((d, i) =>
    `${labels[i]}${(d.today ? '◂' : ' ').padEnd(2)}${values[i]}${d.future ? '' : bar(d.minutes)}`.trimEnd(),
  );
  const judged = weekLine(t, summary.total, summary.longestDay);
  const total = amount(t, summary.total);
  const tag = judged.claimsBand ? ` ${bandTag(t, summary.band)}` : '';
  const heading = { title, from: day(t, summary.range.from), to: day(t, summary.range.to) };
  return {
    text: judged.claimsBand
      ? t.t('hours.week.textBand', { title, amount: total, band: bandLabel(t, summary.band) })
      : t.t('hours.week.text', { title, amount: total }),
    blocks: [
      section(t.t('hours.week.heading', heading)),
      section(`\`\`\`${lines.join('\n')}\`\`\``),
      section(t.t('hours.week.total', { amount: total, band: tag, line: judged.line })),
      context(`${changeLine(t, summary)} ${streakLine(t, summary.streak, summary.today)}`),
      ...fixButtons(t, summary, userId),
    ],
  };
}

function longestLine(t: Translator, summary: MonthSummary): string {
  const long = wholeHours(t, LONG_DAY_HOURS);
  const run = summary.longest;
  if (!run) return t.t('hours.month.noLongDays', { long });
  const values = { long, count: run.days, from: day(t, run.from), to: day(t, run.to) };
  return t.t(run.days === 1 ? 'hours.month.longestOne' : 'hours.month.longest', values);
}

export function monthReply(t: Translator, summary: MonthSummary): Reply {
  const labels = padColumn(
    summary.weeks.map((w) => `${dateAs(t, w.range.from, 'dayMonth')} – ${dateAs(t, w.range.to, 'dayMonth')}`),
    16,
  );
  const totals = padColumn(
    summary.weeks.map((w) => amount(t, w.total)),
    8,
  );
  const lines = summary.weeks.map((week, i) => {
    const suffix = week.current ? t.t('hours.month.soFar') : '';
    const band = week.total === 0 ? '·' : bandLabel(t, week.band);
    return `${labels[i]}${totals[i]}${band}${suffix}`;
  });
  const judged = weekLine(t, summary.average, summary.longestDay);
  const average = amount(t, summary.average);
  const band = bandLabel(t, summary.averageBand);
  let averageText: string;
  let text: string;
  if (summary.average === 0) {
    averageText = t.t('hours.month.averageNothing', { amount: average });
    text = t.t('hours.month.textNothing', { amount: average });
  } else if (judged.claimsBand) {
    averageText = t.t('hours.month.averageBand', { amount: average, band: bandTag(t, summary.averageBand) });
    text = t.t('hours.month.textBand', { amount: average, band });
  } else {
    averageText = t.t('hours.month.averageLine', { amount: average, line: judged.line });
    text = t.t('hours.month.text', { amount: average });
  }
  return {
    text,
    blocks: [
      section(t.t('hours.month.heading')),
      section(`\`\`\`${lines.join('\n')}\`\`\``),
      section(averageText),
      context(longestLine(t, summary)),
    ],
  };
}

/** Anonymous team figures: counts per band and a median in the ledger's amount format, never names. */
export function teamReply(t: Translator, figures: TeamFigures): Reply {
  const week = t.t('hours.team.week', { from: day(t, figures.week.from), to: day(t, figures.week.to) });
  const why = t.t('hours.team.why');
  if (!figures.enough) {
    const text = t.t('hours.team.notEnough', { week, minimum: figures.minimum });
    return { text, blocks: [section(`:busts_in_silhouette: ${text}`), context(why)] };
  }
  const median = amount(t, figures.medianHours * 60);
  const counts = figures.bands.map((b) => t.t('hours.team.bandCount', { band: bandLabel(t, b), people: b.people }));
  const text = t.t('hours.team.text', { week, people: figures.people, median, bands: counts.join(' · ') });
  const lines = figures.bands.map((b) =>
    t.t('hours.team.bandLine', { emoji: b.emoji, band: bandLabel(t, b), people: b.people }),
  );
  const body = [t.t('hours.team.people', { people: figures.people }), t.t('hours.team.median', { median }), ...lines];
  return {
    text,
    blocks: [
      section(`:busts_in_silhouette: ${t.t('hours.team.heading', { week })}`),
      section(body.join('\n')),
      context(`${why} ${t.t('hours.team.noNames')}`),
    ],
  };
}
