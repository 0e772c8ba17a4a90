import type { Locale } from '../i18n/locale.js';
/**
 * The one storage interface. Async on purpose: the SQLite implementation answers synchronously, but a
 * Postgres implementation can follow without touching any caller.
 *
 * Every row is keyed by workspace (team id) and person (user id); nothing is shared across workspaces.
 * Dates called `workDate`/`from`/`to` are local calendar dates (YYYY-MM-DD) in the person's zone, fixed when
 * the entry is logged, so weeks are plain date ranges. Instants are ISO-8601 UTC strings.
 */
import type { ChartFileRepository } from './charts.js';
import type { DigestRepository } from './digests.js';

export type PersonKey = { teamId: string; userId: string };

export type HoursEntry = PersonKey & {
  id: number;
  workDate: string;
  minutes: number;
  note: string | null;
  loggedAt: string;
};

export type NewHoursEntry = Omit<HoursEntry, 'id'>;

export type AddEntryResult =
  | { ok: true; entry: HoursEntry; dayMinutes: number }
  | { ok: false; reason: 'day_cap'; dayMinutes: number };

export type DayTotal = { date: string; minutes: number };

export type Person = PersonKey & {
  tzOverride: string | null;
  slackTz: string | null;
  slackTzFetchedAt: string | null;
  /** Slack's locale tag for the person (`zh-CN`), read with their zone; null when Slack gave none. */
  slackLocale: string | null;
  /** `/hours lang en|zh`; null follows their Slack locale. */
  localeOverride: Locale | null;
};

export interface HoursRepository {
  /** Checks the day cap and inserts in one transaction, so concurrent logs can never pass the cap. */
  addEntry(entry: NewHoursEntry, dayCapMinutes: number): Promise<AddEntryResult>;
  /** Removes one entry, only if it belongs to that person. */
  removeEntry(person: PersonKey, entryId: number): Promise<HoursEntry | undefined>;
  /** Removes the person's most recently logged entry. */
  removeLatestEntry(person: PersonKey): Promise<HoursEntry | undefined>;
  /** Per-day totals in [from, to], days without entries omitted, ascending. */
  dailyTotals(person: PersonKey, from: string, to: string): Promise<DayTotal[]>;
  /** The `limit` most recent per-day totals on or before `to`, newest first (streaks read only what they need). */
  recentDailyTotals(person: PersonKey, to: string, limit: number): Promise<DayTotal[]>;
  /** How many entries the person has. */
  countEntries(person: PersonKey): Promise<number>;
  /** Every entry of the person, oldest work date first. */
  allEntries(person: PersonKey): Promise<HoursEntry[]>;
  /**
   * Each person's total minutes in [from, to] for the workspace, one number per person who logged, leaving out
   * `excludeUserId` (the person asking for team figures) when given.
   */
  teamTotals(teamId: string, from: string, to: string, excludeUserId?: string): Promise<number[]>;
  /** The person's entries on one work date, in the order they were logged (id ascending). */
  entriesOn(person: PersonKey, workDate: string): Promise<HoursEntry[]>;
  /** One of the person's entries by id (a primary-key read); undefined when it is gone or someone else's. */
  getEntry(person: PersonKey, entryId: number): Promise<HoursEntry | undefined>;
  /**
   * Changes one of the person's entries (minutes, and the note unless `note` is undefined), in one transaction
   * that checks the day cap against the other entries of its date. Not found, or another person's: `not_found`.
   */
  updateEntry(
    person: PersonKey,
    entryId: number,
    change: { minutes: number; note?: string | null },
    dayCapMinutes: number,
  ): Promise<UpdateEntryResult>;
}

export type UpdateEntryResult =
  | { ok: true; before: HoursEntry; entry: HoursEntry; dayMinutes: number }
  | { ok: false; reason: 'not_found' }
  /** `dayMinutes`: the date's total without this entry. */
  | { ok: false; reason: 'day_cap'; before: HoursEntry; dayMinutes: number };

