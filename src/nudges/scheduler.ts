import { randomBytes } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { SlackIdentity } from '../app.js';
import { pickFresh } from '../corpus/pick.js';
import type { AppDeps } from '../deps.js';
import { bandFor } from '../hours/bands.js';
import { isoWeek, localDate, localDateTime, workDateNow } from '../hours/calendar.js';
import { cachedZone, isValidZone, resolveZone } from '../people/zone.js';
import type { Delivery, NewDelivery } from '../store/types.js';
import {
  composeChannelGone,
  composeChannelNudge,
  composePersonNudge,
  type NudgeMessage,
  OPENERS,
  teamFigures,
} from './compose.js';
import { type CronSchedule, cronScheduleFor } from './cron.js';
import { type ChannelTarget, type DueSlot, deliveryFor, latestSlot, type Target, targetId } from './due.js';
import { type NudgeLine, nudgeLinesFrom } from './lines.js';
import { Pacer } from './pacer.js';
import { classifySlackError, type SlackFailure } from './slack-errors.js';
import { channelTargetFrom, personTargetFrom } from './status.js';
import { formatHourMinute } from './time.js';

/**
 * The nudge scheduler: one tick finds every due slot, claims it in the store, and sends it through a paced
 * sender. Delivery rules (the exactly-once design):
 *
 * - A delivery's key is target + scheduled slot in UTC. It is CLAIMED (INSERT under a primary key and a
 *   one-per-night unique index) right before its first Slack call, and marked sent or failed after. A second
 *   process, or the same one after a restart, finds the row and does nothing.
 * - Every later update is fenced by the owner id, so a process that lost its lease cannot overwrite the state
 *   of whoever took over.
 * - Each tick looks at the whole grace window (NUDGE_GRACE_MINUTES), not just "since the last tick": a slot
 *   missed while no process ran, or left unclaimed by a process that died, is sent late but once; older slots
 *   are recorded as skipped and logged.
 * - Crash window. chat.postMessage has no idempotency key, so after a crash between "sending" and "sent" no
 *   one can know whether Slack posted. We choose AT-LEAST-ONCE, BOUNDED: a claim whose lease (2 min) ran out
 *   is taken over; if it never reached `sending`, nothing was posted and it is simply sent; if it was
 *   `sending`, it is retried once (at most two posts can ever reach Slack for one slot). Reason: a crash
 *   inside the few hundred milliseconds of one in-flight request is rare, and a silently missing nudge is the
 *   failure nobody notices, while a duplicate is visible and bounded. A graceful stop (SIGTERM) finishes
 *   in-flight posts first, so deploys never leave a `sending` row behind. Timeouts and dropped connections
 *   count the same way; 429s and Slack's error answers are definite refusals and are retried freely.
 */

export type TickReport = { sent: number; failed: number; skipped: number; taken: number; reclaimed: number };

/**
 * Deliveries in flight at once. Slack answers in 100–300 ms, so a person nudge (open the DM, post) takes about
 * half a second: 24 at once keeps 5,000 DMs within minutes; Slack's 429s, not this number, set the pace beyond.
 */
const DEFAULT_CONCURRENCY = 24;
/** DM channel ids never change for a pair of bot and person; remember them instead of asking every night. */
const DM_CACHE_MAX = 50_000;

export type SchedulerOptions = {
  /** The article lines a channel nudge rotates through; by default the on-topic ones of `deps.corpus`. */
  lines?: readonly NudgeLine[];
  /** This process's id in claims; random by default. */
  owner?: string;
  leaseMs?: number;
  concurrency?: number;
  channelSpacingMs?: number;
  /** How far back the first tick looks for slots to record as skipped. */
  lookbackMs?: number;
  /** Upper bound on waiting for in-flight posts at stop(). */
  stopWaitMs?: number;
  pacer?: Pacer;
  /** The bot's display name, for "/invite @Lights Out". */
  botName?: string;
  /** First back-off after a failed call (doubles per failure, at most a minute); tests shorten it. */
  retryBaseMs?: number;
};

