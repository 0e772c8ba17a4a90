import type pg from 'pg';
import { type DeliveryRow, toDelivery } from '../rows.js';
import {
  type Delivery,
  type LeaseRepository,
  MAX_UNCERTAIN_POSTS,
  type NewDelivery,
  type NudgeRepository,
} from '../types.js';

// The same words as the SQLite ledger (sqlite-nudges.ts), so logs and tests read alike on both stores.
const ABANDONED = 'abandoned: the most posts that may reach Slack for one slot already may have';
const EXPIRED = 'expired: still unfinished when the grace window closed';
const EXPIRED_PENDING = 'expired before it could be sent';

/** now() + a duration in milliseconds: every lease is computed on the database's clock, never a host's. */
const after = (param: string) => `now() + ${param}::double precision * interval '1 millisecond'`;
const OPEN = "status IN ('claimed', 'sending')";
const COLUMNS = 'key, team_id, kind, target_id, user_id, slot_at, night, status, owner, lease_until, error, updated_at';

export const LEDGER_SQL = {
  clock: 'SELECT now() AS now',
  // Many slots in one statement: insert-if-absent against the key and the per-night unique index.
  enqueue: `INSERT INTO nudge_deliveries (${COLUMNS})
    SELECT d.key, d.team_id, d.kind, d.target_id, d.user_id, d.slot_at, d.night, 'pending', NULL, NULL, NULL, now()
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::date[])
      AS d (key, team_id, kind, target_id, user_id, slot_at, night)
    ON CONFLICT DO NOTHING`,
  claim: `INSERT INTO nudge_deliveries (${COLUMNS})
    VALUES ($1, $2, $3, $4, $5, $6, $7, 'claimed', $8, ${after('$9')}, NULL, now()) ON CONFLICT DO NOTHING`,
  skipped: `INSERT INTO nudge_deliveries (${COLUMNS})
    VALUES ($1, $2, $3, $4, $5, $6, $7, 'skipped', NULL, NULL, $8, now()) ON CONFLICT DO NOTHING`,
  // Select and take in one statement. SKIP LOCKED: rows another replica is taking right now are passed over,
  // so concurrent claimers get disjoint batches and nobody waits. LockRows runs below LIMIT, so skipped rows do
  // not count towards it.
  claimBatch: `WITH picked AS (
      SELECT key FROM nudge_deliveries
      WHERE slot_at > now() - $4::double precision * interval '1 millisecond'
        AND (status = 'pending' OR (${OPEN} AND lease_until < now() AND attempts < $5))
      ORDER BY slot_at, key LIMIT $2
      FOR UPDATE SKIP LOCKED)
    UPDATE nudge_deliveries d SET status = 'claimed', owner = $1, lease_until = ${after('$3')},
      reclaims = d.reclaims + CASE WHEN d.status = 'sending' THEN 1 ELSE 0 END, updated_at = now()
    FROM picked WHERE d.key = picked.key RETURNING d.*`,
  // A row locked by a concurrent claim is re-checked after it commits (a fresh lease is then left alone).
  expire: `UPDATE nudge_deliveries SET
      status = CASE WHEN status = 'pending' THEN 'skipped' ELSE 'failed' END,
      lease_until = NULL, updated_at = now(),
      error = CASE WHEN status = 'pending' THEN '${EXPIRED_PENDING}'
                   WHEN slot_at <= now() - $1::double precision * interval '1 millisecond' THEN '${EXPIRED}'
                   ELSE '${ABANDONED}' END
    WHERE (status = 'pending' AND slot_at <= now() - $1::double precision * interval '1 millisecond')
       OR (${OPEN} AND lease_until < now()
           AND (slot_at <= now() - $1::double precision * interval '1 millisecond' OR attempts >= $2))
    RETURNING *`,
  renew: `UPDATE nudge_deliveries SET lease_until = ${after('$3')}, updated_at = now()
    WHERE key = $1 AND owner = $2 AND ${OPEN}`,
  renewAll: `UPDATE nudge_deliveries SET lease_until = ${after('$2')}, updated_at = now() WHERE owner = $1 AND ${OPEN}`,
  sending: `UPDATE nudge_deliveries SET status = 'sending', attempts = attempts + 1, lease_until = ${after('$3')},
      updated_at = now() WHERE key = $1 AND owner = $2 AND status = 'claimed' AND attempts < $4`,
  backToClaimed: `UPDATE nudge_deliveries SET status = 'claimed', attempts = attempts - $4, lease_until = ${after('$3')},
      error = $5, updated_at = now() WHERE key = $1 AND owner = $2 AND status = 'sending'`,
  sent: `UPDATE nudge_deliveries SET status = 'sent', message_ts = $3, error = NULL, lease_until = NULL,
      updated_at = now() WHERE key = $1 AND owner = $2 AND ${OPEN}`,
  failed: `UPDATE nudge_deliveries SET status = 'failed', error = $3, lease_until = NULL, updated_at = now()
    WHERE key = $1 AND owner = $2 AND ${OPEN}`,
  release: `UPDATE nudge_deliveries SET status = 'pending', owner = NULL, lease_until = NULL, updated_at = now()
    WHERE owner = $1 AND status = 'claimed'`,
  selectDelivery: 'SELECT * FROM nudge_deliveries WHERE key = $1',
  prune: 'DELETE FROM nudge_deliveries WHERE slot_at < $1',
  getState: 'SELECT value FROM nudge_state WHERE key = $1',
  setState:
    'INSERT INTO nudge_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  // One upsert: taken when free, expired, or already ours (then extended).
  acquireLease: `INSERT INTO leases (name, owner, until) VALUES ($1, $2, ${after('$3')})
    ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until
    WHERE leases.until < now() OR leases.owner = excluded.owner`,
  releaseLease: 'DELETE FROM leases WHERE name = $1 AND owner = $2',
} as const;

