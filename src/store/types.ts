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
  /** Deletes every entry and preference of the person; returns how many hours entries went. */
  forget(person: PersonKey): Promise<{ entries: number }>;
}

/** What was shown in a channel recently (quotes, facts, nudge lines), for no-repeat rotation. */
export interface HistoryRepository {
  recent(teamId: string, channelId: string, kind: string, limit: number): Promise<string[]>;
  record(teamId: string, channelId: string, kind: string, itemId: string, at: string): Promise<void>;
}

export interface Store {
  readonly hours: HoursRepository;
  readonly people: PeopleRepository;
  readonly history: HistoryRepository;
  /** Resolves when the store answers a query; used by /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
