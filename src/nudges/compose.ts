import { SOURCE_NOTE } from '../corpus/render.js';
import { type Band, CRUNCH_HOURS, FRONTIER_HOURS, TEAM_MIN_PEOPLE } from '../hours/bands.js';
import { channelLink, escapeMrkdwn } from '../slack/mrkdwn.js';
import type { NudgeLine } from './lines.js';

/**
 * The nudge messages, pure: everything they show is handed in. They never mention anyone (no `<@…>`, no
 * `<!here>`): every piece of text is escaped, and the only markup is our own bold and quote marks.
 */

export type MrkdwnBlock =
  | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
  | { type: 'context'; elements: Array<{ type: 'mrkdwn'; text: string }> };

export type NudgeMessage = { text: string; blocks: MrkdwnBlock[] };

/** Short opening lines in the article's voice; one is picked per nudge. */
export const OPENERS: readonly string[] = [
  'Lights out. The report describes labs where there never seems to be a natural point to stop; this is yours.',
  'Time to go home. "0-0-2" was a joke in the article, not a plan.',
  'Go home. Whatever is training will still be training in the morning.',
  'Close the laptop. OpenAI once turned the office lights off for a whole week; tonight will do.',
  'That is enough for today. Friends, hobbies, the people you love: the article says the 100-hour week has no time for them.',
];

export type TeamFigures = { people: number; past60: number; past80: number };

/** Anonymous figures from each person's weekly minutes; undefined when too few people logged to show any. */
export function teamFigures(weeklyMinutes: readonly number[]): TeamFigures | undefined {
  if (weeklyMinutes.length < TEAM_MIN_PEOPLE) return undefined;
  return {
    people: weeklyMinutes.length,
    past60: weeklyMinutes.filter((minutes) => minutes >= CRUNCH_HOURS * 60).length,
    past80: weeklyMinutes.filter((minutes) => minutes >= FRONTIER_HOURS * 60).length,
  };
}

export function teamLine(figures: TeamFigures): string {
  const of = `of the ${figures.people} who log their hours here`;
  if (figures.past60 === 0) return `Nobody here is past ${CRUNCH_HOURS} hours this week (${of}). Keep it that way.`;
  const people = figures.past60 === 1 ? '1 person here is' : `${figures.past60} people here are`;
  const frontier = figures.past80 > 0 ? `, ${figures.past80} of them past ${FRONTIER_HOURS}` : '';
  return `${people} past ${CRUNCH_HOURS} hours this week${frontier} (${of}).`;
}

export type ChannelNudgeInput = {
  opener: string;
  /** "22:00" local, and the zone it is in. */
  localTime: string;
  zone: string;
  line?: NudgeLine;
  team?: TeamFigures;
};

export function composeChannelNudge(input: ChannelNudgeInput): NudgeMessage {
  const head = `:crescent_moon: *${escapeMrkdwn(input.localTime)} in ${escapeMrkdwn(input.zone)}.* ${escapeMrkdwn(input.opener)}`;
  const blocks: MrkdwnBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: head } }];
  const plain = [`${input.localTime} in ${input.zone}. ${input.opener}`];
  if (input.line) {
    const quoted = `> ${escapeMrkdwn(input.line.text)}\n— ${escapeMrkdwn(input.line.attribution)}`;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: quoted } });
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(SOURCE_NOTE.en) }] });
    plain.push(`“${input.line.text}” — ${input.line.attribution}`);
  }
  if (input.team) {
    const line = teamLine(input.team);
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `:bar_chart: ${escapeMrkdwn(line)}` }] });
    plain.push(line);
  }
  return { text: escapeMrkdwn(plain.join(' ')), blocks };
}

/** "9.5 h", "52 h", "0 h". */
export function formatHours(minutes: number): string {
  return `${(minutes / 60).toFixed(1).replace(/\.0$/, '')} h`;
}

export type PersonNudgeInput = {
  localTime: string;
  zone: string;
  /** Minutes logged for tonight's work date and its ISO week. */
  todayMinutes: number;
  weekMinutes: number;
  band: Band;
};

export function composePersonNudge(input: PersonNudgeInput): NudgeMessage {
  const head = `:crescent_moon: *It's ${escapeMrkdwn(input.localTime)} in ${escapeMrkdwn(input.zone)}: time to stop for today.*`;
  const today =
    input.todayMinutes > 0
      ? `Today you logged *${formatHours(input.todayMinutes)}*.`
      : "You haven't logged any hours for today yet.";
  const week = `This week: *${formatHours(input.weekMinutes)}* — ${input.band.emoji} *${escapeMrkdwn(input.band.label)}*. ${escapeMrkdwn(input.band.line)}`;
  const how =
    input.todayMinutes > 0
      ? "If you worked more since, add tonight's hours with `/hours log 2` (two more hours)."
      : "Log tonight's hours with `/hours log 10` (ten hours for today).";
  const blocks: MrkdwnBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `${head}\n${today} ${week}` } },
    { type: 'section', text: { type: 'mrkdwn', text: how } },
    {
      type: 'context',
      elements: [
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
