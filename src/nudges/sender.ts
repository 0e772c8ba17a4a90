import type { WebClient } from '@slack/web-api';
import type { AppDeps } from '../deps.js';
import { type Metrics, noopMetrics } from '../metrics.js';
import { cachedZone, resolveZone } from '../people/zone.js';
import { type DeliveryKind, MAX_UNCERTAIN_POSTS, type NewDelivery } from '../store/types.js';
import { composeDelivery, HISTORY_KIND, type Outgoing } from './composer.js';
import type { DueSlot } from './due.js';
import { targetGone } from './gone.js';
import type { DeliveryLedger } from './ledger.js';
import type { NudgeLine } from './lines.js';
import type { Pacer } from './pacer.js';
import { classifySlackError, type SlackFailure } from './slack-errors.js';

/** The Slack client of a workspace: one token per workspace once the app is installed in several. */
export type ClientFor = (teamId: string) => Promise<WebClient>;

/** A claimed delivery on its way to Slack. `attempts`: posts that may already have reached Slack. */
export type Job = { slot: DueSlot; delivery: NewDelivery; attempts: number };
export type Outcome = 'sent' | 'failed' | 'taken' | 'stopped';

export type SenderOptions = {
  ledger: DeliveryLedger;
  pacer: Pacer;
  clientFor: ClientFor;
  lines: readonly NudgeLine[];
  graceMs: () => number;
  botName: string;
  /** First back-off after a failed call (doubles per failure, at most a minute). */
  retryBaseMs: number;
};

const MAX_BACKOFF_MS = 60_000;
/** DM channel ids never change for a pair of bot and person; remember them instead of asking every night. */
const DM_CACHE_MAX = 50_000;

/**
 * The sender: takes one claimed delivery to Slack, paced, and records what happened in the ledger. Slack's
 * answers are sorted by slack-errors.ts: a definite refusal (429, an error answer) is retried and not counted; a
 * "maybe posted" (5xx, timeout, dropped connection) is counted, and the store refuses a post beyond
 * MAX_UNCERTAIN_POSTS. Posts in flight are tracked so that stop can settle each one (`settle`).
 */
export class Sender {
  private readonly deps: AppDeps;
  private readonly options: SenderOptions;
  private readonly dmChannels = new Map<string, string>();
  private readonly tokenRefused = new Set<string>();
  /** Deliveries in `sending` (a post may be in flight), by key; settle waits for `done`. */
  private readonly sending = new Map<string, { kind: DeliveryKind; done: Promise<void>; leave: () => void }>();
  /** Posts stop gave up waiting for: recorded as uncertain, their late answer writes nothing. */
  private readonly abandoned = new Set<string>();
  private stopping = false;

  constructor(deps: AppDeps, options: SenderOptions) {
    this.deps = deps;
    this.options = options;
  }

  /** A refused token is tried again once per tick (someone may have fixed it); within a tick it fails fast. */
  newTick(): void {
    this.tokenRefused.clear();
  }

  /** Delivers one job and counts how it ended (sent or failed) in the metrics. */
  async deliver(job: Job): Promise<Outcome> {
    const outcome = await this.attempt(job);
    if (outcome === 'sent' || outcome === 'failed') this.metrics.deliveryOutcome(outcome, job.delivery.kind);
    return outcome;
  }

  private get metrics(): Metrics {
    return this.deps.metrics ?? noopMetrics;
  }

