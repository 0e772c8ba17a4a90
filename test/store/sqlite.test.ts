import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { isLightsOutError } from '../../src/errors.js';
import { readMigrations, SqliteStore } from '../../src/store/sqlite.js';

const ada = { teamId: 'T1', userId: 'U1' };
let dir: string;
const stores: SqliteStore[] = [];

function fresh(name = 'store.db'): { path: string; store: SqliteStore } {
  dir ??= mkdtempSync(join(tmpdir(), 'lights-out-store-'));
  const path = join(dir, name);
  const store = new SqliteStore(path);
  stores.push(store);
  return { path, store };
}

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined as unknown as string;
});

const entry = (workDate: string, minutes: number, who = ada, note: string | null = null) => ({
  ...who,
  workDate,
  minutes,
  note,
  loggedAt: '2026-11-29T06:00:00.000Z',
});

describe('SqliteStore: opening and migrations', () => {
  it('creates parent folders, uses WAL, and records each migration once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lights-out-store-'));
    const path = join(dir, 'a', 'b', 'lights.db');
    const store = new SqliteStore(path);
    expect(existsSync(path)).toBe(true);
    expect(store.handle.pragma('journal_mode', { simple: true })).toBe('wal');
    const versions = readMigrations().map((migration) => migration.version);
    expect(store.schemaVersion).toBe(Math.max(...versions));
    await store.close();

    // Re-opening re-runs nothing and keeps the data.
    const again = new SqliteStore(path);
    stores.push(again);
    const rows = again.handle.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(versions.map((version) => ({ version })));
  });

  it('refuses a store written by a newer schema, with a clear message', async () => {
    const { path, store } = fresh();
    store.handle.prepare("INSERT INTO schema_migrations VALUES (999, '999_future', 'x')").run();
    await store.close();
    let caught: unknown;
    try {
      new SqliteStore(path);
    } catch (error) {
      caught = error;
    }
    expect(isLightsOutError(caught, 'store_too_new')).toBe(true);
    expect((caught as Error).message).toMatch(/newer Lights Out \(schema version 999/);
  });

  it('rolls a failing migration back whole', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lights-out-store-'));
    const path = join(dir, 'm.db');
    const migrations = [
      ...readMigrations(),
      { version: 900, name: '900_broken', sql: 'CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table;' },
    ];
    expect(() => new SqliteStore(path, { migrations })).toThrow(/900_broken failed/);
    const db = new Database(path);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).not.toEqual({ v: 900 });
    db.close();
  });
});

describe('SqliteStore: workspaceIds', () => {
  it('lists every team id found in any table with a team_id column, once each, sorted', async () => {
    const { store } = fresh('workspaces.db');
    expect(await store.workspaceIds()).toEqual([]);
    await store.hours.addEntry(entry('2026-11-27', 60, { teamId: 'T2', userId: 'U1' }), 1440);
    await store.hours.addEntry(entry('2026-11-27', 60, { teamId: 'T2', userId: 'U2' }), 1440);
    await store.people.saveSlackTimezone({ teamId: 'T9', userId: 'U1' }, 'Europe/London', '2026-11-27T00:00:00Z');
    store.handle.exec("CREATE TABLE later_feature (team_id TEXT NOT NULL); INSERT INTO later_feature VALUES ('T0')");
    expect(await store.workspaceIds()).toEqual(['T0', 'T2', 'T9']);
  });
});