export interface PeopleRepository {
  getPerson(person: PersonKey): Promise<Person | undefined>;
  setTimezoneOverride(person: PersonKey, zone: string | null): Promise<void>;
  /** `/hours lang`: the person's language, or null to follow their Slack locale again. */
  setLocaleOverride(person: PersonKey, locale: Locale | null): Promise<void>;
  /**
   * Caches the zone Slack gives for the person (users.info), and their Slack locale when `locale` is given
   * (undefined leaves the cached locale as it is).
   */
  saveSlackTimezone(person: PersonKey, zone: string | null, fetchedAt: string, locale?: string | null): Promise<void>;
  /**
   * The directory sync: in one transaction, saves the Slack zones and locales of the listed people who already use
   * Lights Out (a `people` row, or a personal nudge) and ignores everyone else, so no stranger's is ever stored.
   * Returns how many people were updated.
   */
  updateKnownSlackTimezones(
    teamId: string,
    zones: Array<{ userId: string; zone: string | null; locale: string | null }>,
    fetchedAt: string,
  ): Promise<number>;
  /** Deletes every row that holds the person (entries, preferences, nudges, deliveries); returns the entries count. */
  forget(person: PersonKey): Promise<{ entries: number }>;
}

/** What was shown in a channel recently (quotes, facts, nudge lines), for no-repeat rotation. */
export interface HistoryRepository {
  recent(teamId: string, channelId: string, kind: string, limit: number): Promise<string[]>;
  record(teamId: string, channelId: string, kind: string, itemId: string, at: string): Promise<void>;
}

/** A channel's go-home nudge. `time` is HH:MM local in `zone`; disabled rows are kept (see 003_nudges.sql). */
export type ChannelNudge = {
  teamId: string;
  channelId: string;
  enabled: boolean;
  time: string;
  zone: string;
  /** Who turned it on: told privately if the bot can no longer post there. */
  setBy: string | null;
  /** Why the bot turned it off by itself (e.g. `not_in_channel`); null when a person turned it off. */
  offReason: string | null;
  /** The channel's language for posts (`/nudge here 22:00 zh`); null is DEFAULT_LOCALE. */
  locale: Locale | null;
  updatedAt: string;
};

/** A person's DM nudge. The zone is the person's own (override, Slack profile, NUDGE_TZ), resolved at send time. */
export type PersonNudge = PersonKey & {
  enabled: boolean;
  time: string;
  weekends: boolean;
  /** Local date (YYYY-MM-DD) from which nudges come again; null when not paused. */
  resumeOn: string | null;
  offReason: string | null;
  updatedAt: string;
};

/** An enabled person nudge with the zone facts the scheduler needs, read in one query. */
export type PersonNudgeTarget = PersonNudge & { tzOverride: string | null; slackTz: string | null };

export type DeliveryKind = 'channel' | 'person';
/**
 * pending: owed, enqueued by a planner, nobody holds it yet; claimed: held by `owner` until `leaseUntil`, nothing
 * in flight (or Slack definitely refused the last post, e.g. 429); sending: a post may be in flight;
 * sent / failed / skipped: final, never change again.
 */
export type DeliveryStatus = 'pending' | 'claimed' | 'sending' | 'sent' | 'failed' | 'skipped';

/**
 * Posts that may have reached Slack for one slot, at most. chat.postMessage has no idempotency key, so every
 * post whose answer we did not get (crash, timeout, 5xx, dropped connection) may have landed; the store refuses
 * a post beyond this bound (`markSending`), so no sequence of crashes and failures can exceed it.
 */
export const MAX_UNCERTAIN_POSTS = 2;

export type Delivery = {
  key: string;
  teamId: string;
  kind: DeliveryKind;
  /** Channel id, or the user id for a personal nudge. */
  targetId: string;
  slotAt: string;
  night: string | null;
  status: DeliveryStatus;
  owner: string | null;
  leaseUntil: string | null;
  /** Posts that may have reached Slack (entered `sending` and were not refused); never above MAX_UNCERTAIN_POSTS. */
  attempts: number;
  /** Times a `sending` claim was taken over after its lease ran out (its holder died mid-post). */
  reclaims: number;
  error: string | null;
  messageTs: string | null;
  updatedAt: string;
};

export type NewDelivery = Pick<Delivery, 'key' | 'teamId' | 'kind' | 'targetId' | 'slotAt' | 'night'>;

