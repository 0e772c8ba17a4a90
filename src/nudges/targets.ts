import type { AppDeps } from '../deps.js';
import { zoneOf } from '../people/zone.js';
import type { Delivery } from '../store/types.js';
import { type CronSchedule, cronScheduleFor } from './cron.js';
import type { ChannelTarget, PersonTarget, Target } from './due.js';
import { targetId } from './due.js';
import { channelTargetFrom, personTargetFrom } from './status.js';

/**
 * Where targets come from: the enabled `/nudge here` channels, the NUDGE_CHANNEL on the environment's schedule
 * (unless a channel row overrides it), and every enabled personal nudge, in the person's zone by the one
 * precedence rule (`zoneOf`: `/hours tz` override, Slack profile zone, NUDGE_TZ).
 */
export class TargetSource {
  readonly envCron: CronSchedule | undefined;
  private readonly deps: Pick<AppDeps, 'store' | 'config'>;
  private readonly teamId: string | undefined;
  private envSince: Date | undefined;

  constructor(deps: Pick<AppDeps, 'store' | 'config'>, teamId: string | undefined) {
    this.deps = deps;
    this.teamId = teamId;
    const { channel, schedule, timezone } = deps.config.nudge;
    this.envCron = channel && teamId ? cronScheduleFor(schedule, timezone) : undefined;
  }

  /** Every target with a nudge on, read in two queries. */
  async load(now: Date): Promise<Target[]> {
    const { store, config } = this.deps;
    const targets: Target[] = [];
    for (const row of await store.nudges.enabledChannels()) targets.push(channelTargetFrom(row));
    const envChannel = config.nudge.channel;
    const teamId = this.teamId;
    if (this.envCron && envChannel && teamId && !(await store.nudges.getChannel(teamId, envChannel))) {
      targets.push({
        kind: 'channel',
        teamId,
        channelId: envChannel,
        zone: config.nudge.timezone,
        cron: this.envCron,
        since: await this.envScheduleSince(teamId, envChannel, now),
        setBy: null,
        env: true,
      });
    }
    for (const row of await store.nudges.enabledPeople()) {
      targets.push(personTargetFrom(row, zoneOf(row, config.nudge.timezone).zone));
    }
    return targets;
  }

  /** A channel's target as stored, or as tonight's would be if it has no row (the NUDGE_CHANNEL, "send now"). */
  async channel(teamId: string, channelId: string): Promise<ChannelTarget> {
    const row = await this.deps.store.nudges.getChannel(teamId, channelId);
    if (row) return channelTargetFrom(row);
    const { config } = this.deps;
    const env = config.nudge.channel === channelId && this.envCron !== undefined;
    return {
      kind: 'channel',
      teamId,
      channelId,
      zone: config.nudge.timezone,
      ...(env ? { cron: this.envCron } : { time: '22:00' }),
      since: new Date(0),
      setBy: null,
      env,
    };
  }

  /** A person's target for "send now": every night accepted, their time or 22:00, their zone. */
  async person(teamId: string, userId: string): Promise<PersonTarget> {
    const { store, config } = this.deps;
    const nudge = await store.nudges.getPerson({ teamId, userId });
    const facts = await store.people.getPerson({ teamId, userId });
    return {
      kind: 'person',
      teamId,
      userId,
      zone: zoneOf(facts ?? { tzOverride: null, slackTz: null }, config.nudge.timezone).zone,
      time: nudge?.time ?? '22:00',
      weekends: true,
      resumeOn: null,
      since: new Date(0),
    };
  }

  /**
   * Since when the environment's schedule applies to NUDGE_CHANNEL: first seen by any process, stored, and reset
   * when the channel, schedule or zone changes. A fresh install owes no nudge from before it existed.
   */
  private async envScheduleSince(teamId: string, channelId: string, now: Date): Promise<Date> {
    if (this.envSince) return this.envSince;
    const { store, config } = this.deps;
    const key = `env-channel:${teamId}:${channelId}`;
    const signature = `${config.nudge.schedule}|${config.nudge.timezone}`;
    const stored = await store.nudges.getState(key);
    const parsed = stored ? (JSON.parse(stored) as { signature?: string; since?: string }) : undefined;
    if (parsed?.signature === signature && parsed.since) {
      this.envSince = new Date(parsed.since);
    } else {
      this.envSince = now;
      await store.nudges.setState(key, JSON.stringify({ signature, since: now.toISOString() }));
    }
    return this.envSince;
  }
}

/** Targets by kind, workspace and id, to find the target of a claimed delivery row. */
export function indexTargets(targets: readonly Target[]): (row: Delivery) => Target | undefined {
  const byKey = new Map(targets.map((target) => [`${target.kind}:${target.teamId}:${targetId(target)}`, target]));
  return (row) => byKey.get(`${row.kind}:${row.teamId}:${row.targetId}`);
}
