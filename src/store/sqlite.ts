import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { LightsOutError } from '../errors.js';
import { projectPath } from '../paths.js';
import { sqliteInstallationRepository } from './sqlite-installations.js';
import { NUDGE_FORGET_SQL, sqliteNudgeRepository } from './sqlite-nudges.js';
import type {
  AddEntryResult,
  DayTotal,
  HistoryRepository,
  HoursEntry,
  HoursRepository,
  InstallationRepository,
  NewHoursEntry,
  NudgeRepository,
  PeopleRepository,
  Person,
  PersonKey,
  Store,
} from './types.js';

export type Migration = { version: number; name: string; sql: string };

/** `NNN_name.sql` files, applied in numeric order. */
export function readMigrations(dir = projectPath('src', 'store', 'migrations')): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{3}_[\w-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file.replace(/\.sql$/, ''),
      sql: readFileSync(join(dir, file), 'utf8'),
    }));
}

type EntryRow = {
  id: number;
  team_id: string;
  user_id: string;
  work_date: string;
  minutes: number;
  note: string | null;
  logged_at: string;
};

const toEntry = (row: EntryRow): HoursEntry => ({
  id: row.id,
  teamId: row.team_id,
  userId: row.user_id,
  workDate: row.work_date,
  minutes: row.minutes,
  note: row.note,
  loggedAt: row.logged_at,
});

/** How many shown items to keep per channel and kind; rotation never looks further back than this. */
const HISTORY_KEPT = 50;

export type SqliteStoreOptions = { migrations?: Migration[] };

