import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { LightsOutError } from '../errors.js';
import type { ChartFileRepository } from './charts.js';
import type { DigestRepository } from './digests.js';
import { latestVersion, type Migration, readMigrations } from './migrations.js';
import { sqliteChartFileRepository } from './sqlite-charts.js';
import { sqliteDigestRepository } from './sqlite-digests.js';
import { sqliteHistoryRepository } from './sqlite-history.js';
import { sqliteHoursRepository } from './sqlite-hours.js';
import { sqliteInstallationRepository } from './sqlite-installations.js';
import { sqliteLeaseRepository, sqliteNudgeRepository } from './sqlite-nudges.js';
import { sqlitePeopleRepository } from './sqlite-people.js';
import type {
  HistoryRepository,
  HoursRepository,
  InstallationRepository,
  LeaseRepository,
  NudgeRepository,
  PeopleRepository,
  Store,
} from './types.js';

export { type Migration, readMigrations } from './migrations.js';

export type SqliteStoreOptions = {
  migrations?: Migration[];
  /** The clock leases and grace windows are decided on (default: the system clock); tests inject theirs. */
  now?: () => Date;
};

/** Wraps the handle's `prepare` so the store knows every statement text it uses (the index test walks them). */
function recordPrepared(db: Database.Database, into: Set<string>): void {
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    into.add(source);
    return prepare(source);
  }) as Database.Database['prepare'];
}

export class SqliteStore implements Store {
  readonly hours: HoursRepository;
  readonly people: PeopleRepository;
  readonly history: HistoryRepository;
  readonly nudges: NudgeRepository;
  readonly leases: LeaseRepository;
  readonly installations: InstallationRepository;
  readonly charts: ChartFileRepository;
  readonly digests: DigestRepository;
  readonly schemaVersion: number;
  private readonly db: Database.Database;
  private readonly expectedVersion: number;
  private readonly prepared = new Set<string>();
  private readonly flushHistory: () => void;

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
    // Deleted rows are overwritten with zeros, so `/hours forget` leaves nothing readable in the file.
    this.db.pragma('secure_delete = ON');
    const migrations = options.migrations ?? readMigrations('sqlite');
    this.expectedVersion = latestVersion(migrations);
    this.schemaVersion = this.migrate(migrations);
    recordPrepared(this.db, this.prepared);
    this.hours = sqliteHoursRepository(this.db);
    const { history, flush, dropCached } = sqliteHistoryRepository(this.db);
    this.history = history;
    this.flushHistory = flush;
    this.people = sqlitePeopleRepository(this.db, (person) => dropCached(person.teamId, person.userId));
    const clock = options.now ?? (() => new Date());
    this.nudges = sqliteNudgeRepository(this.db, clock);
    this.leases = sqliteLeaseRepository(this.db, clock);
    this.charts = sqliteChartFileRepository(this.db);
    this.digests = sqliteDigestRepository(this.db);
    this.installations = sqliteInstallationRepository(this.db, (teamId) => dropCached(teamId));
  }

  /** The raw handle, for SQLite-only tests (pragmas, files); code outside src/store never uses it. */
  get handle(): Database.Database {
    return this.db;
  }

  /** Every statement text the repositories prepared, so tests can check the real queries' plans. */
  get preparedStatements(): string[] {
    return [...this.prepared];
  }

  private appliedVersion(): number {
    const row = this.db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as {
      version: number | null;
    };
    return row.version ?? 0;
  }

  private migrate(migrations: Migration[]): number {
    const db = this.db;
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const latestKnown = latestVersion(migrations);
    const current = this.appliedVersion();
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

  async workspaceIds(): Promise<string[]> {
    // Every table with a team_id column, read from the schema, so tables added by later migrations count too.
    const tables = this.db
      .prepare<[], { name: string }>(
        `SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c
         WHERE m.type = 'table' AND c.name = 'team_id' ORDER BY m.name`,
      )
      .all();
    if (tables.length === 0) return [];
    const union = tables.map(({ name }) => `SELECT team_id FROM "${name}"`).join(' UNION ');
    return this.db
      .prepare<[], { team_id: string }>(`SELECT team_id FROM (${union}) ORDER BY team_id`)
      .all()
      .map((row) => row.team_id);
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async checkReady(): Promise<void> {
    let applied: number;
    try {
      applied = this.appliedVersion();
    } catch (error) {
      throw new LightsOutError('store_unreachable', `The store does not answer: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (applied < this.expectedVersion) {
      throw new LightsOutError(
        'store_migrations_pending',
        `The store's schema is at version ${applied}; this Lights Out needs ${this.expectedVersion} (migrations pending).`,
      );
    }
  }

  async close(): Promise<void> {
    this.flushHistory();
    if (this.db.open) this.db.close();
  }
}