describe('SqliteStore: hours', () => {
  it('adds entries under the day cap and refuses the one that would pass it', async () => {
    const { store } = fresh();
    const first = await store.hours.addEntry(entry('2026-11-27', 600), 1440);
    expect(first).toMatchObject({ ok: true, dayMinutes: 600 });
    const second = await store.hours.addEntry(entry('2026-11-27', 840), 1440);
    expect(second).toMatchObject({ ok: true, dayMinutes: 1440 });
    const third = await store.hours.addEntry(entry('2026-11-27', 1), 1440);
    expect(third).toEqual({ ok: false, reason: 'day_cap', dayMinutes: 1440 });
    expect(await store.hours.dailyTotals(ada, '2026-11-01', '2026-11-30')).toEqual([
      { date: '2026-11-27', minutes: 1440 },
    ]);
  });

  it('keeps workspaces and people apart', async () => {
    const { store } = fresh();
    await store.hours.addEntry(entry('2026-11-27', 60), 1440);
    await store.hours.addEntry(entry('2026-11-27', 120, { teamId: 'T2', userId: 'U1' }), 1440);
    await store.hours.addEntry(entry('2026-11-27', 180, { teamId: 'T1', userId: 'U2' }), 1440);
    expect(await store.hours.dailyTotals(ada, '2026-11-27', '2026-11-27')).toEqual([
      { date: '2026-11-27', minutes: 60 },
    ]);
    expect((await store.hours.teamTotals('T1', '2026-11-23', '2026-11-29')).sort()).toEqual([180, 60]);
    expect(await store.hours.removeEntry({ teamId: 'T2', userId: 'U1' }, 1)).toBeUndefined();
  });

  it('removes the latest entry, then the one before', async () => {
    const { store } = fresh();
    await store.hours.addEntry(entry('2026-11-28', 60), 1440);
    await store.hours.addEntry(entry('2026-11-20', 90), 1440);
    expect(await store.hours.removeLatestEntry(ada)).toMatchObject({ minutes: 90, workDate: '2026-11-20' });
    expect(await store.hours.removeLatestEntry(ada)).toMatchObject({ minutes: 60 });
    expect(await store.hours.removeLatestEntry(ada)).toBeUndefined();
  });

  it('forgets everything about one person and nobody else', async () => {
    const { store } = fresh();
    const bob = { teamId: 'T1', userId: 'U2' };
    await store.hours.addEntry(entry('2026-11-28', 60), 1440);
    await store.hours.addEntry(entry('2026-11-27', 60), 1440);
    await store.hours.addEntry(entry('2026-11-27', 60, bob), 1440);
    await store.people.setTimezoneOverride(ada, 'Europe/London');
    expect(await store.people.forget(ada)).toEqual({ entries: 2 });
    expect(await store.hours.allEntries(ada)).toEqual([]);
    expect(await store.people.getPerson(ada)).toBeUndefined();
    expect(await store.hours.allEntries(bob)).toHaveLength(1);
  });

  it('answers week, undo and team queries from an index, never a table scan', () => {
    const { store } = fresh();
    const plan = (sql: string, ...params: unknown[]) =>
      (store.handle.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
        .map((row) => row.detail)
        .join('; ');
    const week = plan(
      `SELECT work_date, SUM(minutes) FROM hours_entries WHERE team_id = ? AND user_id = ?
       AND work_date BETWEEN ? AND ? GROUP BY work_date`,
      'T',
      'U',
      'a',
      'b',
    );
    expect(week).toMatch(/USING COVERING INDEX hours_entries_person_date/);
    const recent = plan(
      `SELECT work_date, SUM(minutes) FROM hours_entries WHERE team_id = ? AND user_id = ? AND work_date <= ?
       GROUP BY work_date ORDER BY work_date DESC LIMIT ?`,
      'T',
      'U',
      'a',
      5,
    );
    expect(recent).toMatch(/USING COVERING INDEX hours_entries_person_date/);
    expect(recent).not.toMatch(/TEMP B-TREE/);
    const latest = plan(
      'SELECT * FROM hours_entries WHERE team_id = ? AND user_id = ? ORDER BY id DESC LIMIT 1',
      'T',
      'U',
    );
    expect(latest).toMatch(/USING INDEX hours_entries_person_id/);
    const team = plan(
      'SELECT SUM(minutes) FROM hours_entries WHERE team_id = ? AND work_date BETWEEN ? AND ? GROUP BY user_id',
      'T',
      'a',
      'b',
    );
    expect(team).toMatch(/USING COVERING INDEX hours_entries_team_date/);
  });
});

describe('SqliteStore: people and history', () => {
  it('keeps the override and the Slack zone separately', async () => {
    const { store } = fresh();
    await store.people.saveSlackTimezone(ada, 'America/New_York', '2026-11-29T00:00:00.000Z');
    await store.people.setTimezoneOverride(ada, 'Asia/Shanghai');
    expect(await store.people.getPerson(ada)).toEqual({
      ...ada,
      tzOverride: 'Asia/Shanghai',
      slackTz: 'America/New_York',
      slackTzFetchedAt: '2026-11-29T00:00:00.000Z',
    });
  });

  it('returns recently shown items, newest first, per channel and kind', async () => {
    const { store } = fresh();
    for (const id of ['a', 'b', 'c']) await store.history.record('T1', 'C1', 'quote', id, 'now');
    await store.history.record('T1', 'C2', 'quote', 'z', 'now');
    await store.history.record('T1', 'C1', 'fact', 'f', 'now');
    expect(await store.history.recent('T1', 'C1', 'quote', 2)).toEqual(['c', 'b']);
    expect(await store.history.recent('T1', 'C2', 'quote', 5)).toEqual(['z']);
  });

  it('prunes old history so it never grows without bound', async () => {
    const { store } = fresh();
    for (let i = 0; i < 80; i++) await store.history.record('T1', 'C1', 'quote', `q${i}`, 'now');
    await new Promise((resolve) => setImmediate(resolve));
    const count = store.handle.prepare('SELECT COUNT(*) AS n FROM shown_items').get() as { n: number };
    expect(count.n).toBe(50);
    expect((await store.history.recent('T1', 'C1', 'quote', 1))[0]).toBe('q79');
  });

  it('keeps history across a restart (close writes what is pending)', async () => {
    const { path, store } = fresh();
    await store.history.record('T1', 'C1', 'fact', 'a', 'now');
    await store.history.record('T1', 'C1', 'fact', 'b', 'now');
    await store.close();
    const reopened = new SqliteStore(path);
    stores.push(reopened);
    expect(await reopened.history.recent('T1', 'C1', 'fact', 5)).toEqual(['b', 'a']);
  });
});