  private async attempt(job: Job): Promise<Outcome> {
    const { ledger } = this.options;
    const { delivery, slot } = job;
    const key = delivery.key;
    const context = { key, kind: delivery.kind, teamId: delivery.teamId, target: delivery.targetId };
    let composed: Outgoing | undefined;
    let dmChannel: string | undefined;
    let failures = 0;
    for (;;) {
      const now = this.deps.now();
      if (this.stopping) return 'stopped'; // still claimed: stop hands it back, another process sends it
      if (now.getTime() - slot.at.getTime() > this.options.graceMs()) {
        await ledger.markFailed(key, 'expired: the grace window closed while retrying');
        this.deps.logger.error(context, 'nudge not sent within the grace window; giving up');
        return 'failed';
      }
      if (this.tokenRefused.has(delivery.teamId)) {
        await ledger.markFailed(key, 'token refused');
        return 'failed';
      }
      try {
        await this.options.pacer.ready(delivery.kind === 'channel' ? delivery.targetId : `dm:${delivery.targetId}`);
      } catch {
        return 'stopped';
      }
      composed ??= await composeDelivery(this.deps, this.options, slot, now);
      let stage: 'open' | 'post' = 'open';
      try {
        const client = await this.options.clientFor(delivery.teamId);
        if (slot.target.kind !== 'channel') dmChannel ??= await this.dmChannel(client, slot.target);
        if (job.attempts >= MAX_UNCERTAIN_POSTS) return await this.giveUp(job, context);
        if (this.stopping) return 'stopped';
        stage = 'post';
        this.enterSending(key, delivery.kind);
        if (!(await ledger.markSending(key))) return await this.notSending(job, context);
        if (this.abandoned.has(key)) {
          await ledger.markRefused(key, 'stopped before posting'); // nothing went out: not an attempt
          return 'stopped';
        }
        job.attempts++;
        const result = await client.chat.postMessage({
          channel: slot.target.kind === 'channel' ? slot.target.channelId : (dmChannel as string),
          text: composed.message.text,
          blocks: composed.message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        });
        if (this.abandoned.has(key)) return 'stopped';
        if (!(await ledger.markSent(key, result.ts ?? null))) {
          this.deps.logger.warn(context, 'nudge posted, but the claim had been taken over meanwhile');
        }
      } catch (error) {
        // A retry asks Slack for the DM channel again rather than trusting a remembered one.
        if (slot.target.kind !== 'channel') this.dmChannels.delete(`${slot.target.teamId}:${slot.target.userId}`);
        dmChannel = undefined;
        if (this.abandoned.has(key)) return 'stopped';
        const failure = classifySlackError(error, delivery.kind);
        const outcome = await this.handleFailure(job, failure, stage, ++failures, context);
        if (outcome) return outcome;
        continue;
      } finally {
        if (stage === 'post') this.leaveSending(key);
      }
      await this.afterSent(job, composed, context);
      return 'sent';
    }
  }

  /**
   * Stop: no new posts; waits up to `waitMs` for posts in flight, then records each one still unanswered as
   * uncertain (it may have reached Slack), so no `sending` row of this process is left behind. Returns how many
   * were recorded so.
   */
  async settle(waitMs: number): Promise<number> {
    this.stopping = true;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise((resolve) => (timer = setTimeout(resolve, waitMs)));
    await Promise.race([Promise.allSettled([...this.sending.values()].map((phase) => phase.done)), waited]);
    clearTimeout(timer);
    const unanswered = [...this.sending.entries()];
    for (const [key, phase] of unanswered) {
      this.abandoned.add(key);
      try {
        await this.options.ledger.markUncertain(key, 'stopped while the post was in flight');
        this.metrics.deliveryOutcome('uncertain', phase.kind);
        this.deps.logger.warn({ key }, 'stopped with a nudge post unanswered; counted as one that may have landed');
      } catch (error) {
        // The store is gone: the row stays `sending`, and its expired lease counts it as uncertain anyway.
        this.deps.logger.error({ err: error, key }, 'could not record an unanswered nudge post');
      }
    }
    return unanswered.length;
  }

