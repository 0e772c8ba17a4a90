import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { readMigrations, SqliteStore } from '../../src/store/sqlite.js';

// SQLite-only behaviour (files, pragmas, the raw handle). What every store must do is in test/store/contract.
let dir: string | undefined;
const stores: SqliteStore[] = [];

const tempPath = (name: string) => {
  dir ??= mkdtempSync(join(tmpdir(), 'lights-out-store-'));
  return join(dir, name);
};

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('SqliteStore: files and migrations', () => {
  it('creates parent folders, uses WAL, and records each migration once under its file name', async () => {
    const path = tempPath('a/b/lights.db');
    const store = new SqliteStore(path);
    expect(existsSync(path)).toBe(true);
    expect(store.handle.pragma('journal_mode', { simple: true })).toBe('wal');
    const migrations = readMigrations();
    expect(store.schemaVersion).toBe(Math.max(...migrations.map((m) => m.version)));
    await store.close();
    const again = new SqliteStore(path);
    stores.push(again);
    expect(again.handle.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual(
      migrations.map(({ version, name }) => ({ version, name })),
    );
  });

  it('keeps the names earlier releases recorded, so an existing store applies only what is new', () => {
    expect(
      readMigrations('sqlite')
        .map((m) => m.name)
        .slice(0, 2),
    ).toEqual(['001_initial', '003_nudges']);
  });

  it('004 rebuilds an existing ledger with AUTOINCREMENT, keeping every row and id (#11)', async () => {
    const path = tempPath('old.db');
    // A file as the last release left it: migrations 001 and 003 applied, written with that release's SQL.
    const released = new Database(path);
    released.exec(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    for (const m of readMigrations('sqlite').filter((m) => m.version < 4)) {
      released.exec(m.sql);
      released.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, 'then');
    }
    const insert = released.prepare(
      'INSERT INTO hours_entries (team_id, user_id, work_date, minutes, note, logged_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const entry = (minutes: number) => ({
      teamId: 'T1',
      userId: 'U1',
      workDate: '2026-11-27',
      minutes,
      note: `n${minutes}`,
      loggedAt: '2026-11-27T20:00:00.000Z',
    });
    const add = (minutes: number) => {
      const e = entry(minutes);
      return Number(insert.run(e.teamId, e.userId, e.workDate, e.minutes, e.note, e.loggedAt).lastInsertRowid);
    };
    for (const minutes of [10, 20, 30]) add(minutes);
    // Without AUTOINCREMENT the old ledger hands a deleted id out again.
    released.prepare('DELETE FROM hours_entries WHERE id = 3').run();
    expect(add(30)).toBe(3);
    const before = released.prepare('SELECT * FROM hours_entries ORDER BY id').all();
    released.close();

    const upgraded = new SqliteStore(path);
    stores.push(upgraded);
    expect(upgraded.handle.prepare('SELECT * FROM hours_entries ORDER BY id').all()).toEqual(before);
    expect(upgraded.handle.prepare("SELECT sql FROM sqlite_master WHERE name = 'hours_entries'").get()).toEqual({
      sql: expect.stringContaining('AUTOINCREMENT'),
    });
    const indexes = upgraded.handle
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'hours_entries' ORDER BY name")
      .all();
    expect(indexes).toEqual([
      { name: 'hours_entries_person_date' },
      { name: 'hours_entries_person_id' },
      { name: 'hours_entries_team_date' },
    ]);
    const latest = await upgraded.hours.removeLatestEntry({ teamId: 'T1', userId: 'U1' });
    const next = await upgraded.hours.addEntry(entry(5), 1440);
    expect(next.ok && next.entry.id).toBeGreaterThan(latest!.id);
  });

  it('rolls a failing migration back whole, leaving no half-made table in the file', () => {
    const path = tempPath('m.db');
    const migrations = [
      ...readMigrations(),
      { version: 900, name: '900_broken', sql: 'CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table;' },
    ];
    expect(() => new SqliteStore(path, { migrations })).toThrow(/900_broken failed/);
    const db = new Database(path);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });
});

