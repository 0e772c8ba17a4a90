import type { NewDelivery } from '../store/types.js';
import { deliveryFor, latestSlot, type Target } from './due.js';

/**
 * The pure planner: which slot of each target is owed now, and which was missed. No store, no clock of its
 * own: the scheduler passes the window, read from the store's clock.
 *
 * - due: the latest slot in (sendFrom, now]; earlier ones in the grace window are superseded by it (one nudge per
 *   target per night, and a late cron slot is replaced by the next).
 * - missed: the latest slot in (lookFrom, sendFrom], older than the grace window: recorded as skipped, never sent.
 */
export type PlanWindow = {
  now: Date;
  /** now - grace window: slots at or before it are too late to send. */
  sendFrom: Date;
  /** Where the look for missed slots starts (the previous tick, or a day back on start-up). */
  lookFrom: Date;
};

export type Plan = {
  due: NewDelivery[];
  missed: NewDelivery[];
  /** Targets whose slots could not be worked out (a corrupt time); the rest are still planned. */
  problems: Array<{ target: Target; error: unknown }>;
};

export function planSlots(targets: readonly Target[], window: PlanWindow): Plan {
  const plan: Plan = { due: [], missed: [], problems: [] };
  for (const target of targets) {
    try {
      if (window.lookFrom < window.sendFrom) {
        const missed = latestSlot(target, window.lookFrom, window.sendFrom);
        if (missed) plan.missed.push(deliveryFor(missed));
      }
      const slot = latestSlot(target, window.sendFrom, window.now);
      if (slot) plan.due.push(deliveryFor(slot));
    } catch (error) {
      plan.problems.push({ target, error });
    }
  }
  return plan;
}