/**
 * Nudge settings and the delivery ledger: the exactly-once (at most MAX_UNCERTAIN_POSTS) machinery shared by any
 * number of processes ("replicas") on one store.
 *
 * CLOCK. Every time comparison made for coordination uses the STORE's clock, never the caller's: the caller passes
 * DURATIONS (`leaseMs`, `graceMs`, `ttlMs`), the store computes `now + leaseMs` and compares `lease_until < now`
 * itself. Postgres uses `now()` (one clock for all hosts, so host clock skew cannot cause an early takeover);
 * SQLite uses the clock injected into the store (tests drive it). `clock()` returns that clock, so a planner can
 * decide which slots are due on the same clock. `updated_at` is stamped by the store's clock too.
 *
 * UNIQUENESS. A delivery row's primary key is `key` (kind:team:target:slotISO). A second unique index on
 * (team_id, kind, target_id, night) WHERE night IS NOT NULL allows one nightly nudge per target per night, so a
 * time or zone change, or a repeated fall-back hour, cannot owe a second one. Every insert (`enqueue`, `claim`,
 * `recordSkipped`) is insert-if-absent against BOTH (`ON CONFLICT DO NOTHING`): whoever inserts first wins, a
 * loser changes nothing and sees false / is not counted.
 *
 * FENCING. Every update of a held row (`renew`, `renewAll`, `mark*`, `release`) has `WHERE owner = $owner` and
 * the status it expects; it returns false (or counts 0) when the row moved on (taken over, finished), and then
 * changes nothing. Final statuses (sent, failed, skipped) never change.
 *
 * ATOMIC. `claimBatch` selects and updates in one transaction (Postgres: `SELECT … FOR UPDATE SKIP LOCKED` inside
 * an `UPDATE … RETURNING`), so two replicas asking at the same moment get disjoint rows and a row is held by one
 * owner at a time. `expire` is one statement. `tryAcquireLease` is one upsert.
 *
 * THE BOUND. `attempts` counts posts that may have reached Slack: `markSending` adds one and only succeeds while
 * attempts < MAX_UNCERTAIN_POSTS; `markRefused` (Slack definitely did not post) takes it back; `markUncertain`
 * keeps it. A `sending` row whose lease ran out (its holder died mid-post) keeps its attempt when taken over.
 */
export interface NudgeRepository {
  /** Turns a channel's nudge on (or changes its time and zone). */
  enableChannel(nudge: {
    teamId: string;
    channelId: string;
    time: string;
    zone: string;
    setBy: string;
    at: string;
    /** The channel's language; undefined keeps the one it has. */
    locale?: Locale | null;
  }): Promise<void>;
  /**
   * Sets a channel's language alone. A channel without a nudge row gets one that is off (`fallback` time and
   * zone), so choosing a language never turns a nudge on.
   */
  setChannelLocale(
    teamId: string,
    channelId: string,
    locale: Locale | null,
    fallback: { time: string; zone: string },
    at: string,
  ): Promise<void>;
  /**
   * Turns a channel's nudge off (a row is written even for a channel that had none, so the NUDGE_CHANNEL can be
   * silenced). Returns the row as it was before, if any.
   */
  disableChannel(
    teamId: string,
    channelId: string,
    fallback: { time: string; zone: string },
    reason: string | null,
    at: string,
  ): Promise<ChannelNudge | undefined>;
  getChannel(teamId: string, channelId: string): Promise<ChannelNudge | undefined>;
  /** Every channel row of the workspace, on or off. */
  listChannels(teamId: string): Promise<ChannelNudge[]>;
  /** Enabled channel nudges across workspaces (the scheduler tick). */
  enabledChannels(): Promise<ChannelNudge[]>;
  getPerson(person: PersonKey): Promise<PersonNudge | undefined>;
  savePerson(nudge: PersonNudge): Promise<void>;
  /** Enabled personal nudges with the person's zone facts (the scheduler tick). */
  enabledPeople(): Promise<PersonNudgeTarget[]>;
  countEnabledPeople(teamId: string): Promise<number>;