export const DEFAULT_LEASE_MS = 2 * 60_000;
const DEFAULT_LOOKBACK_MS = 24 * 60 * 60_000;
const MAX_BACKOFF_MS = 60_000;
const MAX_UNCERTAIN_POSTS = 2;
const HISTORY_KIND = 'nudge';
/** A channel nudge never repeats any of the last this-many lines shown in that channel. */
export const FRESH_LINES = 7;

type Job = { slot: DueSlot; delivery: NewDelivery; claimed: boolean; attempts: number };
type Outcome = 'sent' | 'failed' | 'skipped' | 'taken' | 'stopped';

export class NudgeScheduler {
  readonly owner: string;
  readonly pacer: Pacer;
  private readonly deps: AppDeps;
  private readonly client: WebClient;
  private readonly identity: SlackIdentity;
  private readonly lines: readonly NudgeLine[];
  private readonly leaseMs: number;
  private readonly lookbackMs: number;
  private readonly stopWaitMs: number;
  private readonly botName: string;
  private readonly retryBaseMs: number;
  private readonly envCron: CronSchedule | undefined;
  private readonly active = new Set<Promise<Outcome>>();
  private readonly dmChannels = new Map<string, string>();
  private envSince: Date | undefined;
  private lastTick: Date | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private queuedCronTick: Promise<TickReport> | undefined;
  private leaseTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  private tokenRefused = false;

  constructor(deps: AppDeps, client: WebClient, identity: SlackIdentity, options: SchedulerOptions = {}) {
    this.deps = deps;
    this.client = client;
    this.identity = identity;
    this.owner = options.owner ?? `nudger-${randomBytes(6).toString('hex')}`;
    this.lines = options.lines ?? nudgeLinesFrom(deps.corpus);
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.lookbackMs = options.lookbackMs ?? DEFAULT_LOOKBACK_MS;
    this.stopWaitMs = options.stopWaitMs ?? 3000;
    this.botName = options.botName ?? 'Lights Out';
    this.retryBaseMs = options.retryBaseMs ?? 1000;
    this.pacer =
      options.pacer ??
      new Pacer({
        concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
        spacingMs: options.channelSpacingMs ?? 1000,
      });
    const { channel, schedule, timezone } = deps.config.nudge;
    this.envCron = channel && identity.teamId ? cronScheduleFor(schedule, timezone) : undefined;
    if (channel && !identity.teamId) {
      deps.logger.warn({ channel }, 'NUDGE_CHANNEL is set but the workspace id is unknown; its nudge is off');
    }
  }

  private get graceMs(): number {
    return this.deps.config.nudge.graceMinutes * 60_000;
  }

  private leaseFrom(_now: Date, extraMs = 0): number {
    return this.leaseMs + extraMs;
  }

