import type Database from 'better-sqlite3';
import type {
  ChannelNudge,
  Delivery,
  DeliveryKind,
  DeliveryStatus,
  NewDelivery,
  NudgeRepository,
  PersonNudge,
  PersonNudgeTarget,
} from './types.js';

/** Tables holding a person's nudge data, deleted by `/hours forget` (rows keyed by team_id and user_id). */
/** What `/hours forget` must also erase: the person's nudge settings and deliveries, and their name on channels. */
export const NUDGE_FORGET_SQL = [
  'DELETE FROM nudge_people WHERE team_id = ? AND user_id = ?',
  'DELETE FROM nudge_deliveries WHERE team_id = ? AND user_id = ?',
  'UPDATE nudge_channels SET set_by = NULL WHERE team_id = ? AND set_by = ?',
] as const;

type ChannelRow = {
  team_id: string;
  channel_id: string;
  enabled: number;
  time: string;
  zone: string;
  set_by: string | null;
  off_reason: string | null;
  updated_at: string;
};

type PersonRow = {
  team_id: string;
  user_id: string;
  enabled: number;
  time: string;
  weekends: number;
  resume_on: string | null;
  off_reason: string | null;
  updated_at: string;
};

type DeliveryRow = {
  key: string;
  team_id: string;
  kind: DeliveryKind;
  target_id: string;
  user_id: string | null;
  slot_at: string;
  night: string | null;
  status: DeliveryStatus;
  owner: string | null;
  lease_until: string | null;
  attempts: number;
  reclaims: number;
  error: string | null;
  message_ts: string | null;
  updated_at: string;
};

const toChannel = (row: ChannelRow): ChannelNudge => ({
  teamId: row.team_id,
  channelId: row.channel_id,
  enabled: row.enabled === 1,
  time: row.time,
  zone: row.zone,
  setBy: row.set_by,
  offReason: row.off_reason,
  updatedAt: row.updated_at,
});

const toPerson = (row: PersonRow): PersonNudge => ({
  teamId: row.team_id,
  userId: row.user_id,
  enabled: row.enabled === 1,
  time: row.time,
  weekends: row.weekends === 1,
  resumeOn: row.resume_on,
  offReason: row.off_reason,
  updatedAt: row.updated_at,
});

const toDelivery = (row: DeliveryRow): Delivery => ({
  key: row.key,
  teamId: row.team_id,
  kind: row.kind,
  targetId: row.target_id,
  slotAt: row.slot_at,
  night: row.night,
  status: row.status,
  owner: row.owner,
  leaseUntil: row.lease_until,
  attempts: row.attempts,
  reclaims: row.reclaims,
  error: row.error,
  messageTs: row.message_ts,
  updatedAt: row.updated_at,
});

/** A `sending` claim whose process died is taken over only while fewer than this many posts may have landed. */
export const MAX_UNCERTAIN_POSTS = 2;

/**
 * The nudge repository on the store's better-sqlite3 handle. Every statement rides an index (see
 * 003_nudges.sql and the EXPLAIN QUERY PLAN test); claims rely on the primary key and the per-night unique
 * index, so two processes on one file can never both own a slot.
 */