  /** The store's clock: the instant every lease and grace comparison below is made at. */
  clock(): Promise<Date>;
  /**
   * Inserts each delivery as `pending` (no owner, no lease) unless its key or its (target, night) already has a row.
   * Any replica may call it for the same slots at the same time; each slot gets one row. Returns how many were new.
   */
  enqueue(deliveries: readonly NewDelivery[]): Promise<number>;
  /**
   * Inserts one delivery directly as `claimed` by `owner` (lease = now + leaseMs), for "send now"; false when the key
   * or the target's night already has a row.
   */
  claim(delivery: NewDelivery, owner: string, leaseMs: number): Promise<boolean>;
  /** Inserts a slot that was too late to send as `skipped` with `reason`; false when it already had a row. */
  recordSkipped(delivery: NewDelivery, reason: string): Promise<boolean>;
  /**
   * Atomically takes up to `limit` deliveries for `owner`, oldest slot first, among rows whose slot is younger than
   * `graceMs` (slot_at > now - graceMs) and that are:
   * - `pending`;
   * - `claimed` with an expired lease (lease_until < now) and attempts < MAX_UNCERTAIN_POSTS: nothing is in
   *   flight, so taking it over is always safe;
   * - `sending` with an expired lease and attempts < MAX_UNCERTAIN_POSTS: its holder died mid-post, so that post
   *   stays counted as uncertain (attempts unchanged) and `reclaims` goes up by one.
   * Each taken row becomes `claimed`, owner = `owner`, lease_until = now + leaseMs. Returns the rows as updated.
   * Concurrent callers never get the same row (Postgres: FOR UPDATE SKIP LOCKED; SQLite: one write transaction).
   */
  claimBatch(owner: string, limit: number, leaseMs: number, graceMs: number): Promise<Delivery[]>;
  /**
   * Closes what can no longer be sent, in one statement, and returns the rows as updated:
   * - `pending` rows with slot_at <= now - graceMs become `skipped` (error 'expired before it could be sent');
   * - `claimed`/`sending` rows with an expired lease become `failed` if their slot is past the grace window
   *   (error 'expired: …') or attempts >= MAX_UNCERTAIN_POSTS (error 'abandoned: …').
   * Rows with a live lease are never touched: their holder decides.
   */
  expire(graceMs: number): Promise<Delivery[]>;
  /** Fenced: lease_until = now + leaseMs while `owner` holds it (claimed or sending). */
  renew(key: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Fenced: renews every claimed/sending row of this owner (one statement); returns how many. */
  renewAll(owner: string, leaseMs: number): Promise<number>;
  /**
   * Fenced: claimed → sending, attempts + 1, lease = now + leaseMs; only while attempts < MAX_UNCERTAIN_POSTS.
   * False when `owner` does not hold it as `claimed`, or when the bound is reached (the caller then marks it failed).
   */
  markSending(key: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Fenced, sending → claimed: Slack definitely did not post (429, an error answer); attempts - 1; error kept. */
  markRefused(key: string, owner: string, leaseMs: number, error: string): Promise<boolean>;
  /** Fenced, sending → claimed: the post may have reached Slack (5xx, timeout, dropped); attempts kept. */
  markUncertain(key: string, owner: string, leaseMs: number, error: string): Promise<boolean>;
  /** Fenced, claimed/sending → sent; clears error and lease. */
  markSent(key: string, owner: string, messageTs: string | null): Promise<boolean>;
  /** Fenced, claimed/sending → failed with `error`; clears the lease. */
  markFailed(key: string, owner: string, error: string): Promise<boolean>;
  /**
   * Fenced: hands every `claimed` row of `owner` back as `pending` (owner and lease cleared, attempts kept), so
   * another replica can claim it at once; `sending` rows are not touched (their post is settled first). Graceful
   * stop calls it. Returns how many were handed back.
   */
  release(owner: string): Promise<number>;
  getDelivery(key: string): Promise<Delivery | undefined>;
  /** Deletes deliveries for slots before `before` (an ISO instant); returns how many. */
  prune(before: string): Promise<number>;
  getState(key: string): Promise<string | undefined>;
  setState(key: string, value: string): Promise<void>;
}

/**
 * Named leases for work that must run on one replica at a time per workspace (directory sync, pruning). A lease
 * row is (name, owner, until); like the ledger, `until` is computed and compared on the store's clock.
 */
export interface LeaseRepository {
  /**
   * One upsert: takes `name` for `owner` until now + ttlMs if nobody holds it, its lease expired, or `owner`
   * already holds it (then it is extended). True when `owner` holds it afterwards.
   */
  tryAcquireLease(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Drops the lease if `owner` holds it (fenced); a no-op otherwise. */
  releaseLease(name: string, owner: string): Promise<void>;
}

/**
 * One app installation (OAuth mode), keyed the way Bolt keys them: an org-wide Enterprise Grid install
 * (`isEnterpriseInstall`) by its enterprise id, every other install by its team id. Instants are ISO-8601 UTC.
 */
export type InstallationRecord = {
  /** The enterprise id (`E…`) of an org-wide install, otherwise the team id (`T…`). Primary key. */
  key: string;
  /** Null for an org-wide install. */
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  /**
   * Bolt's whole `Installation` as JSON, sealed with AES-256-GCM by src/oauth/crypto.ts. Opaque to the store:
   * kept verbatim, never parsed or logged.
   */
  sealed: string;
  /** When the bot token expires (token rotation), or null. Not secret; kept for operators. */
  expiresAt: string | null;
  /** When the workspace installed (the OAuth redirect). A token refresh keeps it; a reinstall moves it. */
  installedAt: string;
  updatedAt: string;
};

export type RemoveWorkspaceResult =
  | { removed: true; installations: number; rows: number }
  /** An installation under one of the keys was made after `before`: nothing was deleted. */
  | { removed: false; reason: 'newer_installation' };

/**
 * Installations and everything that goes with them (OAuth mode). Postgres: the same three tables (see
 * migrations/010_installations.sql), the lock as an `INSERT … ON CONFLICT (key) DO UPDATE … WHERE
 * installation_locks.lease_until < $now RETURNING owner` (or `SELECT … FOR UPDATE` on the installation row in
 * a transaction held across the refresh), and `removeWorkspace` as one transaction over every table that has a
 * `team_id` column.
 */
export interface InstallationRepository {
  /** Inserts or replaces the row under `record.key` (every column). */
  save(record: InstallationRecord): Promise<void>;
  get(key: string): Promise<InstallationRecord | undefined>;
  /** Every installation, for work that runs per workspace (directory sync, nudges). */
  list(): Promise<InstallationRecord[]>;
  /**
   * Uninstall, in one transaction: when none of the installations under `keys` was installed after `before`
   * (the event's time), deletes those installations, their locks and every row of `teamId` in every other
   * table (hours, people, history, nudges, delivery records, scheduler state: whatever holds a team id), and
   * returns how much went. Otherwise deletes nothing. Idempotent: a second call finds nothing and succeeds.
   */
  removeWorkspace(input: { teamId: string; keys: string[]; before: string }): Promise<RemoveWorkspaceResult>;
  /**
   * A lease on one installation's token refresh, across processes: true when `owner` now holds it (it was
   * free, expired at `now`, or already `owner`'s), false when another owner's lease runs past `now`.
   */
  tryLock(key: string, owner: string, leaseUntil: string, now: string): Promise<boolean>;
  /** Releases the lease if `owner` still holds it. */
  unlock(key: string, owner: string): Promise<void>;
  /**
   * Records an OAuth state as used: true the first time, false when it was used before (a replayed
   * redirect). Rows older than `pruneBefore` may be deleted (states expire after 10 minutes anyway).
   */
  consumeState(stateHash: string, at: string, pruneBefore: string): Promise<boolean>;
}

export interface Store {
  readonly hours: HoursRepository;
  readonly people: PeopleRepository;
  readonly history: HistoryRepository;
  readonly nudges: NudgeRepository;
  readonly leases: LeaseRepository;
  /** Uploaded week chart pictures (src/store/charts.ts). */
  readonly charts: ChartFileRepository;
  /** Who wants the Monday digest (src/store/digests.ts). */
  readonly digests: DigestRepository;
  /** Every workspace (team id) that has any row, sorted; local mode refuses a store holding another one. */
  workspaceIds(): Promise<string[]>;
  readonly installations: InstallationRepository;
  /** Resolves when the store answers a query; used by /healthz. */
  ping(): Promise<void>;
  /**
   * Resolves when the store can serve traffic (used by /readyz); otherwise throws a LightsOutError coded
   * `store_unreachable` (closed handle, failing query) or `store_migrations_pending` (the database's recorded
   * schema version is older than the newest migration this process knows).
   */
  checkReady(): Promise<void>;
  close(): Promise<void>;
}
