import type { Locale } from '../../i18n/locale.js';
import type { Translator } from '../../i18n/translator.js';
import { sentenceGap } from '../../nudges/compose.js';
import type { StatusLine } from '../../nudges/status.js';
import { describeZoneSource, type ZoneSource } from '../../people/zone.js';
import { escapeMrkdwn, truncate } from '../../slack/mrkdwn.js';
import type { ChannelNudge, PersonNudge } from '../../store/types.js';
import { MAX_PAUSE_DAYS, type NudgeProblem, type ProblemCode, type UsageForm } from './parse.js';

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

/** A token the person typed, shown back inert: escaped, no backticks, at most 40 characters. */
const show = (token: string) => `\`${escapeMrkdwn(truncate(token.replace(/`/g, "'"), 40))}\``;

export const usage = (t: Translator, form: UsageForm): string => t.t(`nudge.usage.${form}`, { max: MAX_PAUSE_DAYS });

const languageName = (t: Translator, locale: Locale) => t.t(`common.language.${locale}`);

const PROBLEM_KEY = {
  'bad-time': 'nudge.problem.badTime',
  'bad-zone': 'nudge.problem.badZone',
  'two-times': 'nudge.problem.twoTimes',
  'two-zones': 'nudge.problem.twoZones',
  'two-languages': 'nudge.problem.twoLanguages',
  unreadable: 'nudge.problem.unreadable',
  'me-extra': 'nudge.problem.meExtra',
  'too-many-words': 'nudge.problem.tooManyWords',
  'takes-nothing': 'nudge.problem.takesNothing',
  'pause-missing': 'nudge.problem.pauseMissing',
  'bad-date': 'nudge.problem.badDate',
  'pause-range': 'nudge.problem.pauseRange',
  'pause-not-number': 'nudge.problem.pauseNotNumber',
  'weekends-on-off': 'nudge.problem.weekendsOnOff',
  'unknown-me': 'nudge.problem.unknownMe',
  unknown: 'nudge.problem.unknown',
} as const satisfies Record<ProblemCode, string>;

/** A parse problem in words: what was typed, quoted back inert, and the form to type instead. */
export function problemText(t: Translator, problem: NudgeProblem): string {
  const typed = problem.value ?? '';
  const value = problem.code === 'takes-nothing' ? show(`/nudge ${typed}`) : show(typed);
  return t.t(PROBLEM_KEY[problem.code], {
    value,
    max: MAX_PAUSE_DAYS,
    usage: usage(t, problem.data?.usage ?? 'here'),
    pause: usage(t, 'pause'),
    weekends: usage(t, 'weekends'),
  });
}

/** "22:00 America/Los_Angeles — next: Sun 29 Nov, 22:00" */
export function whenLine(t: Translator, when: string, zone: string, next: Date | undefined): string {
  const nextText = next ? t.at(next, zone) : t.t('nudge.noNext');
  return t.t('nudge.when', { when: escapeMrkdwn(when), zone: escapeMrkdwn(zone), next: nextText });
}

export function renderHelp(t: Translator, defaultLocale: Locale): Reply {
  const text = [
    t.t('nudge.help.title'),
    t.t('nudge.help.channel'),
    `• ${t.t('nudge.help.here', { usage: usage(t, 'here'), language: languageName(t, defaultLocale) })}`,
    `• ${t.t('nudge.help.off')}`,
    `• ${t.t('nudge.help.status')}`,
    t.t('nudge.help.person'),
    `• ${t.t('nudge.help.meOn', { usage: usage(t, 'meOn') })}`,
    `• ${t.t('nudge.help.meOther')}`,
    `• ${usage(t, 'pause')}`,
    `• ${t.t('nudge.help.weekends', { usage: usage(t, 'weekends') })}`,
  ].join('\n');
  return reply(text, t.t('nudge.help.footer'));
}

/** A refusal already in words (a parse problem, or one the listener found): nothing was changed. */
export function renderError(t: Translator, message: string): Reply {
  return reply(t.t('nudge.error.line', { message }), t.t('nudge.error.footer'));
}

export function renderProblem(t: Translator, problem: NudgeProblem): Reply {
  return renderError(t, problemText(t, problem));
}

export function pauseLimitsText(t: Translator): string {
  return t.t('nudge.problem.pauseLimits', { max: MAX_PAUSE_DAYS, usage: usage(t, 'pause') });
}

