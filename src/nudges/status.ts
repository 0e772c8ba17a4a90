import type { Config } from '../config.js';
import type { Locale } from '../i18n/locale.js';
import type { ChannelNudge, PersonNudge } from '../store/types.js';
import { cronScheduleFor } from './cron.js';
import { type ChannelTarget, nextSlot, type PersonTarget } from './due.js';

/** Targets built from stored settings, shared by the scheduler's answers and `/nudge status`. Pure. */

export function channelTargetFrom(row: ChannelNudge): ChannelTarget {
  return {
    kind: 'channel',
    teamId: row.teamId,
    channelId: row.channelId,
    zone: row.zone,
    time: row.time,
    since: new Date(row.updatedAt),
    setBy: row.setBy,
    env: false,
  };
}

/** The NUDGE_CHANNEL on the environment's schedule, if configured and not overridden by a channel row. */
export function envTargetFor(config: Config, teamId: string | undefined): ChannelTarget | undefined {
  if (!config.nudge.channel || !teamId) return undefined;
  return {
    kind: 'channel',
    teamId,
    channelId: config.nudge.channel,
    zone: config.nudge.timezone,
    cron: cronScheduleFor(config.nudge.schedule, config.nudge.timezone),
    since: new Date(0),
    setBy: null,
    env: true,
  };
}

export function personTargetFrom(nudge: PersonNudge, zone: string): PersonTarget {
  return {
    kind: 'person',
    teamId: nudge.teamId,
    userId: nudge.userId,
    zone,
    time: nudge.time,
    weekends: nudge.weekends,
    resumeOn: nudge.resumeOn,
    since: new Date(nudge.updatedAt),
  };
}

/** The default HH:MM for `/nudge here`: the env schedule's time when it is a plain daily time, else 22:00. */
export function defaultChannelTime(config: Config): string {
  return cronScheduleFor(config.nudge.schedule, config.nudge.timezone).dailyTime ?? '22:00';
}

export type StatusLine = {
  channelId: string;
  /** "22:00" for a daily time, or the cron expression. */
  when: string;
  zone: string;
  next: Date | undefined;
  env: boolean;
  /** The language the channel's nudge posts in. */
  locale: Locale;
};

/** Every active channel nudge of the workspace, env channel included unless a channel row overrides it. */
export function activeChannelNudges(
  rows: readonly ChannelNudge[],
  env: ChannelTarget | undefined,
  now: Date,
  defaultLocale: Locale,
): StatusLine[] {
  const lines: StatusLine[] = [];
  if (env && !rows.some((row) => row.channelId === env.channelId)) {
    lines.push({
      channelId: env.channelId,
      when: env.cron?.dailyTime ?? env.cron?.expression ?? '',
      zone: env.zone,
      next: nextSlot(env, now),
      env: true,
      locale: defaultLocale,
    });
  }
  for (const row of rows) {
    if (!row.enabled) continue;
    lines.push({
      channelId: row.channelId,
      when: row.time,
      zone: row.zone,
      next: nextSlot(channelTargetFrom(row), now),
      env: false,
      locale: row.locale ?? defaultLocale,
    });
  }
  return lines;
}
