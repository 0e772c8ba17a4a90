import type { types } from '@slack/bolt';
import { bandFor } from '../../hours/bands.js';
import { pastCrunch } from '../../hours/team.js';
import type { Translator } from '../../i18n/translator.js';
import { escapeMrkdwn, truncate } from '../../slack/mrkdwn.js';
import type { HomeData } from './data.js';
import { bandName, duration } from './format.js';
import { ACTION_OPEN_LOG, ACTION_OPEN_NUDGE, ACTION_OPEN_ZONE } from './ids.js';

/**
 * The Home tab as Block Kit: the week (the chart image when there is one, text bars otherwise), totals, band,
 * streak, quiet days, today's entries, the quote of the day, team figures when the rules allow, the person's
 * settings and the buttons. Pure; about 20 blocks, far under the 100 a view may hold.
 */

export type ChartImage = { slackFile: { id: string } | { url: string }; alt: string };

type Block = types.KnownBlock;
/** Slack's limits (section text 3,000; header 150; image alt text 2,000), with room to spare. */
const SECTION_MAX = 2900;
const ALT_MAX = 2000;
const NOTE_SHOWN_MAX = 120;
const BAR_HOURS_MIN = 12;

const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });
const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const section = (text: string): Block => ({ type: 'section', text: mrkdwn(text) });
const context = (text: string): Block => ({ type: 'context', elements: [mrkdwn(text)] });

/** One line per day: a bar of whole hours (▌ for a half hour or more), the amount, the day. */
export function textBars(t: Translator, data: HomeData): string {
  const longest = Math.max(BAR_HOURS_MIN, ...data.week.days.map((day) => Math.ceil(day.minutes / 60)));
  return data.week.days
    .map((day) => {
      const label = t.date(day.date);
      if (day.future) return `\`${'·'.repeat(longest)}\`  _${t.t('home.day.future', { day: label })}_`;
      const full = Math.floor(day.minutes / 60);
      const half = day.minutes % 60 >= 30 ? '▌' : '';
      const bar = `${'█'.repeat(full)}${half}`.padEnd(longest, '·');
      const name = day.today ? `*${t.t('home.day.today', { day: label })}*` : label;
      return `\`${bar}\`  ${duration(t, day.minutes)} · ${name}`;
    })
    .join('\n');
}

function weekBlocks(t: Translator, data: HomeData, image: ChartImage | undefined): Block[] {
  const range = t.t('home.weekRange', {
    from: t.date(data.week.range.from),
    to: t.date(data.week.range.to),
    zone: data.zone.zone,
  });
  const top: Block[] = [{ type: 'header', text: plain(t.t('home.header')) }, context(escapeMrkdwn(range))];
  if (image) {
    top.push({
      type: 'image',
      slack_file: image.slackFile,
      alt_text: truncate(image.alt, ALT_MAX),
    } as Block);
  } else {
    top.push(section(textBars(t, data)));
  }
  return top;
}

function totalsBlock(t: Translator, data: HomeData): Block {
  const { week, month } = data;
  const band = bandFor(week.total);
  const fourWeeks = month.weeks.filter((w) => !w.current).reduce((sum, w) => sum + w.total, 0);
  return {
    type: 'section',
    fields: [
      mrkdwn(t.t('home.totals.week', { total: duration(t, week.total) })),
      mrkdwn(t.t('home.totals.month', { total: duration(t, fourWeeks), average: duration(t, month.average) })),
      mrkdwn(t.t('home.totals.band', { emoji: band.emoji, name: bandName(t, band.id) })),
      mrkdwn(week.streak > 0 ? t.t('home.totals.streak', { count: week.streak }) : t.t('home.totals.noStreak')),
    ],
  };
}

function quietBlock(t: Translator, data: HomeData): Block {
  if (data.quiet.length === 0) return context(t.t('home.quiet.none'));
  return context(t.t('home.quiet.some', { days: t.list(data.quiet.map((date) => t.date(date))) }));
}