  /** From just before `markSending` until the row leaves `sending` again, the delivery is tracked for settle. */
  private enterSending(key: string, kind: DeliveryKind): void {
    let leave: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      leave = resolve;
    });
    this.sending.set(key, { kind, done, leave });
  }

  private leaveSending(key: string): void {
    this.sending.get(key)?.leave();
    this.sending.delete(key);
  }

  /** markSending said no: either the claim moved to someone else, or the store's bound on posts was reached. */
  private async notSending(job: Job, context: object): Promise<Outcome> {
    const row = await this.deps.store.nudges.getDelivery(job.delivery.key);
    if (row?.owner === this.options.ledger.owner && row.status === 'claimed') {
      job.attempts = row.attempts;
      return this.giveUp(job, context);
    }
    this.deps.logger.warn(context, 'lost the claim on a nudge (another process took it over); not sending');
    return 'taken';
  }

  private async dmChannel(client: WebClient, target: { teamId: string; userId: string }): Promise<string> {
    const cacheKey = `${target.teamId}:${target.userId}`;
    const known = this.dmChannels.get(cacheKey);
    if (known) return known;
    const opened = await client.conversations.open({ users: target.userId });
    const id = opened.channel?.id;
    if (!id) throw Object.assign(new Error('no DM channel'), { code: 'no_channel' });
    if (this.dmChannels.size >= DM_CACHE_MAX) this.dmChannels.clear();
    this.dmChannels.set(cacheKey, id);
    return id;
  }

  /** After the ledger says sent: the channel's line joins its history, and a person's zone is refreshed. */
  private async afterSent(job: Job, composed: Outgoing, context: object): Promise<void> {
    const { store, logger } = this.deps;
    const { slot, delivery } = job;
    if (slot.target.kind === 'channel' && composed.line) {
      const at = this.deps.now().toISOString();
      await store.history.record(slot.target.teamId, slot.target.channelId, HISTORY_KIND, composed.line.id, at);
    }
    logger.info({ ...context, slot: delivery.slotAt }, 'nudge sent');
    if (slot.target.kind !== 'channel' && !this.stopping)
      await this.refreshZone(slot.target.teamId, slot.target.userId);
  }

  private async giveUp(job: Job, context: object): Promise<Outcome> {
    await this.options.ledger.markFailed(job.delivery.key, 'gave up: two posts may have reached Slack');
    this.deps.logger.error(context, 'nudge given up: two earlier posts ended without an answer from Slack');
    return 'failed';
  }

  /** Returns an outcome to stop retrying, or undefined to try again (after any wait it already did). */
  private async handleFailure(
    job: Job,
    failure: SlackFailure,
    stage: 'open' | 'post',
    failures: number,
    context: object,
  ): Promise<Outcome | undefined> {
    const { ledger, pacer } = this.options;
    const { logger } = this.deps;
    const key = job.delivery.key;
    const posted = stage === 'post';
    switch (failure.type) {
      case 'rate_limited':
      case 'refused':
      case 'uncertain': {
        const limited = failure.type === 'rate_limited';
        if (posted && failure.type !== 'uncertain') job.attempts--;
        const waitMs = limited
          ? failure.retryAfterMs
          : Math.min(MAX_BACKOFF_MS, this.options.retryBaseMs * 2 ** Math.min(failures - 1, 6));
        if (limited) pacer.pauseAll(waitMs);
        const held = !posted
          ? await ledger.renew(key, waitMs)
          : failure.type === 'uncertain'
            ? await ledger.markUncertain(key, failure.error, waitMs)
            : await ledger.markRefused(key, failure.error, waitMs);
        if (posted && failure.type === 'uncertain') this.metrics.deliveryOutcome('uncertain', job.delivery.kind);
        if (!held) return 'taken';
        logger.warn({ ...context, error: failure.error, retryInMs: waitMs }, 'a nudge failed; retrying');
        if (limited) return undefined; // the pacer holds everyone back until Retry-After
        try {
          await pacer.sleep(waitMs);
        } catch {
          return 'stopped';
        }
        return undefined;
      }
      case 'gone': {
        await ledger.markFailed(key, failure.error);
        const client = await this.options.clientFor(job.delivery.teamId);
        const result = await targetGone(
          this.deps,
          client,
          job.slot.target,
          failure.error,
          this.deps.now(),
          this.options.botName,
        );
        if (result === 'token') this.tokenRefused.add(job.delivery.teamId);
        return 'failed';
      }
      case 'token':
        this.tokenRefused.add(job.delivery.teamId);
        await ledger.markFailed(key, failure.error);
        logger.error(
          { ...context, error: failure.error },
          'Slack refused the bot token while sending nudges: check SLACK_BOT_TOKEN (reinstall the app if it was revoked)',
        );
        return 'failed';
      case 'fatal':
        await ledger.markFailed(key, failure.error);
        logger.error({ ...context, error: failure.error }, 'Slack refused a nudge; not retrying');
        return 'failed';
    }
  }

  private async refreshZone(teamId: string, userId: string): Promise<void> {
    const { store, logger, now, config } = this.deps;
    const cached = await cachedZone({ store, now, fallbackZone: config.nudge.timezone }, { teamId, userId });
    if (cached.source === 'override' || !cached.stale) return;
    const client = await this.options.clientFor(teamId);
    await resolveZone({ store, client, logger, now, fallbackZone: config.nudge.timezone }, { teamId, userId });
  }
}
