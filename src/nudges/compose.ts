import { amount } from '../features/hours/words.js';
import { type Band, bandLabel, bandLine, CRUNCH_HOURS, FRONTIER_HOURS } from '../hours/bands.js';
import { pastCrunch, pastFrontier, type ShownTeamFigures } from '../hours/team.js';
import type { MessageKey } from '../i18n/catalogue.js';
import { en } from '../i18n/en/index.js';
import type { Translator } from '../i18n/translator.js';
import { channelLink, escapeMrkdwn } from '../slack/mrkdwn.js';
import { lineMrkdwn, type NudgeLine } from './lines.js';

/**
 * The nudge messages, pure: everything they show is handed in, the words come from the `nudge` catalogue in the
 * reader's language. They never mention anyone (no `<@…>`, no `<!here>`): every piece of text is escaped, and
 * the only markup is our own bold and quote marks.
 */

export type MrkdwnBlock =
  | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
  | { type: 'context'; elements: Array<{ type: 'mrkdwn'; text: string }> };

export type NudgeMessage = { text: string; blocks: MrkdwnBlock[] };

/** Openers for a nudge whose line has no opener of its own in the catalogue. */
export const OPENERS = [
  'nudge.opener.stop',
  'nudge.opener.joke',
  'nudge.opener.training',
  'nudge.opener.laptop',
  'nudge.opener.friends',
] as const satisfies readonly MessageKey[];
export type OpenerKey = (typeof OPENERS)[number];

/** The catalogue's opener for an article line, if it has one (every curated line does: tested). */
export function lineOpenerKey(lineId: string): MessageKey | undefined {
  return Object.hasOwn(en.nudge.lineOpener, lineId) ? (`nudge.lineOpener.${lineId}` as MessageKey) : undefined;
}

/** The team line: last completed week, only ever built from figures that met the minimum (src/hours/team.ts). */
export function teamLine(t: Translator, figures: ShownTeamFigures): string {
  const past60 = pastCrunch(figures);
  const past80 = pastFrontier(figures);
  const values = {
    people: t.number(figures.people),
    crunch: t.number(CRUNCH_HOURS),
    frontierHours: t.number(FRONTIER_HOURS),
    count: past60,
    n: t.number(past60),
    frontier: t.number(past80),
  };
  if (past60 === 0) return t.t('nudge.channel.teamNone', values);
  return t.t(past80 > 0 ? 'nudge.channel.teamFrontier' : 'nudge.channel.teamPast', values);
}

export type ChannelNudgeInput = {
  /** The opener used when the line has none of its own (or there is no line). */
  opener: OpenerKey;
  /** "22:00" local, and the zone it is in. */
  localTime: string;
  zone: string;
  line?: NudgeLine;
  team?: ShownTeamFigures;
};

/** Chinese runs sentences together; English puts a space between them. */
export const sentenceGap = (t: Translator): string => (t.locale === 'zh' ? '' : ' ');

const context = (text: string): MrkdwnBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
const sectionBlock = (text: string): MrkdwnBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

export function composeChannelNudge(t: Translator, input: ChannelNudgeInput): NudgeMessage {
  const opener = t.t((input.line && lineOpenerKey(input.line.id)) ?? input.opener);
  const head = t.t('nudge.channel.head', { time: input.localTime, zone: input.zone });
  const blocks: MrkdwnBlock[] = [sectionBlock(`:crescent_moon: *${escapeMrkdwn(head)}* ${escapeMrkdwn(opener)}`)];
  const plain = [`${head}${sentenceGap(t)}${opener}`];
  if (input.line) {
    const quoted = lineMrkdwn(input.line, t.locale);
    blocks.push(sectionBlock(quoted.mrkdwn));
    blocks.push(context(escapeMrkdwn(t.t(`article.source.${t.locale}`))));
    plain.push(quoted.plain);
  }
  if (input.team) {
    const line = teamLine(t, input.team);
    blocks.push(context(`:bar_chart: ${escapeMrkdwn(line)}`));
    plain.push(line);
  }
  return { text: escapeMrkdwn(plain.join(sentenceGap(t))), blocks };
}

/** "9h30m", "52h", "0h" / "9小时30分钟": the way /hours writes amounts, in the reader's language. */
export const formatHours = (t: Translator, minutes: number): string => amount(t, minutes);

export type PersonNudgeInput = {
  localTime: string;
  zone: string;
  /** Minutes logged for tonight's work date and its ISO week. */
  todayMinutes: number;
  weekMinutes: number;
  band: Band;
  /** Tonight's line from the article (lines.ts picks it). */
  line?: NudgeLine;
  /** Tonight's work date (the ledger's `workDay`), named beside "today". */
  night?: string;
};

export function composePersonNudge(t: Translator, input: PersonNudgeInput): NudgeMessage {
  const where = { time: escapeMrkdwn(input.localTime), zone: escapeMrkdwn(input.zone) };
  const head = `:crescent_moon: *${t.t('nudge.dm.head', where)}*`;
  const logged = input.todayMinutes > 0;
  const night = input.night ? { night: t.date(input.night) } : undefined;
  const todayKey = logged
    ? night
      ? 'nudge.dm.today'
      : 'nudge.dm.todayNoDate'
    : night
      ? 'nudge.dm.nothing'
      : 'nudge.dm.nothingNoDate';
  const today = t.t(todayKey, { ...night, duration: formatHours(t, input.todayMinutes) });
  const label = bandLabel(t, input.band);
  const week = t.t('nudge.dm.week', {
    duration: formatHours(t, input.weekMinutes),
    emoji: input.band.emoji,
    band: escapeMrkdwn(label),
    bandLine: escapeMrkdwn(bandLine(t, input.band)),
  });
  const line = input.line ? lineMrkdwn(input.line, t.locale) : undefined;
  const blocks: MrkdwnBlock[] = [
    sectionBlock(`${head}\n${today}${sentenceGap(t)}${week}`),
    ...(line ? [sectionBlock(line.mrkdwn)] : []),
    sectionBlock(t.t(logged ? 'nudge.dm.addMore' : 'nudge.dm.logNow')),
    {
      type: 'context',
      elements: [
        ...(line ? [{ type: 'mrkdwn' as const, text: escapeMrkdwn(t.t(`article.source.${t.locale}`)) }] : []),
        { type: 'mrkdwn', text: t.t('nudge.dm.footer') },
      ],
    },
  ];
  const text = t.t('nudge.dm.text', {
    time: input.localTime,
    zone: input.zone,
    today: formatHours(t, input.todayMinutes),
    week: formatHours(t, input.weekMinutes),
    band: label,
  });
  return { text: escapeMrkdwn(text), blocks };
}

const GONE_REASON: Record<string, MessageKey> = {
  not_in_channel: 'nudge.gone.notInChannel',
  is_archived: 'nudge.gone.archived',
};

/** Told once, privately, to whoever turned a channel's nudge on, when the bot can no longer post there. */
export function composeChannelGone(
  t: Translator,
  channelId: string,
  error: string,
  botName = 'Lights Out',
): NudgeMessage {
  const why = t.t(GONE_REASON[error] ?? 'nudge.gone.notFound');
  const text = t.t('nudge.gone.text', { channel: channelLink(channelId), why, bot: escapeMrkdwn(botName) });
  return { text, blocks: [sectionBlock(text)] };
}