export function renderChannelOn(
  t: Translator,
  line: StatusLine,
  replaced: ChannelNudge | undefined,
  botName: string,
): Reply {
  const values = { when: whenLine(t, line.when, line.zone, line.next), language: languageName(t, line.locale) };
  return reply(
    t.t(replaced?.enabled ? 'nudge.channelOn.changed' : 'nudge.channelOn.added', values),
    t.t('nudge.channelOn.footer', { bot: escapeMrkdwn(botName) }),
  );
}

/** `/nudge here zh` alone: the language changed; the nudge is as it was (`line` when it is on). */
export function renderChannelLanguage(t: Translator, locale: Locale, line: StatusLine | undefined): Reply {
  const language = languageName(t, locale);
  if (!line) return reply(t.t('nudge.channelLanguage.off', { language }));
  return reply(t.t('nudge.channelLanguage.on', { language, when: whenLine(t, line.when, line.zone, line.next) }));
}

export function renderChannelOff(t: Translator, was: { when: string; zone: string } | undefined): Reply {
  if (!was) return reply(t.t('nudge.channelOff.none'));
  return reply(t.t('nudge.channelOff.done', { when: escapeMrkdwn(was.when), zone: escapeMrkdwn(was.zone) }));
}

export type PersonView = {
  nudge: PersonNudge | undefined;
  zone: string;
  zoneSource: ZoneSource;
  next: Date | undefined;
  /** The local date nudges come back, while paused. */
  pausedUntil?: string;
};

export function personSummary(t: Translator, view: PersonView): string {
  const { nudge, zone } = view;
  if (!nudge?.enabled) {
    return nudge?.offReason && nudge.offReason !== 'off'
      ? t.t('nudge.person.offBecause', { reason: escapeMrkdwn(nudge.offReason) })
      : t.t('nudge.person.off');
  }
  const parts = [t.t('nudge.person.on', { when: whenLine(t, nudge.time, zone, view.next) })];
  parts.push(t.t(nudge.weekends ? 'nudge.person.weekendsIncluded' : 'nudge.person.weekendsExcluded'));
  if (view.pausedUntil) parts.push(t.t('nudge.person.paused', { date: t.date(view.pausedUntil) }));
  const source = describeZoneSource({ zone, source: view.zoneSource }, t);
  const joined = parts.join(sentenceGap(t));
  return `${joined}\n${t.t('nudge.person.zone', { zone: escapeMrkdwn(zone), source })}`;
}

export function renderPerson(t: Translator, view: PersonView, headline?: string): Reply {
  if (!view.nudge?.enabled) {
    // Off: the headline (if any) already says so; add only how to turn it back on, once.
    const text = headline ? t.t('nudge.person.turnBackOn', { headline }) : personSummary(t, view);
    return reply(text, t.t('nudge.person.footerOff'));
  }
  const text = headline ? `${headline}\n${personSummary(t, view)}` : personSummary(t, view);
  return reply(text, t.t('nudge.person.footerOn'));
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

function channelsText(t: Translator, channels: ChannelStatus): string {
  const { here, others } = channels;
  const thisChannel = !channels.inChannel
    ? t.t('nudge.status.typeInChannel')
    : here
      ? t.t(here.env ? 'nudge.status.hereEnv' : 'nudge.status.here', {
          when: whenLine(t, here.when, here.zone, here.next),
          language: languageName(t, here.locale),
        })
      : t.t('nudge.status.none');
  const count = { count: others, n: t.number(others) };
  const othersText = channels.inChannel
    ? others === 0
      ? t.t('nudge.status.noOthers')
      : t.t('nudge.status.others', count)
    : others === 0
      ? t.t('nudge.status.noChannels')
      : t.t('nudge.status.channels', count);
  return `${t.t('nudge.status.channelsTitle')}\n${thisChannel}\n${othersText}`;
}

export function renderStatus(t: Translator, channels: ChannelStatus, person: PersonView, peopleCount: number): Reply {
  const channelText = channelsText(t, channels);
  const people = t.t('nudge.status.people', { count: peopleCount, n: t.number(peopleCount) });
  const peopleText = `${people}\n${personSummary(t, person)}`;
  return {
    response_type: 'ephemeral',
    text: `${channelText}\n${peopleText}`,
    blocks: [section(channelText), section(peopleText)],
  };
}
