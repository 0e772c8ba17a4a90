import { SOURCE_NOTE } from '../corpus/render.js';
import { type Band, CRUNCH_HOURS, FRONTIER_HOURS } from '../hours/bands.js';
import { shortDate } from '../hours/calendar.js';
import { formatDuration } from '../hours/duration.js';
import { pastCrunch, pastFrontier, type ShownTeamFigures } from '../hours/team.js';
import { channelLink, escapeMrkdwn } from '../slack/mrkdwn.js';
import { lineMrkdwn, type NudgeLine } from './lines.js';

/**
 * The nudge messages, pure: everything they show is handed in. They never mention anyone (no `<@…>`, no
 * `<!here>`): every piece of text is escaped, and the only markup is our own bold and quote marks.
 */

export type MrkdwnBlock =
  | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
  | { type: 'context'; elements: Array<{ type: 'mrkdwn'; text: string }> };

export type NudgeMessage = { text: string; blocks: MrkdwnBlock[] };

/** Openers for a nudge without an article line; a line brings its own opener (see lines.ts). */
export const OPENERS: readonly string[] = [
  'Lights out. The report describes labs where there never seems to be a natural point to stop; this is yours.',
  'Time to go home. "0-0-2" was a joke in the article, not a plan.',
  'Go home. Whatever is training will still be training in the morning.',
  'Close the laptop. OpenAI once turned the office lights off for a whole week; tonight will do.',
  'That is enough for today. Friends, hobbies, the people you love: the article says the 100-hour week has no time for them.',
];

/** The team line: last completed week, only ever built from figures that met the minimum (src/hours/team.ts). */
export function teamLine(figures: ShownTeamFigures): string {
  const of = `of the ${figures.people} who log their hours here`;
  const past60 = pastCrunch(figures);
  const past80 = pastFrontier(figures);
  if (past60 === 0) return `Nobody here was past ${CRUNCH_HOURS} hours last week (${of}). Keep it that way.`;
  const people = past60 === 1 ? '1 person here was' : `${past60} people here were`;
  const frontier = past80 > 0 ? `, ${past80} of them past ${FRONTIER_HOURS}` : '';
  return `Last week ${people} past ${CRUNCH_HOURS} hours${frontier} (${of}).`;
}

export type ChannelNudgeInput = {
  opener: string;
  /** "22:00" local, and the zone it is in. */
  localTime: string;
  zone: string;
  line?: NudgeLine;
  team?: ShownTeamFigures;
};

export function composeChannelNudge(input: ChannelNudgeInput): NudgeMessage {
  const opener = input.line?.opener ?? input.opener;
  const head = `:crescent_moon: *${escapeMrkdwn(input.localTime)} in ${escapeMrkdwn(input.zone)}.* ${escapeMrkdwn(opener)}`;
  const blocks: MrkdwnBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: head } }];
  const plain = [`${input.localTime} in ${input.zone}. ${opener}`];
  if (input.line) {
    const quoted = lineMrkdwn(input.line);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: quoted.mrkdwn } });
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(SOURCE_NOTE.en) }] });
    plain.push(quoted.plain);
  }
  if (input.team) {
    const line = teamLine(input.team);
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `:bar_chart: ${escapeMrkdwn(line)}` }] });
    plain.push(line);
  }
  return { text: escapeMrkdwn(plain.join(' ')), blocks };
}

/** "9h30m", "52h", "0h": the one way durations are written (src/hours/duration.ts). */
export const formatHours = formatDuration;

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

export function composePersonNudge(input: PersonNudgeInput): NudgeMessage {
  const head = `:crescent_moon: *It's ${escapeMrkdwn(input.localTime)} in ${escapeMrkdwn(input.zone)}: time to stop for today.*`;
  const on = input.night ? ` (${shortDate(input.night)})` : '';
  const today =
    input.todayMinutes > 0
      ? `Today${on} you logged *${formatHours(input.todayMinutes)}*.`
      : `You haven't logged any hours for today${on} yet.`;
  const week = `This week: *${formatHours(input.weekMinutes)}* — ${input.band.emoji} *${escapeMrkdwn(input.band.label)}*. ${escapeMrkdwn(input.band.line)}`;
  const how =
    input.todayMinutes > 0
      ? 'If you worked more since, add it: `/hours log 1:30` adds an hour and a half.'
      : "Log today's hours before you go: `/hours log 8` for an eight-hour day, `/hours log 7:30` for seven and a half.";
  const line = input.line ? lineMrkdwn(input.line) : undefined;
  const blocks: MrkdwnBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `${head}\n${today} ${week}` } },
    ...(line ? [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: line.mrkdwn } }] : []),
    { type: 'section', text: { type: 'mrkdwn', text: how } },
    {
      type: 'context',
      elements: [
        ...(line ? [{ type: 'mrkdwn' as const, text: escapeMrkdwn(SOURCE_NOTE.en) }] : []),
        {
          type: 'mrkdwn',
          text: 'Only you see this. `/nudge me off` stops it · `/nudge me pause 3` skips three nights · `/nudge help`',
        },
      ],
    },
  ];
  const text = escapeMrkdwn(
    `It's ${input.localTime} in ${input.zone}: time to stop. Today ${formatHours(input.todayMinutes)}, this week ${formatHours(input.weekMinutes)} (${input.band.label}).`,
  );
  return { text, blocks };
}

/** Told once, privately, to whoever turned a channel's nudge on, when the bot can no longer post there. */
export function composeChannelGone(channelId: string, error: string, botName = 'Lights Out'): NudgeMessage {
  const why =
    error === 'not_in_channel'
      ? "I'm not a member of that channel any more"
      : error === 'is_archived'
        ? 'that channel was archived'
        : "I can't find that channel (it may be private to me, or deleted)";
  const text =
    `:no_bell: I couldn't post the go-home nudge in ${channelLink(channelId)}: ${why}. I've turned that channel's nudge off. ` +
    `To bring it back, type \`/invite @${botName}\` in the channel, then \`/nudge here\`.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
