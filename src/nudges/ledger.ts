import type { Logger } from '../logger.js';
import { type Metrics, noopMetrics } from '../metrics.js';
import type { Delivery, NewDelivery, NudgeRepository } from '../store/types.js';

/**
 * The delivery ledger as one process sees it: its owner id, its lease length, and the claims it holds. Every
 * call is fenced by the owner in the store (see NudgeRepository in src/store/types.ts, which states the contract
 * both stores implement); leases are durations that the store's clock turns into instants.
 *
 * While this process holds claims, one timer renews all of them (a single statement) every third of a lease, so
 * a long fan-out is never taken over from a live process; a dead process stops renewing and its claims expire.
 */
export class DeliveryLedger {
  readonly owner: string;
  readonly leaseMs: number;
  private readonly repo: NudgeRepository;
  private readonly logger: Logger;
  private readonly metrics: Metrics;
  private held = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(repo: NudgeRepository, owner: string, leaseMs: number, logger: Logger, metrics: Metrics = noopMetrics) {
    this.repo = repo;
    this.metrics = metrics;
    this.owner = owner;
    this.leaseMs = leaseMs;
    this.logger = logger;
  }

  /** Claims this process works on right now (metrics, tests). */
  get holding(): number {
    return this.held;
  }

  enqueue(deliveries: readonly NewDelivery[]): Promise<number> {
    return this.repo.enqueue(deliveries);
  }

  recordSkipped(delivery: NewDelivery, reason: string): Promise<boolean> {
    return this.repo.recordSkipped(delivery, reason);
  }

  expire(graceMs: number): Promise<Delivery[]> {
    return this.repo.expire(graceMs);
  }

  /** Claims one delivery directly ("send now"); false when it already had a row. */
  claimOne(delivery: NewDelivery): Promise<boolean> {
    return this.repo.claim(delivery, this.owner, this.leaseMs);
  }

  claimBatch(limit: number, graceMs: number): Promise<Delivery[]> {
    return this.repo.claimBatch(this.owner, limit, this.leaseMs, graceMs);
  }

  /** Keeps the lease `extraMs` longer than usual (a 429's Retry-After, a back-off). */
  renew(key: string, extraMs = 0): Promise<boolean> {
    return this.repo.renew(key, this.owner, this.leaseMs + extraMs);
  }

  markSending(key: string): Promise<boolean> {
    return this.repo.markSending(key, this.owner, this.leaseMs);
  }

  markRefused(key: string, error: string, extraMs = 0): Promise<boolean> {
    return this.repo.markRefused(key, this.owner, this.leaseMs + extraMs, error);
  }

  markUncertain(key: string, error: string, extraMs = 0): Promise<boolean> {
    return this.repo.markUncertain(key, this.owner, this.leaseMs + extraMs, error);
  }

  markSent(key: string, messageTs: string | null): Promise<boolean> {
    return this.repo.markSent(key, this.owner, messageTs);
  }

  markFailed(key: string, error: string): Promise<boolean> {
    return this.repo.markFailed(key, this.owner, error);
  }

  /** Hands every unstarted claim back to the pool at once (graceful stop). */
  release(): Promise<number> {
    return this.repo.release(this.owner);
  }

  /** Counts a claim as held until the returned function is called; renews leases meanwhile. */
  hold(): () => void {
    this.held++;
    this.metrics.claimsHeld(this.held);
    if (!this.timer) {
      this.timer = setInterval(() => this.renewAll(), Math.max(1000, Math.floor(this.leaseMs / 3)));
      this.timer.unref();
    }
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.held--;
      this.metrics.claimsHeld(this.held);
      if (this.held === 0) this.stopRenewing();
    };
  }

  stopRenewing(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private renewAll(): void {
    this.repo
      .renewAll(this.owner, this.leaseMs)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not renew nudge leases'));
  }
}