export function sqliteNudgeRepository(db: Database.Database): NudgeRepository {
  const upsertChannel = db.prepare<[string, string, string, string, string, string]>(
    `INSERT INTO nudge_channels (team_id, channel_id, enabled, time, zone, set_by, off_reason, updated_at)
     VALUES (?, ?, 1, ?, ?, ?, NULL, ?)
     ON CONFLICT (team_id, channel_id) DO UPDATE SET enabled = 1, time = excluded.time, zone = excluded.zone,
       set_by = excluded.set_by, off_reason = NULL, updated_at = excluded.updated_at`,
  );
  const selectChannel = db.prepare<[string, string], ChannelRow>(
    'SELECT * FROM nudge_channels WHERE team_id = ? AND channel_id = ?',
  );
  const offChannel = db.prepare<[string, string, string, string, string | null, string]>(
    `INSERT INTO nudge_channels (team_id, channel_id, enabled, time, zone, set_by, off_reason, updated_at)
     VALUES (?, ?, 0, ?, ?, NULL, ?, ?)
     ON CONFLICT (team_id, channel_id) DO UPDATE SET enabled = 0, off_reason = excluded.off_reason,
       updated_at = excluded.updated_at`,
  );
  const listChannels = db.prepare<[string], ChannelRow>(
    'SELECT * FROM nudge_channels WHERE team_id = ? ORDER BY channel_id',
  );
  const enabledChannels = db.prepare<[], ChannelRow>('SELECT * FROM nudge_channels WHERE enabled = 1');
  const selectPerson = db.prepare<[string, string], PersonRow>(
    'SELECT * FROM nudge_people WHERE team_id = ? AND user_id = ?',
  );
  const upsertPerson = db.prepare<[string, string, number, string, number, string | null, string | null, string]>(
    `INSERT INTO nudge_people (team_id, user_id, enabled, time, weekends, resume_on, off_reason, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (team_id, user_id) DO UPDATE SET enabled = excluded.enabled, time = excluded.time,
       weekends = excluded.weekends, resume_on = excluded.resume_on, off_reason = excluded.off_reason,
       updated_at = excluded.updated_at`,
  );
  const enabledPeople = db.prepare<[], PersonRow & { tz_override: string | null; slack_tz: string | null }>(
    `SELECT n.*, p.tz_override, p.slack_tz FROM nudge_people n
     LEFT JOIN people p ON p.team_id = n.team_id AND p.user_id = n.user_id
     WHERE n.enabled = 1`,
  );
  const countPeople = db.prepare<[string], { count: number }>(
    'SELECT COUNT(*) AS count FROM nudge_people WHERE enabled = 1 AND team_id = ?',
  );

  const insertClaim = db.prepare<
    [string, string, DeliveryKind, string, string | null, string, string | null, string, string, string]
  >(
    `INSERT INTO nudge_deliveries
       (key, team_id, kind, target_id, user_id, slot_at, night, status, owner, lease_until, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'claimed', ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const insertSkipped = db.prepare<
    [string, string, DeliveryKind, string, string | null, string, string | null, string, string]
  >(
    `INSERT INTO nudge_deliveries (key, team_id, kind, target_id, user_id, slot_at, night, status, error, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'skipped', ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const staleOpen = db.prepare<[string, string], DeliveryRow>(
    `SELECT * FROM nudge_deliveries WHERE status IN ('claimed', 'sending') AND lease_until < ? AND slot_at > ?`,
  );
  const takeOver = db.prepare<[string, string, number, string, string]>(
    `UPDATE nudge_deliveries SET status = 'claimed', owner = ?, lease_until = ?, reclaims = reclaims + ?,
       updated_at = ? WHERE key = ?`,
  );
  const abandon = db.prepare<[string, string, string, string, number], DeliveryRow>(
    `UPDATE nudge_deliveries
     SET status = 'failed', updated_at = ?,
       error = CASE WHEN slot_at <= ? THEN 'expired: still unfinished when the grace window closed'
                    ELSE 'abandoned: a post may have reached Slack and the process stopped twice' END
     WHERE status IN ('claimed', 'sending') AND lease_until < ?
       AND (slot_at <= ? OR (status = 'sending' AND attempts >= ?))
     RETURNING *`,
  );
  const renew = db.prepare<[string, string, string, string]>(
    `UPDATE nudge_deliveries SET lease_until = ?, updated_at = ?
     WHERE key = ? AND owner = ? AND status IN ('claimed', 'sending')`,
  );
  const sending = db.prepare<[string, string, string, string]>(
    `UPDATE nudge_deliveries SET status = 'sending', attempts = attempts + 1, lease_until = ?, updated_at = ?
     WHERE key = ? AND owner = ? AND status = 'claimed'`,
  );
  const refused = db.prepare<[string, string, string, string, string]>(
    `UPDATE nudge_deliveries SET status = 'claimed', attempts = attempts - 1, lease_until = ?, error = ?,
       updated_at = ? WHERE key = ? AND owner = ? AND status = 'sending'`,
  );
  const uncertain = db.prepare<[string, string, string, string, string]>(
    `UPDATE nudge_deliveries SET status = 'claimed', lease_until = ?, error = ?, updated_at = ?
     WHERE key = ? AND owner = ? AND status = 'sending'`,
  );
  const sent = db.prepare<[string | null, string, string, string]>(
    `UPDATE nudge_deliveries SET status = 'sent', message_ts = ?, error = NULL, lease_until = NULL, updated_at = ?
     WHERE key = ? AND owner = ? AND status IN ('claimed', 'sending')`,
  );
  const failed = db.prepare<[string, string, string, string]>(
    `UPDATE nudge_deliveries SET status = 'failed', error = ?, lease_until = NULL, updated_at = ?
     WHERE key = ? AND owner = ? AND status IN ('claimed', 'sending')`,
  );
  const renewAll = db.prepare<[string, string]>(
    `UPDATE nudge_deliveries SET lease_until = ? WHERE owner = ? AND status IN ('claimed', 'sending')`,
  );
  const selectDelivery = db.prepare<[string], DeliveryRow>('SELECT * FROM nudge_deliveries WHERE key = ?');
  const prune = db.prepare<[string]>('DELETE FROM nudge_deliveries WHERE slot_at < ?');
  const getState = db.prepare<[string], { value: string }>('SELECT value FROM nudge_state WHERE key = ?');
  const setState = db.prepare<[string, string]>(
    'INSERT INTO nudge_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );

  const userIdOf = (delivery: NewDelivery) => (delivery.kind === 'person' ? delivery.targetId : null);

  const reclaim = db.transaction((now: string, slotAfter: string, owner: string, leaseUntil: string) => {
    const taken: Delivery[] = [];
    for (const row of staleOpen.all(now, slotAfter)) {
      // A claim that never reached `sending` posted nothing: always safe. A `sending` one may have posted.
      if (row.status === 'sending' && row.attempts >= MAX_UNCERTAIN_POSTS) continue;
      const crashedWhileSending = row.status === 'sending' ? 1 : 0;
      takeOver.run(owner, leaseUntil, crashedWhileSending, now, row.key);
      taken.push(
        toDelivery({
          ...row,
          status: 'claimed',
          owner,
          lease_until: leaseUntil,
          reclaims: row.reclaims + crashedWhileSending,
        }),
      );
    }
    return taken;
  });

  return {
    enableChannel: async ({ teamId, channelId, time, zone, setBy, at }) => {
      upsertChannel.run(teamId, channelId, time, zone, setBy, at);
    },
    disableChannel: async (teamId, channelId, fallback, reason, at) => {
      const before = selectChannel.get(teamId, channelId);
      offChannel.run(teamId, channelId, fallback.time, fallback.zone, reason, at);
      return before ? toChannel(before) : undefined;
    },
    getChannel: async (teamId, channelId) => {
      const row = selectChannel.get(teamId, channelId);
      return row ? toChannel(row) : undefined;
    },
    listChannels: async (teamId) => listChannels.all(teamId).map(toChannel),
    enabledChannels: async () => enabledChannels.all().map(toChannel),
    getPerson: async ({ teamId, userId }) => {
      const row = selectPerson.get(teamId, userId);
      return row ? toPerson(row) : undefined;
    },
    savePerson: async (nudge: PersonNudge) => {
      upsertPerson.run(
        nudge.teamId,
        nudge.userId,
        nudge.enabled ? 1 : 0,
        nudge.time,
        nudge.weekends ? 1 : 0,
        nudge.resumeOn,
        nudge.offReason,
        nudge.updatedAt,
      );
    },
    enabledPeople: async () =>
      enabledPeople
        .all()
        .map((row): PersonNudgeTarget => ({ ...toPerson(row), tzOverride: row.tz_override, slackTz: row.slack_tz })),
    countEnabledPeople: async (teamId) => countPeople.get(teamId)?.count ?? 0,

    claim: async (delivery, owner, leaseUntil, at) =>
      insertClaim.run(
        delivery.key,
        delivery.teamId,
        delivery.kind,
        delivery.targetId,
        userIdOf(delivery),
        delivery.slotAt,
        delivery.night,
        owner,
        leaseUntil,
        at,
      ).changes === 1,
    recordSkipped: async (delivery, reason, at) =>
      insertSkipped.run(
        delivery.key,
        delivery.teamId,
        delivery.kind,
        delivery.targetId,
        userIdOf(delivery),
        delivery.slotAt,
        delivery.night,
        reason,
        at,
      ).changes === 1,
    reclaimStale: async (now, slotAfter, owner, leaseUntil) => reclaim.immediate(now, slotAfter, owner, leaseUntil),
    failAbandoned: async (now, slotAfter) =>
      abandon.all(now, slotAfter, now, slotAfter, MAX_UNCERTAIN_POSTS).map(toDelivery),
    renew: async (key, owner, leaseUntil) => renew.run(leaseUntil, leaseUntil, key, owner).changes === 1,
    markSending: async (key, owner, leaseUntil, at) => sending.run(leaseUntil, at, key, owner).changes === 1,
    markRefused: async (key, owner, leaseUntil, error, at) =>
      refused.run(leaseUntil, error, at, key, owner).changes === 1,
    markUncertain: async (key, owner, leaseUntil, error, at) =>
      uncertain.run(leaseUntil, error, at, key, owner).changes === 1,
    markSent: async (key, owner, messageTs, at) => sent.run(messageTs, at, key, owner).changes === 1,
    markFailed: async (key, owner, error, at) => failed.run(error, at, key, owner).changes === 1,
    renewAll: async (owner, leaseUntil) => renewAll.run(leaseUntil, owner).changes,
    getDelivery: async (key) => {
      const row = selectDelivery.get(key);
      return row ? toDelivery(row) : undefined;
    },
    prune: async (before) => prune.run(before).changes,
    getState: async (key) => getState.get(key)?.value,
    setState: async (key, value) => {
      setState.run(key, value);
    },
  };
}
