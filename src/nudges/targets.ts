import type { AppDeps } from '../deps.js';
import { zoneOf } from '../people/zone.js';
import type { Delivery, PersonKey } from '../store/types.js';
import { type CronSchedule, cronScheduleFor } from './cron.js';
import type { ChannelTarget, PersonTarget, Target } from './due.js';
import { targetId } from './due.js';
import { channelTargetFrom, personTargetFrom } from './status.js';

/**
 * Where targets come from: the enabled `/nudge here` channels, the NUDGE_CHANNEL on the environment's schedule
 * (unless a channel row overrides it), every enabled personal nudge and every Monday digest turned on, in the person's zone by the one
 * precedence rule (`zoneOf`: `/hours tz` override, Slack profile zone, NUDGE_TZ).
 */
/** Reads a person's zone from Slack (users.info, then cached): for people with none cached. */
export type AskZone = (person: PersonKey) => Promise<string>;

/** How often one person with no zone cached may be asked about, so a failing users.info is not asked every tick. */
const ZONE_ASK_INTERVAL_MS = 60 * 60_000;
const ZONE_ASKED_LIMIT = 10_000;

export class TargetSource {
  readonly envCron: CronSchedule | undefined;
  private readonly deps: Pick<AppDeps, 'store' | 'config'>;
  private readonly teamId: string | undefined;
  private readonly askZone: AskZone | undefined;
  private envSince: Date | undefined;
  /** When this process last asked Slack for the zone of a person with none cached. */
  private readonly zoneAsked = new Map<string, number>();

  constructor(deps: Pick<AppDeps, 'store' | 'config'>, teamId: string | undefined, askZone?: AskZone) {
    this.deps = deps;
    this.teamId = teamId;
    this.askZone = askZone;
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
    // One Slack look-up per person per load, though they may have a nudge and a digest.
    const asked = new Map<string, Promise<string>>();
    const zoneFor = (row: PersonKey & { tzOverride: string | null; slackTz: string | null }) => {
      const zone = zoneOf(row, config.nudge.timezone);
      if (zone.source !== 'default') return Promise.resolve(zone.zone);
      const key = `${row.teamId}:${row.userId}`;
      const known = asked.get(key) ?? this.uncachedZone(row, now);
      asked.set(key, known);
      return known;
    };
    for (const row of await store.nudges.enabledPeople()) targets.push(personTargetFrom(row, await zoneFor(row)));
    for (const row of await store.digests.enabledPeople()) {
      const { teamId, userId, updatedAt } = row;
      // Owed only for Mondays after it was turned on (updated_at), as a nudge is after its last change.
      targets.push({ kind: 'digest', teamId, userId, zone: await zoneFor(row), since: new Date(updatedAt) });
    }
    return targets;
  }

  /**
   * A person with a nudge but no zone cached (never read, or read before /hours forget): read it from Slack
   * before scheduling rather than assume NUDGE_TZ; if Slack cannot say (or was asked within the hour), NUDGE_TZ.
   */
  private async uncachedZone(person: PersonKey, now: Date): Promise<string> {
    const fallback = this.deps.config.nudge.timezone;
    if (!this.askZone) return fallback;
    const key = `${person.teamId}:${person.userId}`;
    const asked = this.zoneAsked.get(key);
    if (asked !== undefined && now.getTime() - asked < ZONE_ASK_INTERVAL_MS) return fallback;
    if (this.zoneAsked.size > ZONE_ASKED_LIMIT) this.zoneAsked.clear();
    this.zoneAsked.set(key, now.getTime());
    return this.askZone(person);
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
    const cached = zoneOf(facts ?? { tzOverride: null, slackTz: null }, config.nudge.timezone);
    // Not the cache alone: with no zone cached (a newcomer, or right after /hours forget) Slack is asked first.
    const zone = cached.source === 'default' && this.askZone ? await this.askZone({ teamId, userId }) : cached.zone;
    return {
      kind: 'person',
      teamId,
      userId,
      zone,
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