export class SqliteStore implements Store {
  readonly hours: HoursRepository;
  readonly people: PeopleRepository;
  readonly history: HistoryRepository;
  readonly nudges: NudgeRepository;
  readonly installations: InstallationRepository;
  readonly schemaVersion: number;
  private readonly db: Database.Database;
  /** The newest migration this process knows; /readyz fails while the database records an older one. */
  private readonly latestMigration: number;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      this.db = new Database(path);
    } catch (error) {
      throw new LightsOutError(
        'store_open_failed',
        `Cannot open the store at ${path}: ${(error as Error).message}. Check DATABASE_URL and that the folder is writable.`,
        { cause: error },
      );
    }
    // WAL lets /healthz and reads run beside a write; NORMAL sync keeps every committed write across a crash
    // of the process (kill -9), losing at most the last commits on power loss.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    const migrations = options.migrations ?? readMigrations();
    this.latestMigration = migrations.reduce((max, migration) => Math.max(max, migration.version), 0);
    this.schemaVersion = this.migrate(migrations);
    this.hours = this.hoursRepository();
    this.people = this.peopleRepository();
    this.history = this.historyRepository();
    this.nudges = sqliteNudgeRepository(this.db);
    this.installations = sqliteInstallationRepository(this.db, (teamId) => {
      this.flushHistory();
      this.forgetHistoryOf(teamId);
    });
  }

  /** The raw handle, for repositories that later features add next to this file. */
  get handle(): Database.Database {
    return this.db;
  }

  private migrate(migrations: Migration[]): number {
    const db = this.db;
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const latestKnown = migrations.reduce((max, migration) => Math.max(max, migration.version), 0);
    const current = this.recordedVersion();
    if (current > latestKnown) {
      throw new LightsOutError(
        'store_too_new',
        `The store was written by a newer Lights Out (schema version ${current}; this version knows up to ${latestKnown}). Upgrade Lights Out or point DATABASE_URL at another file.`,
      );
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      try {
        db.transaction(() => {
          db.exec(migration.sql);
          record.run(migration.version, migration.name, new Date().toISOString());
        }).immediate();
      } catch (error) {
        throw new LightsOutError(
          'store_migration_failed',
          `Migration ${migration.name} failed: ${(error as Error).message}`,
          { cause: error },
        );
      }
    }
    return Math.max(current, latestKnown);
  }

  private hoursRepository(): HoursRepository {
    const db = this.db;
    const dayTotal = db.prepare<[string, string, string], { minutes: number }>(
      `SELECT COALESCE(SUM(minutes), 0) AS minutes FROM hours_entries
       WHERE team_id = ? AND user_id = ? AND work_date = ?`,
    );
    const insert = db.prepare<[string, string, string, number, string | null, string]>(
      `INSERT INTO hours_entries (team_id, user_id, work_date, minutes, note, logged_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const selectOne = db.prepare<[string, string, number], EntryRow>(
      'SELECT * FROM hours_entries WHERE team_id = ? AND user_id = ? AND id = ?',
    );
    const selectLatest = db.prepare<[string, string], EntryRow>(
      'SELECT * FROM hours_entries WHERE team_id = ? AND user_id = ? ORDER BY id DESC LIMIT 1',
    );
    const deleteOne = db.prepare<[number]>('DELETE FROM hours_entries WHERE id = ?');
    const daily = db.prepare<[string, string, string, string], DayTotal>(
      `SELECT work_date AS date, SUM(minutes) AS minutes FROM hours_entries
       WHERE team_id = ? AND user_id = ? AND work_date BETWEEN ? AND ?
       GROUP BY work_date ORDER BY work_date`,
    );
    const recentDaily = db.prepare<[string, string, string, number], DayTotal>(
      `SELECT work_date AS date, SUM(minutes) AS minutes FROM hours_entries
       WHERE team_id = ? AND user_id = ? AND work_date <= ?
       GROUP BY work_date ORDER BY work_date DESC LIMIT ?`,
    );
    const all = db.prepare<[string, string], EntryRow>(
      `SELECT * FROM hours_entries WHERE team_id = ? AND user_id = ? ORDER BY work_date, id`,
    );
    const count = db.prepare<[string, string], { n: number }>(
      'SELECT COUNT(*) AS n FROM hours_entries WHERE team_id = ? AND user_id = ?',
    );
    const team = db.prepare<[string, string, string], { minutes: number }>(
      `SELECT SUM(minutes) AS minutes FROM hours_entries
       WHERE team_id = ? AND work_date BETWEEN ? AND ? GROUP BY user_id`,
    );

    // IMMEDIATE takes the write lock before reading the day total, so a second process cannot slip in.
    const addEntry = db.transaction((entry: NewHoursEntry, cap: number): AddEntryResult => {
      const before = dayTotal.get(entry.teamId, entry.userId, entry.workDate)?.minutes ?? 0;
      if (before + entry.minutes > cap) return { ok: false, reason: 'day_cap', dayMinutes: before };
      const { lastInsertRowid } = insert.run(
        entry.teamId,
        entry.userId,
        entry.workDate,
        entry.minutes,
        entry.note,
        entry.loggedAt,
      );
      return { ok: true, entry: { ...entry, id: Number(lastInsertRowid) }, dayMinutes: before + entry.minutes };
    });
    const removeWhere = db.transaction((row: EntryRow | undefined) => {
      if (!row) return undefined;
      deleteOne.run(row.id);
      return toEntry(row);
    });

    return {
      addEntry: async (entry, cap) => addEntry.immediate(entry, cap),
      removeEntry: async ({ teamId, userId }, id) => removeWhere.immediate(selectOne.get(teamId, userId, id)),
      removeLatestEntry: async ({ teamId, userId }) => removeWhere.immediate(selectLatest.get(teamId, userId)),
      dailyTotals: async ({ teamId, userId }, from, to) => daily.all(teamId, userId, from, to),
      recentDailyTotals: async ({ teamId, userId }, to, limit) => recentDaily.all(teamId, userId, to, limit),
      countEntries: async ({ teamId, userId }) => count.get(teamId, userId)?.n ?? 0,
      allEntries: async ({ teamId, userId }) => all.all(teamId, userId).map(toEntry),
      teamTotals: async (teamId, from, to) => team.all(teamId, from, to).map((row) => row.minutes),
    };
  }

  private peopleRepository(): PeopleRepository {
    const db = this.db;
    type PersonRow = {
      team_id: string;
      user_id: string;
      tz_override: string | null;
      slack_tz: string | null;
      slack_tz_fetched_at: string | null;
    };
    const select = db.prepare<[string, string], PersonRow>('SELECT * FROM people WHERE team_id = ? AND user_id = ?');
    const upsertOverride = db.prepare<[string, string, string | null]>(
      `INSERT INTO people (team_id, user_id, tz_override) VALUES (?, ?, ?)
       ON CONFLICT (team_id, user_id) DO UPDATE SET tz_override = excluded.tz_override`,
    );
    const upsertSlackTz = db.prepare<[string, string, string | null, string]>(
      `INSERT INTO people (team_id, user_id, slack_tz, slack_tz_fetched_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (team_id, user_id) DO UPDATE
       SET slack_tz = excluded.slack_tz, slack_tz_fetched_at = excluded.slack_tz_fetched_at`,
    );
    const saveMany = db.transaction(
      (teamId: string, zones: Array<{ userId: string; zone: string | null }>, fetchedAt: string) => {
        for (const { userId, zone } of zones) upsertSlackTz.run(teamId, userId, zone, fetchedAt);
      },
    );
    const deleteEntries = db.prepare<[string, string]>('DELETE FROM hours_entries WHERE team_id = ? AND user_id = ?');
    const deletePerson = db.prepare<[string, string]>('DELETE FROM people WHERE team_id = ? AND user_id = ?');
    // Everything else that belongs to a person (each statement takes team id, user id), so `forget` is complete.
    const forgetElsewhere = NUDGE_FORGET_SQL.map((sql) => db.prepare<[string, string]>(sql));
    const forget = db.transaction((teamId: string, userId: string) => {
      const { changes } = deleteEntries.run(teamId, userId);
      deletePerson.run(teamId, userId);
      for (const statement of forgetElsewhere) statement.run(teamId, userId);
      return { entries: changes };
    });
    return {
      getPerson: async ({ teamId, userId }) => {
        const row = select.get(teamId, userId);
        if (!row) return undefined;
        const person: Person = {
          teamId: row.team_id,
          userId: row.user_id,
          tzOverride: row.tz_override,
          slackTz: row.slack_tz,
          slackTzFetchedAt: row.slack_tz_fetched_at,
        };
        return person;
      },
      setTimezoneOverride: async ({ teamId, userId }, zone) => {
        upsertOverride.run(teamId, userId, zone);
      },
      saveSlackTimezone: async ({ teamId, userId }, zone, fetchedAt) => {
        upsertSlackTz.run(teamId, userId, zone, fetchedAt);
      },
      saveSlackTimezones: async (teamId, zones, fetchedAt) => saveMany.immediate(teamId, zones, fetchedAt),
      forget: async ({ teamId, userId }: PersonKey) => forget.immediate(teamId, userId),
    };
  }

  /**
   * Rotation history sits on the hot path of every /quote and /fact. Reads come from a per-channel cache
   * (loaded once from the table); records update the cache at once and reach the table in one batched
   * transaction per event-loop turn, with pruning, so a burst of commands costs one commit, not one each.
   * The rule it serves is soft (no repeat among the last few), so a record lost to kill -9 is acceptable, and a
   * second process writing the same channel is seen after a restart.
   */
  private historyRepository(): HistoryRepository {
    const db = this.db;
    const load = db.prepare<[string, string, string, number], { id: number; item_id: string }>(
      `SELECT id, item_id FROM shown_items WHERE team_id = ? AND channel_id = ? AND kind = ?
       ORDER BY id DESC LIMIT ?`,
    );
    const insert = db.prepare<[string, string, string, string, string]>(
      'INSERT INTO shown_items (team_id, channel_id, kind, item_id, shown_at) VALUES (?, ?, ?, ?, ?)',
    );
    const prune = db.prepare<[string, string, string, number]>(
      'DELETE FROM shown_items WHERE team_id = ? AND channel_id = ? AND kind = ? AND id < ?',
    );
    type Recent = { items: string[] };
    type Pending = { teamId: string; channelId: string; kind: string; itemId: string; at: string };
    const cache = new Map<string, Recent>();
    let pending: Pending[] = [];
    const recentOf = (teamId: string, channelId: string, kind: string): Recent => {
      const key = `${teamId}\u0000${channelId}\u0000${kind}`;
      let recent = cache.get(key);
      if (!recent) {
        recent = { items: load.all(teamId, channelId, kind, HISTORY_KEPT).map((row) => row.item_id) };
        cache.set(key, recent);
      }
      return recent;
    };
    const flush = db.transaction((batch: Pending[]) => {
      const touched = new Map<string, Pending>();
      for (const record of batch) {
        insert.run(record.teamId, record.channelId, record.kind, record.itemId, record.at);
        touched.set(`${record.teamId}\u0000${record.channelId}\u0000${record.kind}`, record);
      }
      for (const { teamId, channelId, kind } of touched.values()) {
        const oldestKept = load.all(teamId, channelId, kind, HISTORY_KEPT).at(-1)?.id;
        if (oldestKept !== undefined) prune.run(teamId, channelId, kind, oldestKept);
      }
    });
    this.forgetHistoryOf = (teamId) => {
      for (const key of cache.keys()) if (key.startsWith(`${teamId}\u0000`)) cache.delete(key);
    };
    this.flushHistory = () => {
      if (pending.length === 0 || !db.open) return;
      const batch = pending;
      pending = [];
      flush.immediate(batch);
    };
    return {
      recent: async (teamId, channelId, kind, limit) => recentOf(teamId, channelId, kind).items.slice(0, limit),
      record: async (teamId, channelId, kind, itemId, at) => {
        const recent = recentOf(teamId, channelId, kind);
        recent.items.unshift(itemId);
        recent.items.length = Math.min(recent.items.length, HISTORY_KEPT);
        if (pending.length === 0) setImmediate(() => this.flushHistory());
        pending.push({ teamId, channelId, kind, itemId, at });
      },
    };
  }

  private flushHistory: () => void = () => undefined;
  /** Drops a team's cached rotation history (uninstall), after its pending records were flushed. */
  private forgetHistoryOf: (teamId: string) => void = () => undefined;

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async checkReady(): Promise<void> {
    let recorded: number;
    try {
      recorded = this.recordedVersion();
    } catch (error) {
      throw new LightsOutError('store_unreachable', `The store does not answer: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (recorded < this.latestMigration) {
      throw new LightsOutError(
        'store_migrations_pending',
        `The store is at schema version ${recorded}; migrations up to ${this.latestMigration} are pending.`,
      );
    }
  }

  private recordedVersion(): number {
    const row = this.db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as {
      version: number | null;
    };
    return row.version ?? 0;
  }

  async close(): Promise<void> {
    this.flushHistory();
    if (this.db.open) this.db.close();
  }
}

export function openStore(databaseUrl: string): SqliteStore {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new LightsOutError(
      'store_open_failed',
      'DATABASE_URL is a postgres:// URL, but this version of Lights Out stores data in SQLite only. Use a file path such as ./data/lights-out.db.',
    );
  }
  return new SqliteStore(databaseUrl.replace(/^sqlite:(\/\/)?/, '').replace(/^file:/, ''));
}
