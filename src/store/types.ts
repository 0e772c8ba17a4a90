/**
 * The one storage interface. Async on purpose: the SQLite implementation answers synchronously, but a
 * Postgres implementation can follow without touching any caller.
 *
 * Every row is keyed by workspace (team id) and person (user id); nothing is shared across workspaces.
 * Dates called `workDate`/`from`/`to` are local calendar dates (YYYY-MM-DD) in the person's zone, fixed when
 * the entry is logged, so weeks are plain date ranges. Instants are ISO-8601 UTC strings.
 */
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
  /** Each person's total minutes in [from, to] for the workspace, one number per person who logged. */
  teamTotals(teamId: string, from: string, to: string): Promise<number[]>;
}

export interface PeopleRepository {
  getPerson(person: PersonKey): Promise<Person | undefined>;
  setTimezoneOverride(person: PersonKey, zone: string | null): Promise<void>;
  saveSlackTimezone(person: PersonKey, zone: string | null, fetchedAt: string): Promise<void>;
  /** Saves many people's Slack zones in one transaction (the daily directory sync). */
  saveSlackTimezones(
    teamId: string,
    zones: Array<{ userId: string; zone: string | null }>,
    fetchedAt: string,
  ): Promise<void>;
  /** Deletes every entry and preference of the person; returns how many hours entries went. */
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
 * claimed: ours, nothing posted yet (or Slack refused the post, e.g. 429); sending: a post may be in flight;
 * sent / failed / skipped: final.
 */
export type DeliveryStatus = 'claimed' | 'sending' | 'sent' | 'failed' | 'skipped';

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
  /** Posts that may have reached Slack (entered `sending` and were not refused). */
  attempts: number;
  /** Times a crashed `sending` claim was taken over. */
  reclaims: number;
  error: string | null;
  messageTs: string | null;
  updatedAt: string;
};

export type NewDelivery = Pick<Delivery, 'key' | 'teamId' | 'kind' | 'targetId' | 'slotAt' | 'night'>;

export interface NudgeRepository {
  /** Turns a channel's nudge on (or changes its time and zone). */
  enableChannel(nudge: {
    teamId: string;
    channelId: string;
    time: string;
    zone: string;
    setBy: string;
    at: string;
  }): Promise<void>;
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

  /** Inserts the claim; false when the slot (or the target's night) was already claimed by anyone. */
  claim(delivery: NewDelivery, owner: string, leaseUntil: string, at: string): Promise<boolean>;
  /** Records a slot that was too late to send; false when it already had a row. */
  recordSkipped(delivery: NewDelivery, reason: string, at: string): Promise<boolean>;
  /**
   * Takes over claims whose lease ran out, for slots after `slotAfter`: a `claimed` one always (nothing was
   * posted), a `sending` one only if it was never taken over before (retried once). Returns what was taken.
   */
  reclaimStale(now: string, slotAfter: string, owner: string, leaseUntil: string): Promise<Delivery[]>;
  /** Marks unfinished claims whose lease ran out and that can no longer be retried as failed; returns them. */
  failAbandoned(now: string, slotAfter: string): Promise<Delivery[]>;
  /** The fenced updates below only apply while `owner` still holds the claim; they return whether it did. */
  renew(key: string, owner: string, leaseUntil: string): Promise<boolean>;
  markSending(key: string, owner: string, leaseUntil: string, at: string): Promise<boolean>;
  /** Slack definitely did not post (429, or an error answer): back to claimed, the attempt not counted. */
  markRefused(key: string, owner: string, leaseUntil: string, error: string, at: string): Promise<boolean>;
  /** The post may or may not have reached Slack (timeout, 5xx): back to claimed, the attempt counted. */
  markUncertain(key: string, owner: string, leaseUntil: string, error: string, at: string): Promise<boolean>;
  markSent(key: string, owner: string, messageTs: string | null, at: string): Promise<boolean>;
  markFailed(key: string, owner: string, error: string, at: string): Promise<boolean>;
  /** Renews every unfinished claim of this owner (one statement, for long fan-outs). */
  renewAll(owner: string, leaseUntil: string): Promise<number>;
  getDelivery(key: string): Promise<Delivery | undefined>;
  /** Deletes deliveries for slots before `before`; returns how many. */
  prune(before: string): Promise<number>;
  getState(key: string): Promise<string | undefined>;
  setState(key: string, value: string): Promise<void>;
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