/** Today's entries with their notes, as many as fit in one section (notes are escaped and shortened). */
function todayBlock(t: Translator, data: HomeData): Block | undefined {
  if (data.todayEntries.length === 0) return undefined;
  const lines = [t.t('home.todayEntries.title')];
  let shown = 0;
  for (const entry of data.todayEntries) {
    const amount = duration(t, entry.minutes);
    const line = entry.note
      ? t.t('home.todayEntries.entryWithNote', { amount, note: escapeMrkdwn(truncate(entry.note, NOTE_SHOWN_MAX)) })
      : t.t('home.todayEntries.entry', { amount });
    // Leave room for the "and n more" line.
    if ([...lines, line].join('\n').length > SECTION_MAX - 100) break;
    lines.push(line);
    shown++;
  }
  const rest = data.todayEntries.length - shown;
  if (rest > 0) lines.push(t.t('home.todayEntries.more', { count: rest }));
  return section(lines.join('\n'));
}

function quoteBlocks(t: Translator, data: HomeData): Block[] {
  const quote = data.quote;
  if (!quote) return [];
  const lang = t.locale === 'zh' ? 'zh' : 'en';
  const text = escapeMrkdwn(truncate(quote.text[lang], 2000)).split('\n').join('\n> ');
  return [
    section(
      `${t.t('home.quote.title')}\n${t.t('home.quote.body', { text, speaker: escapeMrkdwn(quote.speaker[lang]) })}`,
    ),
    context(t.t('home.quote.note')),
  ];
}

function teamBlock(t: Translator, data: HomeData): Block {
  const { team } = data;
  const title = t.t('home.team.title', { from: t.date(team.week.from), to: t.date(team.week.to) });
  if (!team.enough) return section(`${title}\n${t.t('home.team.notEnough', { minimum: team.minimum })}`);
  const figures = t.t('home.team.figures', {
    count: team.people,
    median: duration(t, team.medianHours * 60),
    crunch: t.number(pastCrunch(team)),
  });
  return section(`${title}\n${figures}`);
}

function settingsBlock(t: Translator, data: HomeData): Block {
  const { nudge, today } = data;
  let line: string;
  if (!nudge?.enabled) line = t.t('home.settings.nudgeOff');
  else if (nudge.resumeOn && nudge.resumeOn > today)
    line = t.t('home.settings.nudgePaused', { time: nudge.time, date: t.date(nudge.resumeOn) });
  else
    line = t.t('home.settings.nudgeOn', {
      time: nudge.time,
      days: t.t(nudge.weekends ? 'home.settings.nudgeEveryNight' : 'home.settings.nudgeWeekdays'),
    });
  const source = { override: 'zoneOverride', slack: 'zoneSlack', default: 'zoneDefault' } as const;
  const zone = t.t('home.settings.zone', {
    zone: escapeMrkdwn(data.zone.zone),
    source: t.t(`home.settings.${source[data.zone.source]}`),
  });
  return context(`${line}\n${zone}`);
}

function buttons(t: Translator): Block {
  return {
    type: 'actions',
    block_id: 'home_buttons',
    elements: [
      { type: 'button', action_id: ACTION_OPEN_LOG, text: plain(t.t('home.button.log')), style: 'primary' },
      { type: 'button', action_id: ACTION_OPEN_NUDGE, text: plain(t.t('home.button.nudge')) },
      { type: 'button', action_id: ACTION_OPEN_ZONE, text: plain(t.t('home.button.zone')) },
    ],
  };
}

export function homeView(t: Translator, data: HomeData, image?: ChartImage): types.HomeView {
  const today = todayBlock(t, data);
  const blocks: Block[] = [
    ...weekBlocks(t, data, image),
    totalsBlock(t, data),
    quietBlock(t, data),
    ...(today ? [today] : []),
    buttons(t),
    { type: 'divider' },
    ...quoteBlocks(t, data),
    { type: 'divider' },
    teamBlock(t, data),
    settingsBlock(t, data),
    context(t.t('home.footer', { at: t.at(data.now, data.zone.zone) })),
  ];
  return { type: 'home', blocks };
}