  /**
   * Finds and sends everything due at `now` (default: the injected clock). Ticks never overlap: a call made
   * while one runs waits for it; cron-driven calls made while one is already waiting share that one.
   */
  tick(now?: Date): Promise<TickReport> {
    if (!now && this.queuedCronTick) return this.queuedCronTick;
    const run = this.chain.then(() => {
      if (!now) this.queuedCronTick = undefined;
      return this.runTick(now ?? this.deps.now());
    });
    if (!now) this.queuedCronTick = run;
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async runTick(now: Date): Promise<TickReport> {
    const report: TickReport = { sent: 0, failed: 0, skipped: 0, taken: 0, reclaimed: 0 };
    if (this.stopping) return report;
    // A refused token is re-checked once per tick (someone may have fixed it); within a tick it fails fast.
    this.tokenRefused = false;
    const { store, logger } = this.deps;
    const nowIso = now.toISOString();
    const sendFrom = new Date(now.getTime() - this.graceMs);
    const lookFrom = this.lastTick && this.lastTick < now ? this.lastTick : new Date(now.getTime() - this.lookbackMs);
    this.lastTick = now;

    const targets = await this.loadTargets(now);

    for (const row of await store.nudges.expire(this.graceMs)) {
      report.failed++;
      logger.error({ key: row.key, status: row.status, error: row.error }, 'nudge delivery given up');
    }
    const jobs: Job[] = [];
    const byKey = new Map(targets.map((target) => [`${target.kind}:${target.teamId}:${targetId(target)}`, target]));
    for (const row of await store.nudges.claimBatch(this.owner, 10_000, this.leaseFrom(now), this.graceMs)) {
      report.reclaimed++;
      const target = byKey.get(`${row.kind}:${row.teamId}:${row.targetId}`);
      logger.warn(
        { key: row.key, attempts: row.attempts, reclaims: row.reclaims },
        row.attempts > 0
          ? 'taking over a nudge whose process stopped mid-send; retrying it once (it may arrive twice)'
          : 'taking over a nudge claimed by a process that stopped before sending',
      );
      if (!target) {
        await store.nudges.markFailed(row.key, this.owner, 'turned off before it could be sent');
        continue;
      }
      jobs.push(this.jobFromRow(row, target));
    }

    const queued = new Set(jobs.map((job) => job.delivery.key));
    const skippedKeys: string[] = [];
    for (const [index, target] of targets.entries()) {
      // Thousands of targets: let slash commands in between (the work per target is small but synchronous).
      if (index > 0 && index % 25 === 0) await new Promise((resolve) => setImmediate(resolve));
      try {
        if (lookFrom < sendFrom) {
          const missed = latestSlot(target, lookFrom, sendFrom);
          if (missed && (await store.nudges.recordSkipped(deliveryFor(missed), 'missed: too late'))) {
            report.skipped++;
            if (skippedKeys.length < 20) skippedKeys.push(deliveryFor(missed).key);
          }
        }
        const slot = latestSlot(target, sendFrom, now);
        if (!slot) continue;
        const delivery = deliveryFor(slot);
        // A read first: for two hours after a slot every tick sees it, and it is almost always done already.
        if (queued.has(delivery.key) || (await store.nudges.getDelivery(delivery.key))) continue;
        queued.add(delivery.key);
        jobs.push({ slot, delivery, claimed: false, attempts: 0 });
      } catch (error) {
        logger.error({ err: error, target: targetId(target), kind: target.kind }, 'could not work out a nudge slot');
      }
    }

    if (report.skipped > 0) {
      logger.warn(
        { count: report.skipped, keys: skippedKeys, graceMinutes: this.deps.config.nudge.graceMinutes },
        'nudges were missed while Lights Out was not running and are too late to send; skipped',
      );
    }
    const outcomes = await Promise.all(jobs.map((job) => this.schedule(job)));
    for (const outcome of outcomes) {
      if (outcome === 'sent') report.sent++;
      else if (outcome === 'failed') report.failed++;
      else if (outcome === 'skipped') report.skipped++;
      else if (outcome === 'taken') report.taken++;
    }
    if (jobs.length > 0) logger.info({ at: nowIso, ...report }, 'nudge tick');
    await this.pruneOld(now);
    return report;
  }

  /** Posts a channel's nudge now, as tonight's would be. Resolves when sent; throws if it could not be. */
  async sendChannelNow(teamId: string, channelId: string): Promise<void> {
    const now = this.deps.now();
    const target = (await this.channelTarget(teamId, channelId)) ?? this.defaultChannelTarget(teamId, channelId);
    await this.sendNow({ target, at: new Date(Math.floor(now.getTime() / 1000) * 1000), night: null });
  }

  /** Sends a person's DM nudge now. */
  async sendPersonNow(teamId: string, userId: string): Promise<void> {
    const now = this.deps.now();
    const nudge = await this.deps.store.nudges.getPerson({ teamId, userId });
    const zone = await cachedZone(
      { store: this.deps.store, now: this.deps.now, fallbackZone: this.deps.config.nudge.timezone },
      { teamId, userId },
    );
    const target: Target = {
      kind: 'person',
      teamId,
      userId,
      zone: zone.zone,
      time: nudge?.time ?? '22:00',
      weekends: true,
      resumeOn: null,
      since: new Date(0),
    };
    await this.sendNow({ target, at: new Date(Math.floor(now.getTime() / 1000) * 1000), night: null });
  }

  private async sendNow(slot: DueSlot): Promise<void> {
    const job: Job = { slot, delivery: deliveryFor(slot), claimed: false, attempts: 0 };
    const outcome = await this.schedule(job);
    if (outcome === 'taken') return; // someone else is sending this very second's nudge
    if (outcome !== 'sent') {
      const row = await this.deps.store.nudges.getDelivery(job.delivery.key);
      throw new Error(`The nudge was not sent (${row?.error ?? outcome}).`);
    }
  }

  /** Stops: no new ticks or posts; waits (bounded) for posts already in flight so they are recorded as sent. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.pacer.close();
    const pending = Promise.allSettled([...this.active]);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([pending, new Promise((resolve) => (timer = setTimeout(resolve, this.stopWaitMs)))]);
    clearTimeout(timer);
    if (this.leaseTimer) clearInterval(this.leaseTimer);
    this.leaseTimer = undefined;
  }

  private async loadTargets(now: Date): Promise<Target[]> {
    const { store, config } = this.deps;
    const targets: Target[] = [];
    for (const row of await store.nudges.enabledChannels()) targets.push(channelTargetFrom(row));
    const envChannel = config.nudge.channel;
    const teamId = this.identity.teamId;
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
      const zone =
        row.tzOverride && isValidZone(row.tzOverride)
          ? row.tzOverride
          : row.slackTz && isValidZone(row.slackTz)
            ? row.slackTz
            : config.nudge.timezone;
      targets.push(personTargetFrom(row, zone));
    }
    return targets;
  }

  /**
   * Since when the environment's schedule applies to NUDGE_CHANNEL: first seen by any process, stored, and
   * reset when the channel, schedule or zone changes. A fresh install owes no nudge from before it existed.
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

  private defaultChannelTarget(teamId: string, channelId: string): ChannelTarget {
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

  private async channelTarget(teamId: string, channelId: string): Promise<ChannelTarget | undefined> {
    const row = await this.deps.store.nudges.getChannel(teamId, channelId);
    return row ? channelTargetFrom(row) : undefined;
  }

  private jobFromRow(row: Delivery, target: Target): Job {
    return {
      slot: { target, at: new Date(row.slotAt), night: row.night },
      delivery: {
        key: row.key,
        teamId: row.teamId,
        kind: row.kind,
        targetId: row.targetId,
        slotAt: row.slotAt,
        night: row.night,
      },
      claimed: true,
      attempts: row.attempts,
    };
  }

  /** Queues a job on the pacer and tracks it for stop(). */
  private schedule(job: Job): Promise<Outcome> {
    const run = this.pacer
      .run(() => this.deliver(job))
      .catch((error: unknown) => {
        this.deps.logger.error({ err: error, key: job.delivery.key }, 'nudge delivery crashed');
        return 'failed' as Outcome;
      });
    this.active.add(run);
    this.keepLeases();
    void run.finally(() => {
      this.active.delete(run);
    });
    return run;
  }

  /** While deliveries are open, renews this process's leases so a slow fan-out is not taken over. */
  private keepLeases(): void {
    if (this.leaseTimer) return;
    this.leaseTimer = setInterval(
      () => {
        if (this.active.size === 0) {
          clearInterval(this.leaseTimer);
          this.leaseTimer = undefined;
          return;
        }
        this.deps.store.nudges
          .renewAll(this.owner, this.leaseFrom(this.deps.now()))
          .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not renew nudge leases'));
      },
      Math.max(1000, Math.floor(this.leaseMs / 3)),
    );
    this.leaseTimer.unref();
  }

  private expired(job: Job, now: Date): boolean {
    return now.getTime() - job.slot.at.getTime() > this.graceMs;
  }

  private async deliver(job: Job): Promise<Outcome> {
    const { store, logger } = this.deps;
    const { delivery, slot } = job;
    const key = delivery.key;
    const context = { key, kind: delivery.kind, teamId: delivery.teamId, target: delivery.targetId };
    if (this.stopping) return 'stopped';

    if (!job.claimed) {
      const now = this.deps.now();
      if (this.expired(job, now)) {
        if (await store.nudges.recordSkipped(delivery, 'expired before it could be sent')) {
          logger.error(context, 'a nudge waited past the grace window before it could be sent; skipped');
          return 'skipped';
        }
        return 'taken';
      }
      if (!(await store.nudges.claim(delivery, this.owner, this.leaseFrom(now)))) return 'taken';
      job.claimed = true;
    }

    let message: NudgeMessage | undefined;
    let line: NudgeLine | undefined;
    let dmChannel: string | undefined;
    let refusals = 0;
    for (;;) {
      const now = this.deps.now();
      const _nowIso = now.toISOString();
      if (this.stopping) return 'stopped'; // still claimed: a restart or another process takes it over
      if (this.expired(job, now)) {
        await store.nudges.markFailed(key, this.owner, 'expired: the grace window closed while retrying');
        logger.error(context, 'nudge not sent within the grace window; giving up');
        return 'failed';
      }
      if (this.tokenRefused) {
        await store.nudges.markFailed(key, this.owner, 'token refused');
        return 'failed';
      }
      const channelForPacing = delivery.kind === 'channel' ? delivery.targetId : `dm:${delivery.targetId}`;
      try {
        await this.pacer.ready(channelForPacing);
      } catch {
        return 'stopped';
      }

      if (!message) {
        const composed = await this.compose(slot, now);
        message = composed.message;
        line = composed.line;
      }
      let stage: 'open' | 'post' = 'open';
      try {
        if (slot.target.kind === 'person' && !dmChannel) {
          dmChannel = this.dmChannels.get(slot.target.userId);
          if (!dmChannel) {
            const opened = await this.client.conversations.open({ users: slot.target.userId });
            dmChannel = opened.channel?.id;
            if (!dmChannel) throw Object.assign(new Error('no DM channel'), { code: 'no_channel' });
            if (this.dmChannels.size >= DM_CACHE_MAX) this.dmChannels.clear();
            this.dmChannels.set(slot.target.userId, dmChannel);
          }
        }
        if (job.attempts >= MAX_UNCERTAIN_POSTS) {
          await store.nudges.markFailed(key, this.owner, 'gave up: two posts may have reached Slack');
          logger.error(context, 'nudge given up: two earlier posts ended without an answer from Slack');
          return 'failed';
        }
        if (!(await store.nudges.markSending(key, this.owner, this.leaseFrom(now)))) {
          logger.warn(context, 'lost the claim on a nudge (another process took it over); not sending');
          return 'taken';
        }
        stage = 'post';
        job.attempts++;
        const result = await this.client.chat.postMessage({
          channel: slot.target.kind === 'person' ? (dmChannel as string) : slot.target.channelId,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        });
        const done = this.deps.now().toISOString();
        if (!(await store.nudges.markSent(key, this.owner, result.ts ?? null))) {
          logger.warn(context, 'nudge posted, but the claim had been taken over meanwhile');
        }
        if (slot.target.kind === 'channel' && line) {
          await store.history.record(slot.target.teamId, slot.target.channelId, HISTORY_KIND, line.id, done);
        }
        logger.info({ ...context, slot: delivery.slotAt }, 'nudge sent');
        if (slot.target.kind === 'person') await this.refreshZone(slot.target.teamId, slot.target.userId);
        return 'sent';
      } catch (error) {
        // A retry asks Slack for the DM channel again rather than trusting a remembered one.
        if (slot.target.kind === 'person') {
          this.dmChannels.delete(slot.target.userId);
          dmChannel = undefined;
        }
        const failure = classifySlackError(error, delivery.kind);
        const at = this.deps.now();
        const outcome = await this.handleFailure(job, failure, stage, at, ++refusals, context);
        if (outcome) return outcome;
      }
    }
  }

  /** Returns an outcome to stop retrying, or undefined to try again (after any wait it already did). */
  private async handleFailure(
    job: Job,
    failure: SlackFailure,
    stage: 'open' | 'post',
    now: Date,
    failures: number,
    context: Record<string, unknown>,
  ): Promise<Outcome | undefined> {
    const { store, logger } = this.deps;
    const key = job.delivery.key;
    const _nowIso = now.toISOString();
    const posted = stage === 'post';
    switch (failure.type) {
      case 'rate_limited': {
        if (posted) job.attempts--;
        logger.warn({ ...context, retryAfterMs: failure.retryAfterMs }, 'Slack rate-limited a nudge; waiting');
        this.pacer.pauseAll(failure.retryAfterMs);
        const lease = this.leaseFrom(now, failure.retryAfterMs);
        const held = posted
          ? await store.nudges.markRefused(key, this.owner, lease, failure.error)
          : await store.nudges.renew(key, this.owner, lease);
        return held ? undefined : 'taken';
      }
      case 'refused':
      case 'uncertain': {
        if (posted && failure.type === 'refused') job.attempts--;
        const backoff = Math.min(MAX_BACKOFF_MS, this.retryBaseMs * 2 ** Math.min(failures - 1, 6));
        const lease = this.leaseFrom(now, backoff);
        const held = !posted
          ? await store.nudges.renew(key, this.owner, lease)
          : failure.type === 'refused'
            ? await store.nudges.markRefused(key, this.owner, lease, failure.error)
            : await store.nudges.markUncertain(key, this.owner, lease, failure.error);
        if (!held) return 'taken';
        logger.warn({ ...context, error: failure.error, retryInMs: backoff }, 'a nudge failed; retrying');
        try {
          await this.pacer.sleep(backoff);
        } catch {
          return 'stopped';
        }
        return undefined;
      }
      case 'gone':
        await store.nudges.markFailed(key, this.owner, failure.error);
        await this.targetGone(job.slot.target, failure.error, now);
        return 'failed';
      case 'token':
        this.tokenRefused = true;
        await store.nudges.markFailed(key, this.owner, failure.error);
        logger.error(
          { ...context, error: failure.error },
          'Slack refused the bot token while sending nudges: check SLACK_BOT_TOKEN (reinstall the app if it was revoked)',
        );
        return 'failed';
      case 'fatal':
        await store.nudges.markFailed(key, this.owner, failure.error);
        logger.error({ ...context, error: failure.error }, 'Slack refused a nudge; not retrying');
        return 'failed';
    }
  }

  /** The bot cannot reach the target any more: turn its nudge off, and tell whoever turned a channel's on. */
  private async targetGone(target: Target, error: string, now: Date): Promise<void> {
    const { store, logger } = this.deps;
    const nowIso = now.toISOString();
    if (target.kind === 'person') {
      if (error === 'account_inactive' && !(await this.personReallyGone(target.userId))) {
        this.tokenRefused = true;
        logger.error(
          { userId: target.userId },
          'Slack answered account_inactive for a DM, but the person is active: the bot token is likely deactivated',
        );
        return;
      }
      const current = await store.nudges.getPerson(target);
      if (current?.enabled) {
        await store.nudges.savePerson({ ...current, enabled: false, offReason: error, updatedAt: nowIso });
      }
      logger.warn({ teamId: target.teamId, userId: target.userId, error }, 'person cannot get DMs; their nudge is off');
      return;
    }
    const fallback = { time: target.time ?? '22:00', zone: target.zone };
    const before = await store.nudges.disableChannel(target.teamId, target.channelId, fallback, error, nowIso);
    const wasOn = before ? before.enabled : target.env;
    logger.warn(
      { teamId: target.teamId, channelId: target.channelId, error, env: target.env },
      target.env
        ? `Lights Out cannot post in NUDGE_CHANNEL (${error}); its nudge is off. Invite the bot with /invite @${this.botName}, then run /nudge here in the channel`
        : `Lights Out cannot post in a channel (${error}); that channel's nudge is off`,
    );
    const setBy = before?.setBy ?? target.setBy;
    if (!wasOn || !setBy) return;
    try {
      const opened = await this.client.conversations.open({ users: setBy });
      const channel = opened.channel?.id;
      if (!channel) return;
      const message = composeChannelGone(target.channelId, error, this.botName);
      await this.client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
    } catch (notifyError) {
      logger.warn({ err: notifyError, userId: setBy, channelId: target.channelId }, 'could not tell who set the nudge');
    }
  }

  private async personReallyGone(userId: string): Promise<boolean> {
    try {
      const info = await this.client.users.info({ user: userId });
      return info.user?.deleted === true;
    } catch (error) {
      return classifySlackError(error, 'person').error === 'user_not_found';
    }
  }

  private async refreshZone(teamId: string, userId: string): Promise<void> {
    const { store, logger, now, config } = this.deps;
    const cached = await cachedZone({ store, now, fallbackZone: config.nudge.timezone }, { teamId, userId });
    if (cached.source === 'override' || !cached.stale) return;
    await resolveZone(
      { store, client: this.client, logger, now, fallbackZone: config.nudge.timezone },
      { teamId, userId },
    );
  }

  private async compose(slot: DueSlot, now: Date): Promise<{ message: NudgeMessage; line?: NudgeLine }> {
    const { store, random } = this.deps;
    const target = slot.target;
    const slotLocal = localDateTime(slot.at, target.zone);
    const localTime = formatHourMinute({ hour: slotLocal.hour, minute: slotLocal.minute });
    if (target.kind === 'channel') {
      const recent = await store.history.recent(target.teamId, target.channelId, HISTORY_KIND, FRESH_LINES);
      const line = pickFresh(this.lines, [...recent].reverse(), random);
      const week = isoWeek(localDate(now, target.zone));
      const team = teamFigures(await store.hours.teamTotals(target.teamId, week.from, week.to));
      const opener = OPENERS[Math.min(OPENERS.length - 1, Math.floor(random() * OPENERS.length))] as string;
      return {
        message: composeChannelNudge({
          opener,
          localTime,
          zone: target.zone,
          ...(line ? { line } : {}),
          ...(team ? { team } : {}),
        }),
        ...(line ? { line } : {}),
      };
    }
    const night = slot.night ?? workDateNow(slot.at, target.zone).date;
    const week = isoWeek(night);
    const days = await store.hours.dailyTotals(target, week.from, week.to);
    const weekMinutes = days.reduce((sum, day) => sum + day.minutes, 0);
    const todayMinutes = days.find((day) => day.date === night)?.minutes ?? 0;
    return {
      message: composePersonNudge({
        localTime,
        zone: target.zone,
        todayMinutes,
        weekMinutes,
        band: bandFor(weekMinutes),
      }),
    };
  }

  private lastPrune = 0;
  /** Keeps the ledger small: rows for slots older than 35 days go, at most once an hour. */
  private async pruneOld(now: Date): Promise<void> {
    if (now.getTime() - this.lastPrune < 60 * 60_000) return;
    this.lastPrune = now.getTime();
    const removed = await this.deps.store.nudges.prune(new Date(now.getTime() - 35 * 24 * 60 * 60_000).toISOString());
    if (removed > 0) this.deps.logger.debug({ removed }, 'pruned old nudge deliveries');
  }
}
