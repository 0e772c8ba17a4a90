import { shortDate } from '../../hours/calendar.js';
import type { StatusLine } from '../../nudges/status.js';
import { spellInstant } from '../../nudges/time.js';
import { escapeMrkdwn } from '../../slack/mrkdwn.js';
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
    '• `/nudge status`: this channel’s nudge, how many others have one, and yours',
    '*Just for you* (a DM with your hours today and this week)',
    `• ${USAGE.meOn}: every night at your own local time (default 22:00)`,
    '• `/nudge me off` · `/nudge me resume` · `/nudge me`: stop, end a pause, or see yours',
    `• ${USAGE.pause}`,
    `• ${USAGE.weekends} (off by default)`,
  ].join('\n');
  return reply(
    text,
    'Channel nudges never mention anyone. Their team line covers last week and needs at least five people.',
  );
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
  if (!view.nudge?.enabled) {
    // Off: the headline (if any) already says so; add only how to turn it back on, once.
    const text = headline ? `${headline} \`/nudge me on\` turns it back on.` : personSummary(view);
    return reply(text, '`/nudge help` lists every form.');
  }
  const text = headline ? `${headline}\n${personSummary(view)}` : personSummary(view);
  return reply(text, '`/nudge me off` stops it · `/nudge me pause 3` skips three nights · `/nudge help`');
}

/** What `/nudge status` may show: this channel's nudge, and only how many other channels have one. */
export type ChannelStatus = {
  /** Whether the command was typed in a channel (not a DM). */
  inChannel: boolean;
  /** This channel's active nudge, if any. */
  here: StatusLine | undefined;
  /** How many other channels have a nudge on. Their ids are never shown: some are private. */
  others: number;
};

export function renderStatus(channels: ChannelStatus, person: PersonView, peopleCount: number): Reply {
  const { here } = channels;
  const thisChannel = !channels.inChannel
    ? 'Type `/nudge status` in a channel to see its nudge.'
    : here
      ? `This channel: ${whenLine(here.when, here.zone, here.next)}${here.env ? ' _(workspace default, NUDGE_CHANNEL)_' : ''}.`
      : 'This channel has no go-home nudge. `/nudge here` turns one on.';
  const other = channels.inChannel ? 'other ' : '';
  const others =
    channels.others === 0
      ? `No ${other}channel has one.`
      : `${channels.others} ${other}${channels.others === 1 ? 'channel has' : 'channels have'} one on.`;
  const channelText = `*Channel nudges*\n${thisChannel}\n${others}`;
  const peopleText = `*Personal nudges*: ${peopleCount} ${peopleCount === 1 ? 'person gets' : 'people get'} one by DM.\n${personSummary(person)}`;
  return {
    response_type: 'ephemeral',
    text: `${channelText}\n${peopleText}`,
    blocks: [section(channelText), section(peopleText)],
  };
}

export function pauseLimitsText(): string {
  return `Pause for 1 to ${MAX_PAUSE_DAYS} days, or until a date within a year: ${USAGE.pause}.`;
}
