import type Database from 'better-sqlite3';
import { asLocale, type DeliveryRow, toDelivery } from './rows.js';
import {
  type ChannelNudge,
  type DeliveryKind,
  type DeliveryStatus,
  type LeaseRepository,
  MAX_UNCERTAIN_POSTS,
  type NewDelivery,
  type NudgeRepository,
  type PersonNudge,
  type PersonNudgeTarget,
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
  locale: string | null;
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

const toChannel = (row: ChannelRow): ChannelNudge => ({
  teamId: row.team_id,
  channelId: row.channel_id,
  enabled: row.enabled === 1,
  time: row.time,
  zone: row.zone,
  setBy: row.set_by,
  offReason: row.off_reason,
  locale: asLocale(row.locale),
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

/**
 * The nudge repository on the store's better-sqlite3 handle, on the store's injected clock (see the contract in
 * types.ts). SQLite has one writer at a time, so a transaction (`immediate`) is enough to make a select-then-update
 * atomic; claims rely on the primary key and the per-night unique index, so two processes on one file can never
 * both own a slot.
 */
export function sqliteNudgeRepository(db: Database.Database, clock: () => Date): NudgeRepository {
  // keep = 1: no language given, the channel keeps the one it has.
  type ChannelOn = {
    team: string;
    channel: string;
    time: string;
    zone: string;
    setBy: string;
    locale: string | null;
    at: string;
    keep: number;
  };
  const upsertChannel = db.prepare<[ChannelOn]>(
    `INSERT INTO nudge_channels (team_id, channel_id, enabled, time, zone, set_by, off_reason, locale, updated_at)
     VALUES (@team, @channel, 1, @time, @zone, @setBy, NULL, @locale, @at)
     ON CONFLICT (team_id, channel_id) DO UPDATE SET enabled = 1, time = excluded.time, zone = excluded.zone,
       set_by = excluded.set_by, off_reason = NULL, updated_at = excluded.updated_at,
       locale = CASE WHEN @keep = 1 THEN nudge_channels.locale ELSE excluded.locale END`,
  );
  const upsertChannelLocale = db.prepare<[string, string, string, string, string | null, string]>(
    `INSERT INTO nudge_channels (team_id, channel_id, enabled, time, zone, set_by, off_reason, locale, updated_at)
     VALUES (?, ?, 0, ?, ?, NULL, NULL, ?, ?)
     ON CONFLICT (team_id, channel_id) DO UPDATE SET locale = excluded.locale, updated_at = excluded.updated_at`,
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
  const ledger = sqliteLedger(db, clock);
  return {
    enableChannel: async ({ teamId, channelId, time, zone, setBy, at, locale }) => {
      const keep = locale === undefined ? 1 : 0;
      upsertChannel.run({ team: teamId, channel: channelId, time, zone, setBy, locale: locale ?? null, at, keep });
    },
    setChannelLocale: async (teamId, channelId, locale, fallback, at) => {
      upsertChannelLocale.run(teamId, channelId, fallback.time, fallback.zone, locale, at);
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
    ...ledger,
  };
}

type Ledger = Omit<
  NudgeRepository,
  | 'enableChannel'
  | 'setChannelLocale'
  | 'disableChannel'
  | 'getChannel'
  | 'listChannels'
  | 'enabledChannels'
  | 'getPerson'
  | 'savePerson'
  | 'enabledPeople'
  | 'countEnabledPeople'
>;

const ABANDONED = 'abandoned: the most posts that may reach Slack for one slot already may have';
const EXPIRED = 'expired: still unfinished when the grace window closed';
const EXPIRED_PENDING = 'expired before it could be sent';

/** The delivery ledger: every instant below comes from `clock`, every lease from a duration. */
function sqliteLedger(db: Database.Database, clock: () => Date): Ledger {
  const now = () => clock().toISOString();
  const later = (ms: number) => new Date(clock().getTime() + ms).toISOString();
  const earlier = (ms: number) => new Date(clock().getTime() - ms).toISOString();

  type InsertRow = {
    key: string;
    teamId: string;
    kind: DeliveryKind;
    targetId: string;
    userId: string | null;
    slotAt: string;
    night: string | null;
    status: DeliveryStatus;
    owner: string | null;
    lease: string | null;
    error: string | null;
    at: string;
  };
  const insert = db.prepare<InsertRow>(
    `INSERT INTO nudge_deliveries
       (key, team_id, kind, target_id, user_id, slot_at, night, status, owner, lease_until, error, updated_at)
     VALUES (@key, @teamId, @kind, @targetId, @userId, @slotAt, @night, @status, @owner, @lease, @error, @at)
     ON CONFLICT DO NOTHING`,
  );
  const claimable = db.prepare<{ now: string; after: string; max: number; limit: number }, DeliveryRow>(
    `SELECT * FROM (
       SELECT * FROM nudge_deliveries WHERE status = 'pending' AND slot_at > @after
       UNION ALL
       SELECT * FROM nudge_deliveries WHERE status IN ('claimed', 'sending') AND lease_until < @now
         AND slot_at > @after AND attempts < @max)
     ORDER BY slot_at, key LIMIT @limit`,
  );
  const takeOver = db.prepare<{ owner: string; lease: string; now: string; key: string }, DeliveryRow>(
    `UPDATE nudge_deliveries SET status = 'claimed', owner = @owner, lease_until = @lease,
       reclaims = reclaims + (status = 'sending'), updated_at = @now WHERE key = @key RETURNING *`,
  );
  const expirePending = db.prepare<{ now: string; before: string }, DeliveryRow>(
    `UPDATE nudge_deliveries SET status = 'skipped', error = '${EXPIRED_PENDING}', updated_at = @now
     WHERE status = 'pending' AND slot_at <= @before RETURNING *`,
  );
  const expireHeld = db.prepare<{ now: string; before: string; max: number }, DeliveryRow>(
    `UPDATE nudge_deliveries
     SET status = 'failed', lease_until = NULL, updated_at = @now,
       error = CASE WHEN slot_at <= @before THEN '${EXPIRED}' ELSE '${ABANDONED}' END
     WHERE status IN ('claimed', 'sending') AND lease_until < @now AND (slot_at <= @before OR attempts >= @max)
     RETURNING *`,
  );
  const renew = db.prepare<[string, string, string, string]>(
    `UPDATE nudge_deliveries SET lease_until = ?, updated_at = ?
     WHERE key = ? AND owner = ? AND status IN ('claimed', 'sending')`,
  );
  const sending = db.prepare<[string, string, string, string, number]>(
    `UPDATE nudge_deliveries SET status = 'sending', attempts = attempts + 1, lease_until = ?, updated_at = ?
     WHERE key = ? AND owner = ? AND status = 'claimed' AND attempts < ?`,
  );
  const backToClaimed = db.prepare<[number, string, string, string, string, string]>(
    `UPDATE nudge_deliveries SET status = 'claimed', attempts = attempts - ?, lease_until = ?, error = ?,
       updated_at = ? WHERE key = ? AND owner = ? AND status = 'sending'`,
  );
  const sent = db.prepare<[string | null, string, string, string]>(
    `UPDATE nudge_deliveries SET status = 'sent', message_ts = ?, error = NULL, lease_until = NULL, updated_at = ?
     WHERE key = ? AND owner = ? AND status IN ('claimed', 'sending')`,
  );
  const failed = db.prepare<[string, string, string, string]>(
    `UPDATE nudge_deliveries SET status = 'failed', error = ?, lease_until = NULL, updated_at = ?
     WHERE key = ? AND owner = ? AND status IN ('claimed', 'sending')`,
  );
  const renewAll = db.prepare<[string, string, string]>(
    `UPDATE nudge_deliveries SET lease_until = ?, updated_at = ? WHERE owner = ? AND status IN ('claimed', 'sending')`,
  );
  const release = db.prepare<[string, string]>(
    `UPDATE nudge_deliveries SET status = 'pending', owner = NULL, lease_until = NULL, updated_at = ?
     WHERE owner = ? AND status = 'claimed'`,
  );
  const selectDelivery = db.prepare<[string], DeliveryRow>('SELECT * FROM nudge_deliveries WHERE key = ?');
  const prune = db.prepare<[string]>('DELETE FROM nudge_deliveries WHERE slot_at < ?');
  const getState = db.prepare<[string], { value: string }>('SELECT value FROM nudge_state WHERE key = ?');
  const setState = db.prepare<[string, string]>(
    'INSERT INTO nudge_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );

  type Extra = { owner: string | null; lease: string | null; error: string | null; at: string };
  const insertOne = (delivery: NewDelivery, status: DeliveryStatus, extra: Extra): boolean =>
    insert.run({
      key: delivery.key,
      teamId: delivery.teamId,
      kind: delivery.kind,
      targetId: delivery.targetId,
      // Set for personal deliveries only, so `/hours forget` deletes them with the person.
      userId: delivery.kind === 'person' ? delivery.targetId : null,
      slotAt: delivery.slotAt,
      night: delivery.night,
      status,
      ...extra,
    }).changes === 1;
  const enqueueAll = db.transaction((deliveries: readonly NewDelivery[]) => {
    const extra = { owner: null, lease: null, error: null, at: now() };
    let added = 0;
    for (const delivery of deliveries) if (insertOne(delivery, 'pending', extra)) added++;
    return added;
  });
  const claimBatch = db.transaction((owner: string, limit: number, leaseMs: number, graceMs: number) => {
    const at = now();
    const rows = claimable.all({ now: at, after: earlier(graceMs), max: MAX_UNCERTAIN_POSTS, limit });
    const lease = later(leaseMs);
    return rows.map((row) => toDelivery(takeOver.get({ owner, lease, now: at, key: row.key }) as DeliveryRow));
  });
  const expire = db.transaction((graceMs: number) => {
    const at = now();
    const before = earlier(graceMs);
    return [
      ...expirePending.all({ now: at, before }),
      ...expireHeld.all({ now: at, before, max: MAX_UNCERTAIN_POSTS }),
    ].map(toDelivery);
  });

  return {
    clock: async () => clock(),
    enqueue: async (deliveries) => (deliveries.length === 0 ? 0 : enqueueAll.immediate(deliveries)),
    claim: async (delivery, owner, leaseMs) =>
      insertOne(delivery, 'claimed', { owner, lease: later(leaseMs), error: null, at: now() }),
    recordSkipped: async (delivery, reason) =>
      insertOne(delivery, 'skipped', { owner: null, lease: null, error: reason, at: now() }),
    claimBatch: async (owner, limit, leaseMs, graceMs) =>
      limit <= 0 ? [] : claimBatch.immediate(owner, limit, leaseMs, graceMs),
    expire: async (graceMs) => expire.immediate(graceMs),
    renew: async (key, owner, leaseMs) => renew.run(later(leaseMs), now(), key, owner).changes === 1,
    renewAll: async (owner, leaseMs) => renewAll.run(later(leaseMs), now(), owner).changes,
    markSending: async (key, owner, leaseMs) =>
      sending.run(later(leaseMs), now(), key, owner, MAX_UNCERTAIN_POSTS).changes === 1,
    markRefused: async (key, owner, leaseMs, error) =>
      backToClaimed.run(1, later(leaseMs), error, now(), key, owner).changes === 1,
    markUncertain: async (key, owner, leaseMs, error) =>
      backToClaimed.run(0, later(leaseMs), error, now(), key, owner).changes === 1,
    markSent: async (key, owner, messageTs) => sent.run(messageTs, now(), key, owner).changes === 1,
    markFailed: async (key, owner, error) => failed.run(error, now(), key, owner).changes === 1,
    release: async (owner) => release.run(now(), owner).changes,
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

/** Named leases on the store's clock (see LeaseRepository). */
export function sqliteLeaseRepository(db: Database.Database, clock: () => Date): LeaseRepository {
  const acquire = db.prepare<[string, string, string, string]>(
    `INSERT INTO leases (name, owner, until) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until
     WHERE leases.until < ? OR leases.owner = excluded.owner`,
  );
  const drop = db.prepare<[string, string]>('DELETE FROM leases WHERE name = ? AND owner = ?');
  return {
    tryAcquireLease: async (name, owner, ttlMs) => {
      const now = clock();
      const until = new Date(now.getTime() + ttlMs).toISOString();
      return acquire.run(name, owner, until, now.toISOString()).changes === 1;
    },
    releaseLease: async (name, owner) => {
      drop.run(name, owner);
    },
  };
}
