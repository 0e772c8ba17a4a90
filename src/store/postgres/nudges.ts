import type pg from 'pg';
import { MAX_UNCERTAIN_POSTS } from '../sqlite-nudges.js';
import type {
  ChannelNudge,
  Delivery,
  DeliveryKind,
  DeliveryStatus,
  NewDelivery,
  NudgeRepository,
  PersonNudge,
  PersonNudgeTarget,
} from '../types.js';
import { inTransaction } from './pool.js';

/** What `/hours forget` must also erase: the person's nudge settings and deliveries, and their name on channels. */
export const PG_NUDGE_FORGET_SQL = [
  'DELETE FROM nudge_people WHERE team_id = $1 AND user_id = $2',
  'DELETE FROM nudge_deliveries WHERE team_id = $1 AND user_id = $2',
  'UPDATE nudge_channels SET set_by = NULL WHERE team_id = $1 AND set_by = $2',
] as const;

type ChannelRow = {
  team_id: string;
  channel_id: string;
  enabled: boolean;
  time: string;
  zone: string;
  set_by: string | null;
  off_reason: string | null;
  updated_at: string;
};
type PersonRow = {
  team_id: string;
  user_id: string;
  enabled: boolean;
  time: string;
  weekends: boolean;
  resume_on: string | null;
  off_reason: string | null;
  updated_at: string;
};
type DeliveryRow = {
  key: string;
  team_id: string;
  kind: DeliveryKind;
  target_id: string;
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
  enabled: row.enabled,
  time: row.time,
  zone: row.zone,
  setBy: row.set_by,
  offReason: row.off_reason,
  updatedAt: row.updated_at,
});
const toPerson = (row: PersonRow): PersonNudge => ({
  teamId: row.team_id,
  userId: row.user_id,
  enabled: row.enabled,
  time: row.time,
  weekends: row.weekends,
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

const OPEN = "status IN ('claimed', 'sending')";

export const NUDGE_SQL = {
  upsertChannel: `INSERT INTO nudge_channels (team_id, channel_id, enabled, time, zone, set_by, off_reason, updated_at)
    VALUES ($1, $2, true, $3, $4, $5, NULL, $6)
    ON CONFLICT (team_id, channel_id) DO UPDATE SET enabled = true, time = excluded.time, zone = excluded.zone,
      set_by = excluded.set_by, off_reason = NULL, updated_at = excluded.updated_at`,
  selectChannel: 'SELECT * FROM nudge_channels WHERE team_id = $1 AND channel_id = $2',
  lockChannel: 'SELECT * FROM nudge_channels WHERE team_id = $1 AND channel_id = $2 FOR UPDATE',
  offChannel: `INSERT INTO nudge_channels (team_id, channel_id, enabled, time, zone, set_by, off_reason, updated_at)
    VALUES ($1, $2, false, $3, $4, NULL, $5, $6)
    ON CONFLICT (team_id, channel_id) DO UPDATE SET enabled = false, off_reason = excluded.off_reason,
      updated_at = excluded.updated_at`,
  listChannels: 'SELECT * FROM nudge_channels WHERE team_id = $1 ORDER BY channel_id',
  enabledChannels: 'SELECT * FROM nudge_channels WHERE enabled',
  selectPerson: 'SELECT * FROM nudge_people WHERE team_id = $1 AND user_id = $2',
  upsertPerson: `INSERT INTO nudge_people (team_id, user_id, enabled, time, weekends, resume_on, off_reason, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
    ON CONFLICT (team_id, user_id) DO UPDATE SET enabled = excluded.enabled, time = excluded.time,
      weekends = excluded.weekends, resume_on = excluded.resume_on, off_reason = excluded.off_reason,
      updated_at = excluded.updated_at`,
  enabledPeople: `SELECT n.*, p.tz_override, p.slack_tz FROM nudge_people n
    LEFT JOIN people p ON p.team_id = n.team_id AND p.user_id = n.user_id WHERE n.enabled`,
  countPeople: 'SELECT COUNT(*) AS count FROM nudge_people WHERE enabled AND team_id = $1',
  insertClaim: `INSERT INTO nudge_deliveries
      (key, team_id, kind, target_id, user_id, slot_at, night, status, owner, lease_until, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, 'claimed', $8, $9, $10) ON CONFLICT DO NOTHING`,
  insertSkipped: `INSERT INTO nudge_deliveries
      (key, team_id, kind, target_id, user_id, slot_at, night, status, error, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, 'skipped', $8, $9) ON CONFLICT DO NOTHING`,
  // One statement: rows another replica is taking over right now are skipped, not waited for or taken twice.
  reclaim: `WITH stale AS (
      SELECT key, status FROM nudge_deliveries
      WHERE ${OPEN} AND lease_until < $1 AND slot_at > $2 AND NOT (status = 'sending' AND attempts >= $5)
      FOR UPDATE SKIP LOCKED)
    UPDATE nudge_deliveries d SET status = 'claimed', owner = $3, lease_until = $4, updated_at = $1,
      reclaims = d.reclaims + CASE WHEN stale.status = 'sending' THEN 1 ELSE 0 END
    FROM stale WHERE d.key = stale.key RETURNING d.*`,
  abandon: `UPDATE nudge_deliveries SET status = 'failed', updated_at = $1,
      error = CASE WHEN slot_at <= $2 THEN 'expired: still unfinished when the grace window closed'
                   ELSE 'abandoned: a post may have reached Slack and the process stopped twice' END
    WHERE ${OPEN} AND lease_until < $1 AND (slot_at <= $2 OR (status = 'sending' AND attempts >= $3))
    RETURNING *`,
  renew: `UPDATE nudge_deliveries SET lease_until = $1, updated_at = $1 WHERE key = $2 AND owner = $3 AND ${OPEN}`,
  sending: `UPDATE nudge_deliveries SET status = 'sending', attempts = attempts + 1, lease_until = $1, updated_at = $2
    WHERE key = $3 AND owner = $4 AND status = 'claimed'`,
  refused: `UPDATE nudge_deliveries SET status = 'claimed', attempts = attempts - 1, lease_until = $1, error = $2,
      updated_at = $3 WHERE key = $4 AND owner = $5 AND status = 'sending'`,
  uncertain: `UPDATE nudge_deliveries SET status = 'claimed', lease_until = $1, error = $2, updated_at = $3
    WHERE key = $4 AND owner = $5 AND status = 'sending'`,
  sent: `UPDATE nudge_deliveries SET status = 'sent', message_ts = $1, error = NULL, lease_until = NULL, updated_at = $2
    WHERE key = $3 AND owner = $4 AND ${OPEN}`,
  failed: `UPDATE nudge_deliveries SET status = 'failed', error = $1, lease_until = NULL, updated_at = $2
    WHERE key = $3 AND owner = $4 AND ${OPEN}`,
  renewAll: `UPDATE nudge_deliveries SET lease_until = $1 WHERE owner = $2 AND ${OPEN}`,
  selectDelivery: 'SELECT * FROM nudge_deliveries WHERE key = $1',
  prune: 'DELETE FROM nudge_deliveries WHERE slot_at < $1',
  getState: 'SELECT value FROM nudge_state WHERE key = $1',
  setState:
    'INSERT INTO nudge_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
} as const;

export function postgresNudgeRepository(pool: pg.Pool): NudgeRepository {
  const rows = async <R extends pg.QueryResultRow>(text: string, values: unknown[]) =>
    (await pool.query<R>(text, values)).rows;
  const changed = async (text: string, values: unknown[]) => (await pool.query(text, values)).rowCount ?? 0;
  const rowOf = (d: NewDelivery) => [d.key, d.teamId, d.kind, d.targetId, d.kind === 'person' ? d.targetId : null];

  return {
    enableChannel: async ({ teamId, channelId, time, zone, setBy, at }) => {
      await pool.query(NUDGE_SQL.upsertChannel, [teamId, channelId, time, zone, setBy, at]);
    },
    disableChannel: (teamId, channelId, fallback, reason, at) =>
      inTransaction(pool, async (client) => {
        const [before] = (await client.query<ChannelRow>(NUDGE_SQL.lockChannel, [teamId, channelId])).rows;
        await client.query(NUDGE_SQL.offChannel, [teamId, channelId, fallback.time, fallback.zone, reason, at]);
        return before && toChannel(before);
      }),
    getChannel: async (teamId, channelId) => {
      const [row] = await rows<ChannelRow>(NUDGE_SQL.selectChannel, [teamId, channelId]);
      return row && toChannel(row);
    },
    listChannels: async (teamId) => (await rows<ChannelRow>(NUDGE_SQL.listChannels, [teamId])).map(toChannel),
    enabledChannels: async () => (await rows<ChannelRow>(NUDGE_SQL.enabledChannels, [])).map(toChannel),
    getPerson: async ({ teamId, userId }) => {
      const [row] = await rows<PersonRow>(NUDGE_SQL.selectPerson, [teamId, userId]);
      return row && toPerson(row);
    },
    savePerson: async (n) => {
      const values = [n.teamId, n.userId, n.enabled, n.time, n.weekends, n.resumeOn, n.offReason, n.updatedAt];
      await pool.query(NUDGE_SQL.upsertPerson, values);
    },
    enabledPeople: async () =>
      (
        await rows<PersonRow & { tz_override: string | null; slack_tz: string | null }>(NUDGE_SQL.enabledPeople, [])
      ).map((row): PersonNudgeTarget => ({ ...toPerson(row), tzOverride: row.tz_override, slackTz: row.slack_tz })),
    countEnabledPeople: async (teamId) => (await rows<{ count: number }>(NUDGE_SQL.countPeople, [teamId]))[0]!.count,

    claim: async (d, owner, leaseUntil, at) =>
      (await changed(NUDGE_SQL.insertClaim, [...rowOf(d), d.slotAt, d.night, owner, leaseUntil, at])) === 1,
    recordSkipped: async (d, reason, at) =>
      (await changed(NUDGE_SQL.insertSkipped, [...rowOf(d), d.slotAt, d.night, reason, at])) === 1,
    reclaimStale: async (now, slotAfter, owner, leaseUntil) =>
      (await rows<DeliveryRow>(NUDGE_SQL.reclaim, [now, slotAfter, owner, leaseUntil, MAX_UNCERTAIN_POSTS])).map(
        toDelivery,
      ),
    failAbandoned: async (now, slotAfter) =>
      (await rows<DeliveryRow>(NUDGE_SQL.abandon, [now, slotAfter, MAX_UNCERTAIN_POSTS])).map(toDelivery),
    renew: async (key, owner, leaseUntil) => (await changed(NUDGE_SQL.renew, [leaseUntil, key, owner])) === 1,
    markSending: async (key, owner, leaseUntil, at) =>
      (await changed(NUDGE_SQL.sending, [leaseUntil, at, key, owner])) === 1,
    markRefused: async (key, owner, leaseUntil, error, at) =>
      (await changed(NUDGE_SQL.refused, [leaseUntil, error, at, key, owner])) === 1,
    markUncertain: async (key, owner, leaseUntil, error, at) =>
      (await changed(NUDGE_SQL.uncertain, [leaseUntil, error, at, key, owner])) === 1,
    markSent: async (key, owner, messageTs, at) => (await changed(NUDGE_SQL.sent, [messageTs, at, key, owner])) === 1,
    markFailed: async (key, owner, error, at) => (await changed(NUDGE_SQL.failed, [error, at, key, owner])) === 1,
    renewAll: (owner, leaseUntil) => changed(NUDGE_SQL.renewAll, [leaseUntil, owner]),
    getDelivery: async (key) => {
      const [row] = await rows<DeliveryRow>(NUDGE_SQL.selectDelivery, [key]);
      return row && toDelivery(row);
    },
    prune: (before) => changed(NUDGE_SQL.prune, [before]),
    getState: async (key) => (await rows<{ value: string }>(NUDGE_SQL.getState, [key]))[0]?.value,
    setState: async (key, value) => {
      await pool.query(NUDGE_SQL.setState, [key, value]);
    },
  };
}
