import type pg from 'pg';
import { LightsOutError } from '../../errors.js';
import type { ChartFileRepository } from '../charts.js';
import type { DigestRepository } from '../digests.js';
import { latestVersion, type Migration, readMigrations } from '../migrations.js';
import type {
  HistoryRepository,
  HoursRepository,
  InstallationRepository,
  LeaseRepository,
  NudgeRepository,
  PeopleRepository,
  Store,
} from '../types.js';
import { CHART_SQL, PG_CHART_FORGET_SQL, postgresChartFileRepository } from './charts.js';
import { DIGEST_SQL, PG_DIGEST_FORGET_SQL, postgresDigestRepository } from './digests.js';
import { HISTORY_SQL, postgresHistoryRepository } from './history.js';
import { HOURS_SQL, postgresHoursRepository } from './hours.js';
import { INSTALLATION_SQL, postgresInstallationRepository } from './installations.js';
import { LEDGER_SQL, postgresLeaseRepository } from './ledger.js';
import { appliedVersion, migratePostgres } from './migrate.js';
import { NUDGE_SQL, PG_NUDGE_FORGET_SQL, postgresNudgeRepository } from './nudges.js';
import { PEOPLE_SQL, postgresPeopleRepository } from './people.js';
import { createPool, type PoolOptions, redactUrl } from './pool.js';

export type PostgresStoreOptions = PoolOptions & { migrations?: Migration[] };

/** Every statement text the Postgres repositories run, by name (the index test explains them). */
export const POSTGRES_STATEMENTS: Readonly<Record<string, string>> = Object.fromEntries([
  ...Object.entries(HOURS_SQL).map(([name, sql]) => [`hours.${name}`, sql]),
  ...Object.entries(PEOPLE_SQL).map(([name, sql]) => [`people.${name}`, sql]),
  ...Object.entries(HISTORY_SQL).map(([name, sql]) => [`history.${name}`, sql]),
  ...Object.entries(NUDGE_SQL).map(([name, sql]) => [`nudges.${name}`, sql]),
  ...Object.entries(LEDGER_SQL).map(([name, sql]) => [`ledger.${name}`, sql]),
  ...Object.entries(INSTALLATION_SQL).map(([name, sql]) => [`installations.${name}`, sql]),
  ...PG_NUDGE_FORGET_SQL.map((sql, index) => [`nudges.forget${index}`, sql]),
  ...Object.entries(CHART_SQL).map(([name, sql]) => [`charts.${name}`, sql]),
  ...PG_CHART_FORGET_SQL.map((sql, index) => [`charts.forget${index}`, sql]),
  ...Object.entries(DIGEST_SQL).map(([name, sql]) => [`digests.${name}`, sql]),
  ...PG_DIGEST_FORGET_SQL.map((sql, index) => [`digests.forget${index}`, sql]),
]);

export class PostgresStore implements Store {
  readonly hours: HoursRepository;
  readonly people: PeopleRepository;
  readonly history: HistoryRepository;
  readonly nudges: NudgeRepository;
  readonly leases: LeaseRepository;
  readonly installations: InstallationRepository;
  readonly charts: ChartFileRepository;
  readonly digests: DigestRepository;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    readonly schemaVersion: number,
    private readonly expectedVersion: number,
  ) {
    this.hours = postgresHoursRepository(pool);
    this.people = postgresPeopleRepository(pool);
    this.history = postgresHistoryRepository(pool);
    this.nudges = postgresNudgeRepository(pool);
    this.leases = postgresLeaseRepository(pool);
    this.installations = postgresInstallationRepository(pool);
    this.charts = postgresChartFileRepository(pool);
    this.digests = postgresDigestRepository(pool);
  }

  async workspaceIds(): Promise<string[]> {
    // Every table of this store's schema with a team_id column, read from the catalogue, so tables added by later
    // migrations count too. Identifiers come from the catalogue, quoted with format('%I').
    const { rows: tables } = await this.pool.query<{ name: string }>(
      `SELECT format('%I', c.table_name) AS name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = current_schema() AND c.column_name = 'team_id' AND t.table_type = 'BASE TABLE'
       ORDER BY 1`,
    );
    if (tables.length === 0) return [];
    const union = tables.map(({ name }) => `SELECT team_id FROM ${name}`).join(' UNION ');
    const { rows } = await this.pool.query<{ team_id: string }>(
      `SELECT team_id FROM (${union}) AS teams ORDER BY team_id COLLATE "C"`,
    );
    return rows.map((row) => row.team_id);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async checkReady(): Promise<void> {
    let applied: number;
    try {
      applied = await appliedVersion(this.pool);
    } catch (error) {
      throw new LightsOutError('store_unreachable', `Postgres does not answer: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (applied < this.expectedVersion) {
      throw new LightsOutError(
        'store_migrations_pending',
        `The database schema is at version ${applied}; this Lights Out needs ${this.expectedVersion} (migrations pending).`,
      );
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/**
 * Opens a bounded pool on `url` (postgres:// or postgresql://) and applies pending migrations under an advisory
 * lock, so any number of replicas may start at once. Async, unlike the SQLite store's constructor.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const migrations = options.migrations ?? readMigrations('postgres');
  const pool = createPool(url, options);
  try {
    const version = await migratePostgres(pool, migrations, options.schema);
    return new PostgresStore(pool, version, latestVersion(migrations));
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (error instanceof LightsOutError) throw error;
    throw new LightsOutError(
      'store_open_failed',
      `Cannot open the Postgres store at ${redactUrl(url)}: ${(error as Error).message}. Check DATABASE_URL and that the server is running.`,
      { cause: error },
    );
  }
}
