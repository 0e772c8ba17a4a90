import { digestSlotsBetween, nextDigestAt } from '../features/digest/schedule.js';
import type { NewDelivery } from '../store/types.js';
import type { CronSchedule } from './cron.js';
import { type DailySlot, dailySlotsBetween, isWeekendNight, nextDailySlot } from './time.js';

/**
 * Who gets a nudge and when, as plain data, and the pure question "which slot of this target is due in a
 * window". The scheduler loads targets from the store and config; everything here is testable with dates.
 */

export type ChannelTarget = {
  kind: 'channel';
  teamId: string;
  channelId: string;
  zone: string;
  /** A daily HH:MM (channels that ran `/nudge here`), or the NUDGE_SCHEDULE cron (the env channel). */
  time?: string;
  cron?: CronSchedule;
  /** Slots at or before this instant are not owed (the nudge was turned on or changed after them). */
  since: Date;
  setBy: string | null;
  /** True for NUDGE_CHANNEL running on the environment's schedule. */
  env: boolean;
};

export type PersonTarget = {
  kind: 'person';
  teamId: string;
  userId: string;
  zone: string;
  time: string;
  weekends: boolean;
  resumeOn: string | null;
  since: Date;
};

/**
 * A person's Monday digest (src/features/digest): Monday 09:00 on their clock, one per week (its night is the
 * Monday). A kind of its own, so the sender composes a digest for it and never a nudge, and the other way round.
 */
export type DigestTarget = {
  kind: 'digest';
  teamId: string;
  userId: string;
  zone: string;
  since: Date;
};

export type Target = ChannelTarget | PersonTarget | DigestTarget;

export type DueSlot = { target: Target; at: Date; night: string | null };

export function targetId(target: Target): string {
  return target.kind === 'channel' ? target.channelId : target.userId;
}

/** Nights a person wants a nudge on: not paused, and weekends only if asked. */
export function acceptsNight(target: Target): (night: string) => boolean {
  if (target.kind !== 'person') return () => true;
  return (night) => {
    if (!target.weekends && isWeekendNight(night)) return false;
    if (target.resumeOn && night < target.resumeOn) return false;
    return true;
  };
}

/** The latest slot of the target in (from, to] that is also after `since`; earlier ones are superseded. */
export function latestSlot(target: Target, from: Date, to: Date): DueSlot | undefined {
  const start = new Date(Math.max(from.getTime(), target.since.getTime()));
  if (to.getTime() <= start.getTime()) return undefined;
  if (target.kind === 'digest') {
    const slot = digestSlotsBetween(target.zone, start, to).at(-1);
    return slot ? { target, at: slot.at, night: slot.night } : undefined;
  }
  if (target.kind === 'channel' && target.cron) {
    const at = target.cron.latestBetween(start, to);
    return at ? { target, at, night: null } : undefined;
  }
  const time = target.time;
  if (!time) return undefined;
  const slots: DailySlot[] = dailySlotsBetween(time, target.zone, start, to, acceptsNight(target));
  const last = slots[slots.length - 1];
  return last ? { target, at: last.at, night: last.night } : undefined;
}

/** The next slot strictly after `after` (for `/nudge status` and answers), ignoring `since`. */
export function nextSlot(target: Target, after: Date): Date | undefined {
  if (target.kind === 'channel' && target.cron) return target.cron.nextAfter(after);
  if (target.kind === 'digest') return nextDigestAt(target.zone, after);
  if (!target.time) return undefined;
  return nextDailySlot(target.time, target.zone, after, acceptsNight(target))?.at;
}

/** The delivery key: target and scheduled slot in UTC. */
export function deliveryKey(kind: Target['kind'], teamId: string, id: string, at: Date): string {
  return `${kind}:${teamId}:${id}:${at.toISOString()}`;
}

export function deliveryFor(slot: DueSlot): NewDelivery {
  const id = targetId(slot.target);
  return {
    key: deliveryKey(slot.target.kind, slot.target.teamId, id, slot.at),
    teamId: slot.target.teamId,
    kind: slot.target.kind,
    targetId: id,
    slotAt: slot.at.toISOString(),
    night: slot.night,
  };
}
