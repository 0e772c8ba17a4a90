import { setTimeout as delay } from 'node:timers/promises';

/**
 * Paces a fan-out of Web API calls: at most `concurrency` deliveries at once, at least `spacingMs` between two
 * calls to the same channel (Slack allows about one message per second per channel), and a pause for everyone
 * when Slack answers 429 (its Retry-After applies to the method, not to one message).
 *
 * Real time on purpose: this is I/O pacing, not scheduling. `monotonic` and `sleep` can be replaced in tests.
 */
export type PacerOptions = {
  concurrency: number;
  spacingMs: number;
  monotonic?: () => number;
  /** Resolves after `ms`, or rejects when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
};

export class Pacer {
  private readonly concurrency: number;
  private readonly spacingMs: number;
  private readonly monotonic: () => number;
  private readonly sleepFn: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly waiting: Array<() => void> = [];
  private readonly lastCall = new Map<string, number>();
  private readonly abort = new AbortController();
  private inFlight = 0;
  private pausedUntil = 0;
  /** The most deliveries that ever ran at once (observability, and tests). */
  peak = 0;

  constructor(options: PacerOptions) {
    this.concurrency = Math.max(1, options.concurrency);
    this.spacingMs = Math.max(0, options.spacingMs);
    this.monotonic = options.monotonic ?? (() => performance.now());
    this.sleepFn = options.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** Runs `task` when a concurrency slot is free. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight++;
    this.peak = Math.max(this.peak, this.inFlight);
    try {
      return await task();
    } finally {
      this.inFlight--;
      this.waiting.shift()?.();
    }
  }

  /** Waits until a call to `channel` is allowed, then books it. Rejects once the pacer is closed. */
  async ready(channel: string): Promise<void> {
    for (;;) {
      const now = this.monotonic();
      const last = this.lastCall.get(channel);
      const readyAt = Math.max(this.pausedUntil, last === undefined ? 0 : last + this.spacingMs);
      if (readyAt <= now) {
        this.lastCall.set(channel, now);
        if (this.lastCall.size > 10_000) this.forgetOld(now);
        return;
      }
      await this.sleep(readyAt - now);
    }
  }

  /** Slack said 429: nobody calls again for `ms`. */
  pauseAll(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.monotonic() + ms);
  }

  /** Sleeps, but wakes (rejecting) when the pacer is closed. */
  sleep(ms: number): Promise<void> {
    return this.sleepFn(Math.max(0, ms), this.abort.signal);
  }

  /** Wakes every sleeper with a rejection; used on shutdown. */
  close(): void {
    this.abort.abort();
  }

  private forgetOld(now: number): void {
    for (const [channel, at] of this.lastCall) if (now - at > this.spacingMs) this.lastCall.delete(channel);
  }
}
