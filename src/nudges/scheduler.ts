import { randomBytes } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { SlackIdentity } from '../app.js';
import type { AppDeps } from '../deps.js';
import { type Metrics, noopMetrics } from '../metrics.js';
import { resolveZone } from '../people/zone.js';
import type { Delivery, NewDelivery, PersonKey } from '../store/types.js';
import { type DueSlot, deliveryFor, type Target } from './due.js';
import { DeliveryLedger } from './ledger.js';
import { type NudgeLine, nudgeLinesFrom } from './lines.js';
import { Pacer } from './pacer.js';
import { planSlots } from './planner.js';
import { type ClientFor, type Job, type Outcome, Sender } from './sender.js';
import { indexTargets, TargetSource } from './targets.js';

/**
 * The nudge scheduler: the flow of one tick, across any number of processes on one store.
 *
 *   targets (targets.ts) → planner (planner.ts, pure) → ledger (enqueue) → ledger (claimBatch) → sender
 *
 * - Every tick, each process plans the slots due in the grace window and ENQUEUES them: an insert-if-absent under
 *   the delivery key (target + slot in UTC) and a one-per-night unique index, so each slot gets one row however
 *   many processes plan it. Slots older than the grace window are recorded as skipped and logged.
 * - Then it CLAIMS pending deliveries in small batches (on Postgres `FOR UPDATE SKIP LOCKED`) while its sender has
 *   room, so a 5,000-DM fan-out spreads over every process. A claim is a lease, kept alive while this process
 *   works on it; every update is fenced by the owner id.
 * - Crash window. chat.postMessage has no idempotency key, so a post whose answer never came (crash, timeout,
 *   5xx, dropped connection) may have landed. We choose AT-LEAST-ONCE, BOUNDED: such a post is counted, and the
 *   store refuses any post beyond MAX_UNCERTAIN_POSTS (2) for one slot. A claim whose lease ran out is taken
 *   over: if it never reached `sending` nothing was posted; if it was `sending`, that post counts. A missing nudge
 *   would go unnoticed; a duplicate is visible and bounded.
 * - Graceful stop settles every post in flight (waits, then records the unanswered ones as uncertain) and hands
 *   unstarted claims back at once, so no `sending` row is left behind and other processes carry on immediately.
 */

export type TickReport = {
  sent: number;
  failed: number;
  skipped: number;
  taken: number;
  reclaimed: number;
  /** Deliveries this tick added to the shared queue (others may have added the rest). */
  queued: number;
};

/** One client for the one workspace, or a provider of each workspace's client (OAuth installs). */
export type SlackClients = WebClient | ClientFor;

/**
 * Deliveries in flight at once. Slack answers in 100–300 ms, so a person nudge (open the DM, post) takes about
 * half a second: 24 at once keeps 5,000 DMs within minutes; Slack's 429s, not this number, set the pace beyond.
 */
const DEFAULT_CONCURRENCY = 24;
export const DEFAULT_LEASE_MS = 2 * 60_000;
const DEFAULT_LOOKBACK_MS = 24 * 60 * 60_000;
/** Targets planned between two yields to the event loop (slash commands keep being answered meanwhile). */
const PLAN_CHUNK = 500;

export type SchedulerOptions = {
  /** The article lines a channel nudge rotates through; by default the on-topic ones of `deps.corpus`. */
  lines?: readonly NudgeLine[];
  /** This process's id in claims; random by default. */
  owner?: string;
  leaseMs?: number;
  concurrency?: number;
  /** Claims held beyond those in flight (taken from the shared queue in batches); default `concurrency`. */
  batchSize?: number;
  channelSpacingMs?: number;
  /** How far back the first tick looks for slots to record as skipped. */
  lookbackMs?: number;
  /** Upper bound on waiting for in-flight posts at stop(); unanswered ones are then recorded as uncertain. */
  stopWaitMs?: number;
  pacer?: Pacer;
  /** The bot's display name, for "/invite @Lights Out". */
  botName?: string;
  /** First back-off after a failed call (doubles per failure, at most a minute); tests shorten it. */
  retryBaseMs?: number;
};

export class NudgeScheduler {
  readonly owner: string;
  readonly pacer: Pacer;
  readonly ledger: DeliveryLedger;
  readonly targets: TargetSource;
  private readonly deps: AppDeps;
  private readonly sender: Sender;
  private readonly lookbackMs: number;
  private readonly stopWaitMs: number;
  private readonly batchSize: number;
  private readonly active = new Set<Promise<Outcome>>();
  private lastTick: Date | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private queuedCronTick: Promise<TickReport> | undefined;
  private stopping = false;
  /** One stop for every caller: a second stop() waits for the first to finish settling. */
  private stopRun: Promise<void> | undefined;
  private onStop: () => void = () => undefined;
  private readonly stopped = new Promise<void>((resolve) => {
    this.onStop = resolve;
  });

