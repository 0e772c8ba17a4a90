import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe } from 'vitest';
import type { Migration } from '../../../src/store/migrations.js';
import { openPostgresStore, type PostgresStore } from '../../../src/store/postgres/store.js';
import { SqliteStore } from '../../../src/store/sqlite.js';
import type { Store } from '../../../src/store/types.js';

export type Dialect = 'sqlite' | 'postgres';
export type Column = { table: string; column: string };

/**
 * One empty database for one test: an SQLite file in a temporary folder, or a Postgres schema of its own with a
 * random name (dropped afterwards), so tests running in parallel never share rows. Each `open()` is a separate
 * store with its own connection(s), which is what a second process on the same database is.
 */
export interface TestDatabase {
  readonly dialect: Dialect;
  open(options?: { migrations?: Migration[]; max?: number }): Promise<Store>;
  /** Every column of every table in the database, read from its catalogue. */
  columns(): Promise<Column[]>;
  /** How many rows of `table` have `column` = `value`. */
  countWhere(table: string, column: string, value: string): Promise<number>;
  /** Every row of `table`, each as column → value (for checks over a whole schema). */
  rows(table: string): Promise<Array<Record<string, unknown>>>;
  /** Applied migration versions, ascending. */
  appliedVersions(): Promise<number[]>;
  /** Raw SQL in the dialect (for setting up states the interface cannot reach, e.g. a newer schema). */
  exec(sql: string): Promise<void>;
  /** The text of a plan (`EXPLAIN …` in the dialect), one line per node, on the same connection as `exec`. */
  explain(sql: string): Promise<string>;
  /** Environment naming this database, for a child process (see log-child.ts). */
  readonly childEnv: Record<string, string>;
  dispose(): Promise<void>;
}

export const postgresUrl = process.env.TEST_DATABASE_URL;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function sqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'lights-out-contract-'));
  const path = join(dir, 'store.db');
  const stores: SqliteStore[] = [];
  const raw = () => new Database(path);
  const read = <T>(work: (db: Database.Database) => T): T => {
    const db = raw();
    try {
      return work(db);
    } finally {
      db.close();
    }
  };
  return {
    dialect: 'sqlite',
    childEnv: { STORE_DIALECT: 'sqlite', STORE_URL: path },
    open: async (options = {}) => {
      const store = new SqliteStore(path, { ...(options.migrations ? { migrations: options.migrations } : {}) });
      stores.push(store);
      return store;
    },
    columns: async () =>
      read(
        (db) =>
          db
            .prepare(
              `SELECT m.name AS "table", c.name AS "column" FROM sqlite_master m, pragma_table_info(m.name) c
               WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`,
            )
            .all() as Column[],
      ),
    countWhere: async (table, column, value) =>
      read(
        (db) =>
          (
            db.prepare(`SELECT COUNT(*) AS n FROM ${quote(table)} WHERE ${quote(column)} = ?`).get(value) as {
              n: number;
            }
          ).n,
      ),
    rows: async (table) =>
      read((db) => db.prepare(`SELECT * FROM ${quote(table)}`).all() as Array<Record<string, unknown>>),
    appliedVersions: async () =>
      read((db) =>
        (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>).map(
          (row) => row.version,
        ),
      ),
    exec: async (sql) => read((db) => void db.exec(sql)),
    explain: async (sql) =>
      read((db) => (db.prepare(sql).all() as Array<{ detail: string }>).map((row) => row.detail).join('\n')),
    dispose: async () => {
      for (const store of stores.splice(0)) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresDatabase(url: string): Promise<TestDatabase> {
  const schema = `test_${randomBytes(8).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const stores: PostgresStore[] = [];
  const rows = async <R extends pg.QueryResultRow>(sql: string, values: unknown[] = []) =>
    (await admin.query<R>(sql, values)).rows;
  return {
    dialect: 'postgres',
    childEnv: { STORE_DIALECT: 'postgres', STORE_URL: url, STORE_SCHEMA: schema },
    open: async (options = {}) => {
      const store = await openPostgresStore(url, { schema, max: options.max ?? 4, ...options });
      stores.push(store);
      return store;
    },
    columns: () =>
      rows<Column>(
        `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
         WHERE table_schema = $1`,
        [schema],
      ),
    countWhere: async (table, column, value) =>
      (
        await rows<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${quote(table)} WHERE ${quote(column)}::text = $1`, [
          value,
        ])
      )[0]!.n,
    rows: (table) => rows(`SELECT * FROM ${quote(table)}`),
    appliedVersions: async () =>
      (await rows<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).map(
        (row) => row.version,
      ),
    exec: async (sql) => {
      await admin.query(sql);
    },
    explain: async (sql) => (await rows<{ 'QUERY PLAN': string }>(sql)).map((row) => row['QUERY PLAN']).join('\n'),
    dispose: async () => {
      for (const store of stores.splice(0)) await store.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

export const dialects: Array<{ name: Dialect; create: () => Promise<TestDatabase> }> = [
  { name: 'sqlite', create: async () => sqliteDatabase() },
  // Registered only when a Postgres is configured; test/store/postgres-setup.ts says so once when it is not.
  ...(postgresUrl ? [{ name: 'postgres' as const, create: () => postgresDatabase(postgresUrl) }] : []),
];

/** Registers `body` once per available store, each test with a fresh database. */
export function describeStores(title: string, body: (database: () => TestDatabase) => void): void {
  for (const dialect of dialects) {
    describe(`${title} [${dialect.name}]`, () => {
      let current: TestDatabase | undefined;
      beforeEach(async () => {
        current = await dialect.create();
      });
      afterEach(async () => {
        await current?.dispose();
        current = undefined;
      });
      body(() => current!);
    });
  }
}

export const entry = (
  workDate: string,
  minutes: number,
  who: { teamId: string; userId: string } = { teamId: 'T1', userId: 'U1' },
  note: string | null = null,
) => ({ ...who, workDate, minutes, note, loggedAt: '2026-11-29T06:00:00.000Z' });
