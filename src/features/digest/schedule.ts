import { type DailySlot, dailySlotsBetween, nextDailySlot } from '../../nudges/time.js';

/**
 * When the Monday digest is due: 09:00 on Monday on the person's own clock. Built on the nudges' daily slots
 * (src/nudges/time.ts: local wall time → instant through luxon, so a DST change moves the instant, never the
 * wall time). The slot's `night` is its Monday: the delivery ledger's one-per-(target, night) unique index then
 * allows one digest per person per week, even when their zone changes on a Monday.
 */
export const DIGEST_TIME = '09:00';
export const DIGEST_KIND = 'digest';

const isMonday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() === 1;

/** Monday 09:00 slots in (from, to] in `zone`, oldest first. */
export function digestSlotsBetween(zone: string, from: Date, to: Date): DailySlot[] {
  return dailySlotsBetween(DIGEST_TIME, zone, from, to, isMonday);
}

/** The next digest strictly after `after` (for the answer to `/nudge me digest on`). */
export function nextDigestAt(zone: string, after: Date): Date | undefined {
  return nextDailySlot(DIGEST_TIME, zone, after, isMonday, 8)?.at;
}

export type DigestDue = { key: string; teamId: string; userId: string; slotAt: string; night: string };

/**
 * The digest owed to a person in (from, to]: the latest Monday slot after they turned it on (`since`); an
 * earlier one in the window is superseded, as with nudges. The key names the slot in UTC.
 */
export function dueDigest(
  target: { teamId: string; userId: string; zone: string; since: Date },
  from: Date,
  to: Date,
): DigestDue | undefined {
  const start = new Date(Math.max(from.getTime(), target.since.getTime()));
  const slot = digestSlotsBetween(target.zone, start, to).at(-1);
  if (!slot) return undefined;
  const slotAt = slot.at.toISOString();
  return {
    key: `${DIGEST_KIND}:${target.teamId}:${target.userId}:${slotAt}`,
    teamId: target.teamId,
    userId: target.userId,
    slotAt,
    night: slot.night,
  };
}