  constructor(deps: AppDeps, clients: SlackClients, identity: SlackIdentity, options: SchedulerOptions = {}) {
    this.deps = deps;
    this.owner = options.owner ?? `nudger-${randomBytes(6).toString('hex')}`;
    this.lookbackMs = options.lookbackMs ?? DEFAULT_LOOKBACK_MS;
    this.stopWaitMs = options.stopWaitMs ?? 3000;
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.batchSize = Math.max(1, options.batchSize ?? concurrency);
    this.pacer = options.pacer ?? new Pacer({ concurrency, spacingMs: options.channelSpacingMs ?? 1000 });
    const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.ledger = new DeliveryLedger(deps.store.nudges, this.owner, leaseMs, deps.logger, deps.metrics);
    const clientFor: ClientFor = typeof clients === 'function' ? clients : async () => clients;
    const { store, logger, now, config } = deps;
    const askZone = async (person: PersonKey) =>
      (
        await resolveZone(
          { store, client: await clientFor(person.teamId), logger, now, fallbackZone: config.nudge.timezone },
          person,
        )
      ).zone;
    this.targets = new TargetSource(deps, identity.teamId, askZone);
    this.sender = new Sender(deps, {
      ledger: this.ledger,
      pacer: this.pacer,
      clientFor,
      lines: options.lines ?? nudgeLinesFrom(deps.corpus),
      graceMs: () => this.graceMs,
      botName: options.botName ?? 'Lights Out',
      retryBaseMs: options.retryBaseMs ?? 1000,
    });
    if (deps.config.nudge.channel && !identity.teamId) {
      deps.logger.warn(
        { channel: deps.config.nudge.channel },
        'NUDGE_CHANNEL is set but the workspace id is unknown; its nudge is off',
      );
    }
  }

  private get metrics(): Metrics {
    return this.deps.metrics ?? noopMetrics;
  }

  private get graceMs(): number {
    return this.deps.config.nudge.graceMinutes * 60_000;
  }

  /**
   * Plans and sends everything due at `now` (default: the store's clock). Ticks never overlap: a call made while
   * one runs waits for it; cron-driven calls made while one is already waiting share that one.
   */
  tick(now?: Date): Promise<TickReport> {
    if (!now && this.queuedCronTick) return this.queuedCronTick;
    const run = this.chain.then(() => {
      if (!now) this.queuedCronTick = undefined;
      return this.runTick(now);
    });
    if (!now) this.queuedCronTick = run;
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async runTick(given: Date | undefined): Promise<TickReport> {
    const report: TickReport = { sent: 0, failed: 0, skipped: 0, taken: 0, reclaimed: 0, queued: 0 };
    if (this.stopping) return report;
    this.sender.newTick();
    const { logger } = this.deps;
    const now = given ?? (await this.deps.store.nudges.clock());
    for (const row of await this.ledger.expire(this.graceMs)) {
      const outcome = row.status === 'skipped' ? 'skipped' : 'failed';
      report[outcome]++;
      this.metrics.deliveryOutcome(outcome, row.kind);
      logger.error({ key: row.key, status: row.status, error: row.error }, 'nudge delivery given up');
    }
    const targets = await this.targets.load(now);
    report.queued = await this.enqueueDue(targets, now, report);
    await this.drain(targets, report);
    if (report.queued + report.sent + report.failed + report.taken > 0) {
      logger.info({ at: now.toISOString(), ...report }, 'nudge tick');
    }
    return report;
  }

  /** Plans every target's due slot and adds the new ones to the shared queue; records missed slots as skipped. */
  private async enqueueDue(targets: readonly Target[], now: Date, report: TickReport): Promise<number> {
    const { logger } = this.deps;
    const sendFrom = new Date(now.getTime() - this.graceMs);
    const lookFrom = this.lastTick && this.lastTick < now ? this.lastTick : new Date(now.getTime() - this.lookbackMs);
    this.lastTick = now;
    const due: NewDelivery[] = [];
    const skippedKeys: string[] = [];
    for (let start = 0; start < targets.length; start += PLAN_CHUNK) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      const plan = planSlots(targets.slice(start, start + PLAN_CHUNK), { now, sendFrom, lookFrom });
      for (const { target, error } of plan.problems) {
        logger.error({ err: error, teamId: target.teamId, kind: target.kind }, 'could not work out a nudge slot');
      }
      for (const missed of plan.missed) {
        if (!(await this.ledger.recordSkipped(missed, 'missed: too late'))) continue;
        report.skipped++;
        this.metrics.deliveryOutcome('skipped', missed.kind);
        if (skippedKeys.length < 20) skippedKeys.push(missed.key);
      }
      due.push(...plan.due);
    }
    if (skippedKeys.length > 0) {
      logger.warn(
        { count: report.skipped, keys: skippedKeys, graceMinutes: this.deps.config.nudge.graceMinutes },
        'nudges were missed while Lights Out was not running and are too late to send; skipped',
      );
    }
    return this.ledger.enqueue(due);
  }