describe('SqliteStore: workspaceIds', () => {
  it('finds team ids in tables that later migrations add, read from the schema', async () => {
    const store = new SqliteStore(tempPath('workspaces.db'));
    stores.push(store);
    await store.people.saveSlackTimezone({ teamId: 'T9', userId: 'U1' }, 'Europe/London', '2026-11-27T00:00:00Z');
    store.handle.exec("CREATE TABLE later_feature (team_id TEXT NOT NULL); INSERT INTO later_feature VALUES ('T0')");
    expect(await store.workspaceIds()).toEqual(['T0', 'T9']);
  });
});

/** The query plan of `sql` with every parameter (positional `?` or named `@name`) bound to NULL. */
function explain(store: SqliteStore, sql: string): string {
  const named = [...sql.matchAll(/@(\w+)/g)].map((match) => match[1]!);
  const params = named.length
    ? [Object.fromEntries(named.map((name) => [name, null]))]
    : Array((sql.match(/\?/g) ?? []).length).fill(null);
  return (store.handle.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
    .map((row) => row.detail)
    .join(' | ');
}

describe('SqliteStore: every query the store prepares rides an index', () => {
  it('has no full table scan in the plan of any prepared statement', async () => {
    const store = new SqliteStore(':memory:');
    stores.push(store);
    await store.ping();
    const statements = store.preparedStatements;
    // The walk covers the real statements of every repository, not a copy typed here.
    for (const table of [
      'hours_entries',
      'people',
      'shown_items',
      'nudge_channels',
      'nudge_people',
      'nudge_deliveries',
    ]) {
      expect(statements.some((sql) => sql.includes(table))).toBe(true);
    }
    // Reads that are whole by design, each with its reason: nothing here runs on a command's or a nudge's path.
    const wholeByDesign = [
      'SELECT * FROM installations ORDER BY key', // every installation: background work runs per workspace
      "DELETE FROM nudge_state WHERE key LIKE '%:' || ? || ':%'", // uninstall only: keys that name the team
      'FROM sqlite_master', // the schema itself (uninstall, forget checks)
      'FROM pragma_table_info(?)',
    ];
    const scans: string[] = [];
    for (const sql of statements) {
      if (wholeByDesign.some((fragment) => sql.includes(fragment))) continue;
      const plan = explain(store, sql);
      // `SCAN t USING INDEX` walks an index (e.g. the partial index of open claims); a bare `SCAN t` reads the table.
      if (/\bSCAN (?!CONSTANT ROW)\w+\b(?! USING)/.test(plan)) scans.push(`${sql.replace(/\s+/g, ' ')} => ${plan}`);
    }
    expect(scans).toEqual([]);
  });

  it('answers week, undo, day-total and team queries from the covering indexes', () => {
    const store = new SqliteStore(':memory:');
    stores.push(store);
    const planOf = (fragment: string) => {
      const sql = store.preparedStatements.find((text) => text.includes(fragment));
      if (!sql) throw new Error(`no prepared statement contains ${fragment}`);
      return explain(store, sql);
    };
    expect(planOf('work_date BETWEEN ? AND ?\n')).toMatch(/COVERING INDEX hours_entries_person_date/);
    expect(planOf('work_date <= ?')).toMatch(/COVERING INDEX hours_entries_person_date/);
    expect(planOf('work_date <= ?')).not.toMatch(/TEMP B-TREE/);
    expect(planOf('ORDER BY id DESC LIMIT 1')).toMatch(/COVERING INDEX hours_entries_person_id/);
    expect(planOf('GROUP BY user_id')).toMatch(/COVERING INDEX hours_entries_team_date/);
    expect(planOf('COALESCE(SUM(minutes), 0)')).toMatch(/COVERING INDEX hours_entries_(person|team)_date/);
  });
});

describe('SqliteStore: history', () => {
  it('writes a burst of records in one batch and prunes the table to 50 per channel', async () => {
    const store = new SqliteStore(tempPath('h.db'));
    stores.push(store);
    for (let i = 0; i < 80; i++) await store.history.record('T1', 'C1', 'quote', `q${i}`, 'now');
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.handle.prepare('SELECT COUNT(*) AS n FROM shown_items').get()).toEqual({ n: 50 });
  });
});
