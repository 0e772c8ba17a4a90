import { shortDate } from '../../hours/calendar.js';
import type { StatusLine } from '../../nudges/status.js';
import { spellInstant } from '../../nudges/time.js';
import { channelLink, escapeMrkdwn } from '../../slack/mrkdwn.js';
import type { ChannelNudge, PersonNudge } from '../../store/types.js';
import { MAX_PAUSE_DAYS, USAGE } from './parse.js';

/** Every `/nudge` answer is private: an ephemeral message with mrkdwn text and one or more sections. */
export type Section = { type: 'section'; text: { type: 'mrkdwn'; text: string } };
export type Context = { type: 'context'; elements: Array<{ type: 'mrkdwn'; text: string }> };
export type Reply = { response_type: 'ephemeral'; text: string; blocks: Array<Section | Context> };

const section = (text: string): Section => ({ type: 'section', text: { type: 'mrkdwn', text } });

export function reply(text: string, footer?: string): Reply {
  const blocks: Array<Section | Context> = [section(text)];
  if (footer) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: footer }] });
  return { response_type: 'ephemeral', text, blocks };
}

/** "22:00 America/Los_Angeles — next: Sun 29 Nov, 22:00" */
export function whenLine(when: string, zone: string, next: Date | undefined): string {
  const nextText = next ? spellInstant(next, zone) : 'none in the coming months';
  return `${escapeMrkdwn(when)} ${escapeMrkdwn(zone)} — next: ${nextText}`;
}

export function renderHelp(): Reply {
  const text = [
    '*Lights Out nudges* — a nightly "go home" message, in a channel or in your DMs.',
    '*In a channel*',
    `• ${USAGE.here}: post here every night (default: the workspace time and zone)`,
    '• `/nudge off`: stop this channel’s nudge',
    '• `/nudge status`: every active nudge with its time, zone and next run',
    '*Just for you* (a DM with your hours today and this week)',
    `• ${USAGE.meOn}: every night at your own local time (default 22:00)`,
    '• `/nudge me off` · `/nudge me resume` · `/nudge me`: stop, end a pause, or see yours',
    `• ${USAGE.pause}`,
    `• ${USAGE.weekends} (off by default)`,
  ].join('\n');
  return reply(text, 'Channel nudges never mention anyone. Team figures are anonymous and need at least three people.');
}

export function renderError(message: string): Reply {
  return reply(`:warning: ${message}`, 'Nothing was changed. `/nudge help` lists every form.');
}

export function renderChannelOn(line: StatusLine, replaced: ChannelNudge | undefined, botName: string): Reply {
  const changed = replaced?.enabled ? 'Changed: this channel’s' : 'Done: this channel gets a';
  return reply(
    `:crescent_moon: ${changed} go-home nudge every night at ${whenLine(line.when, line.zone, line.next)}.`,
    `If I'm not a member of this channel yet, invite me first: \`/invite @${escapeMrkdwn(botName)}\`. \`/nudge off\` stops it.`,
  );
}

export function renderChannelOff(was: { when: string; zone: string } | undefined): Reply {
  if (!was)
    return reply('This channel has no go-home nudge, so there was nothing to turn off. `/nudge here` turns one on.');
  return reply(
    `:no_bell: Turned off this channel’s go-home nudge (it was ${escapeMrkdwn(was.when)} ${escapeMrkdwn(was.zone)}). \`/nudge here\` turns it back on.`,
  );
}

export type PersonView = {
  nudge: PersonNudge | undefined;
  zone: string;
  zoneSource: string;
  next: Date | undefined;
  /** The local date nudges come back, while paused. */
  pausedUntil?: string;
};

export function personSummary(view: PersonView): string {
  const { nudge, zone } = view;
  if (!nudge?.enabled) {
    const why =
      nudge?.offReason && nudge.offReason !== 'off'
        ? ` (turned off because Slack answered \`${escapeMrkdwn(nudge.offReason)}\` when I tried to DM you)`
        : '';
    return `Your personal nudge is off${why}. \`/nudge me on\` turns it on.`;
  }
  const parts = [`Your personal nudge: ${whenLine(nudge.time, zone, view.next)}.`];
  parts.push(nudge.weekends ? 'Weekends included.' : 'Not on Saturday and Sunday nights.');
  if (view.pausedUntil) parts.push(`Paused: nudges come back on ${shortDate(view.pausedUntil)}.`);
  return `${parts.join(' ')}\nYour zone is ${escapeMrkdwn(zone)}, ${escapeMrkdwn(view.zoneSource)}.`;
}

export function renderPerson(view: PersonView, headline?: string): Reply {
  const text = headline ? `${headline}\n${personSummary(view)}` : personSummary(view);
  return reply(text, '`/nudge me off` stops it · `/nudge me pause 3` skips three nights · `/nudge help`');
}

export function renderStatus(lines: readonly StatusLine[], person: PersonView, peopleCount: number): Reply {
  const channelText =
    lines.length === 0
      ? 'No channel has a go-home nudge. `/nudge here` turns one on in the channel you type it in.'
      : [
          `*Channel nudges* (${lines.length})`,
          ...lines.map(
            (line) =>
              `• ${channelLink(line.channelId)}: ${whenLine(line.when, line.zone, line.next)}${line.env ? ' _(workspace default, NUDGE_CHANNEL)_' : ''}`,
          ),
        ].join('\n');
  const peopleText = `*Personal nudges*: ${peopleCount} ${peopleCount === 1 ? 'person gets' : 'people get'} one by DM.\n${personSummary(person)}`;
  // A section holds at most 3000 characters; long channel lists are split across sections.
  const blocks: Section[] = [];
  let chunk = '';
  for (const piece of channelText.split('\n')) {
    if (chunk.length + piece.length + 1 > 2900) {
      blocks.push(section(chunk));
      chunk = '';
    }
    chunk = chunk ? `${chunk}\n${piece}` : piece;
  }
  if (chunk) blocks.push(section(chunk));
  const kept = blocks.slice(0, 45);
  if (kept.length < blocks.length) kept.push(section(`…and more channels than fit here.`));
  kept.push(section(peopleText));
  return { response_type: 'ephemeral', text: `${channelText}\n${peopleText}`.slice(0, 3000), blocks: kept };
}

export function pauseLimitsText(): string {
  return `Pause for 1 to ${MAX_PAUSE_DAYS} days, or until a date within a year: ${USAGE.pause}.`;
}