  /** Claims pending (or abandoned) deliveries in batches while the sender has room, until none are left. */
  private async drain(targets: readonly Target[], report: TickReport): Promise<void> {
    let targetOf = indexTargets(targets);
    let reloaded = false;
    const running = new Set<Promise<unknown>>();
    while (!this.stopping) {
      if (running.size < this.batchSize) {
        const rows = await this.ledger.claimBatch(this.batchSize - running.size, this.graceMs);
        for (const row of rows) {
          let target = targetOf(row);
          if (!target && !reloaded) {
            // Another process may have planned a target turned on after this tick read the settings.
            reloaded = true;
            targetOf = indexTargets(await this.targets.load(new Date(row.slotAt)));
            target = targetOf(row);
          }
          const job = this.jobFor(row, target, report);
          if (!job) continue;
          const run = this.schedule(job).then((outcome) => {
            if (outcome !== 'stopped') report[outcome]++;
          });
          running.add(run);
          void run.finally(() => running.delete(run));
        }
      }
      if (running.size === 0) return;
      await Promise.race([...running, this.stopped]);
    }
    // Stopping: stop() settles what is still running; the tick need not wait for it.
  }

  private jobFor(row: Delivery, target: Target | undefined, report: TickReport): Job | undefined {
    const { logger } = this.deps;
    if (row.reclaims > 0 && row.attempts > 0) {
      report.reclaimed++;
      logger.warn(
        { key: row.key, attempts: row.attempts, reclaims: row.reclaims },
        'taking over a nudge whose process stopped mid-send; retrying it once (it may arrive twice)',
      );
    }
    if (!target) {
      this.metrics.deliveryOutcome('failed', row.kind);
      void this.ledger.markFailed(row.key, 'turned off before it could be sent').catch(() => undefined);
      return undefined;
    }
    const { key, teamId, kind, targetId, slotAt, night } = row;
    return {
      slot: { target, at: new Date(slotAt), night },
      delivery: { key, teamId, kind, targetId, slotAt, night },
      attempts: row.attempts,
    };
  }

  /** Posts a channel's nudge now, as tonight's would be. Resolves when sent; throws if it could not be. */
  async sendChannelNow(teamId: string, channelId: string): Promise<void> {
    const target = await this.targets.channel(teamId, channelId);
    await this.sendNow({ target, at: this.thisSecond(), night: null });
  }

  /** Sends a person's DM nudge now. */
  async sendPersonNow(teamId: string, userId: string): Promise<void> {
    const target = await this.targets.person(teamId, userId);
    await this.sendNow({ target, at: this.thisSecond(), night: null });
  }

  private thisSecond(): Date {
    return new Date(Math.floor(this.deps.now().getTime() / 1000) * 1000);
  }

  private async sendNow(slot: DueSlot): Promise<void> {
    const delivery = deliveryFor(slot);
    if (this.stopping) throw new Error('The nudge was not sent (stopping).');
    // Someone else already holds this very second's nudge: it is theirs to send.
    if (!(await this.ledger.claimOne(delivery))) return;
    const outcome = await this.schedule({ slot, delivery, attempts: 0 });
    if (outcome !== 'sent' && outcome !== 'taken') {
      const row = await this.deps.store.nudges.getDelivery(delivery.key);
      throw new Error(`The nudge was not sent (${row?.error ?? outcome}).`);
    }
  }

  /** Runs a claimed job on the pacer, holding its lease, and tracks it for stop(). */
  private schedule(job: Job): Promise<Outcome> {
    const release = this.ledger.hold();
    const run = this.pacer
      .run(() => this.sender.deliver(job))
      .catch((error: unknown) => {
        this.deps.logger.error({ err: error, key: job.delivery.key }, 'nudge delivery crashed');
        return 'failed' as Outcome;
      });
    this.active.add(run);
    void run.finally(() => {
      this.active.delete(run);
      release();
    });
    return run;
  }

  /**
   * Stops: no new ticks or posts. Every post in flight is settled (answered within `stopWaitMs`, or recorded as
   * uncertain), then unstarted claims go back to the queue at once, all before the caller closes the store.
   */
  stop(): Promise<void> {
    this.stopping = true;
    this.stopRun ??= this.settleAndRelease();
    return this.stopRun;
  }

  private async settleAndRelease(): Promise<void> {
    this.onStop();
    this.pacer.close();
    const deadline = Date.now() + this.stopWaitMs;
    await this.sender.settle(this.stopWaitMs);
    // Deliveries unwind quickly now (no post starts); wait for their last writes, within what is left.
    let timer: NodeJS.Timeout | undefined;
    const rest = new Promise((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now()))));
    await Promise.race([Promise.allSettled([...this.active]), rest]);
    clearTimeout(timer);
    this.ledger.stopRenewing();
    try {
      const released = await this.ledger.release();
      if (released > 0) this.deps.logger.info({ released }, 'handed unsent nudges back to the queue');
    } catch (error) {
      // Their leases run out instead, and another process takes them over then.
      this.deps.logger.error({ err: error }, 'could not hand unsent nudges back');
    }
  }

  /** Keeps the ledger small: rows for slots older than 35 days go. Run by one process at a time (src/jobs.ts). */
  async prune(now: Date): Promise<number> {
    const removed = await this.deps.store.nudges.prune(new Date(now.getTime() - 35 * 24 * 60 * 60_000).toISOString());
    if (removed > 0) this.deps.logger.debug({ removed }, 'pruned old nudge deliveries');
    return removed;
  }
}