export type Ledger = Pick<
  NudgeRepository,
  | 'clock'
  | 'enqueue'
  | 'claim'
  | 'recordSkipped'
  | 'claimBatch'
  | 'expire'
  | 'renew'
  | 'renewAll'
  | 'markSending'
  | 'markRefused'
  | 'markUncertain'
  | 'markSent'
  | 'markFailed'
  | 'release'
  | 'getDelivery'
  | 'prune'
  | 'getState'
  | 'setState'
>;

const bySlot = (a: Delivery, b: Delivery) => a.slotAt.localeCompare(b.slotAt) || a.key.localeCompare(b.key);
// Set for a person's deliveries (nudge, digest) only, so `/hours forget` deletes them with the person.
const userIdOf = (d: NewDelivery) => (d.kind === 'channel' ? null : d.targetId);
const insertValues = (d: NewDelivery) => [d.key, d.teamId, d.kind, d.targetId, userIdOf(d), d.slotAt, d.night];

/** The delivery ledger on Postgres: every time comparison uses the database's now() (see NudgeRepository). */
export function postgresLedger(pool: pg.Pool): Ledger {
  const rows = async (text: string, values: unknown[]) =>
    (await pool.query<DeliveryRow>(text, values)).rows.map(toDelivery);
  const changed = async (text: string, values: unknown[]) => (await pool.query(text, values)).rowCount ?? 0;
  return {
    clock: async () => new Date((await pool.query<{ now: string }>(LEDGER_SQL.clock)).rows[0]!.now),
    enqueue: async (deliveries) => {
      if (deliveries.length === 0) return 0;
      const columns = deliveries.map(insertValues);
      const column = (index: number) => columns.map((values) => values[index]);
      return changed(LEDGER_SQL.enqueue, [0, 1, 2, 3, 4, 5, 6].map(column));
    },
    claim: async (d, owner, leaseMs) => (await changed(LEDGER_SQL.claim, [...insertValues(d), owner, leaseMs])) === 1,
    recordSkipped: async (d, reason) => (await changed(LEDGER_SQL.skipped, [...insertValues(d), reason])) === 1,
    claimBatch: async (owner, limit, leaseMs, graceMs) =>
      limit <= 0
        ? []
        : (await rows(LEDGER_SQL.claimBatch, [owner, limit, leaseMs, graceMs, MAX_UNCERTAIN_POSTS])).sort(bySlot),
    expire: async (graceMs) => rows(LEDGER_SQL.expire, [graceMs, MAX_UNCERTAIN_POSTS]),
    renew: async (key, owner, leaseMs) => (await changed(LEDGER_SQL.renew, [key, owner, leaseMs])) === 1,
    renewAll: (owner, leaseMs) => changed(LEDGER_SQL.renewAll, [owner, leaseMs]),
    markSending: async (key, owner, leaseMs) =>
      (await changed(LEDGER_SQL.sending, [key, owner, leaseMs, MAX_UNCERTAIN_POSTS])) === 1,
    markRefused: async (key, owner, leaseMs, error) =>
      (await changed(LEDGER_SQL.backToClaimed, [key, owner, leaseMs, 1, error])) === 1,
    markUncertain: async (key, owner, leaseMs, error) =>
      (await changed(LEDGER_SQL.backToClaimed, [key, owner, leaseMs, 0, error])) === 1,
    markSent: async (key, owner, messageTs) => (await changed(LEDGER_SQL.sent, [key, owner, messageTs])) === 1,
    markFailed: async (key, owner, error) => (await changed(LEDGER_SQL.failed, [key, owner, error])) === 1,
    release: (owner) => changed(LEDGER_SQL.release, [owner]),
    getDelivery: async (key) => (await rows(LEDGER_SQL.selectDelivery, [key]))[0],
    prune: (before) => changed(LEDGER_SQL.prune, [before]),
    getState: async (key) => (await pool.query<{ value: string }>(LEDGER_SQL.getState, [key])).rows[0]?.value,
    setState: async (key, value) => {
      await pool.query(LEDGER_SQL.setState, [key, value]);
    },
  };
}

/** Named leases on the database's clock (see LeaseRepository). */
export function postgresLeaseRepository(pool: pg.Pool): LeaseRepository {
  return {
    tryAcquireLease: async (name, owner, ttlMs) =>
      ((await pool.query(LEDGER_SQL.acquireLease, [name, owner, ttlMs])).rowCount ?? 0) === 1,
    releaseLease: async (name, owner) => {
      await pool.query(LEDGER_SQL.releaseLease, [name, owner]);
    },
  };
}
