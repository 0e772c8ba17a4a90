import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startJobs } from '../../src/jobs.js';
import { FakeSlack } from '../../src/local/fake-slack.js';
import { syncDirectoryZones } from '../../src/people/directory.js';
import { createWebClient } from '../../src/slack/web-client.js';
import { readMigrations, SqliteStore } from '../../src/store/sqlite.js';
import { BOT_TOKEN, build, type CommandResult } from '../helpers/build.js';

/**
 * `/hours forget` checked against the schema itself: every table is found from the database (sqlite_master and
 * pragma table_info), so a table added later is covered without touching this test.
 */

const TEAM = 'T0LIGHTS';
const BEN = 'U0BENFORGET';
const ADA = 'U0ADAKEEPS';
const NOTE = 'zebra-quartz-secret-note';

type Cell = { table: string; column: string };

function tables(db: Database.Database): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
  return (rows as Array<{ name: string }>).map((row) => row.name);
}

function columns(db: Database.Database, table: string): string[] {
  return (db.pragma(`table_info(${JSON.stringify(table)})`) as Array<{ name: string }>).map((column) => column.name);
}

/** Columns that name a person: user ids, who set something, a delivery's target. */
function userColumns(db: Database.Database): Cell[] {
  return tables(db).flatMap((table) =>
    columns(db, table)
      .filter((column) => /user|set_by|target/i.test(column))
      .map((column) => ({ table, column })),
  );
}

/** Every cell, in every column of every table, that holds `needle` anywhere in its text. */
function cellsHolding(db: Database.Database, needle: string): string[] {
  const found: string[] = [];
  for (const table of tables(db)) {
    for (const column of columns(db, table)) {
      const sql = `SELECT COUNT(*) AS n FROM "${table}" WHERE instr(CAST("${column}" AS TEXT), ?) > 0`;
      const { n } = db.prepare(sql).get(needle) as { n: number };
      if (n > 0) found.push(`${table}.${column} (${n})`);
    }
  }
  return found;
}

async function answered(result: CommandResult) {
  expect(result.status).toBe(200);
  if (result.ack && Object.keys(result.ack).length > 0) return result.ack;
  return (await result.response()).body;
}

describe('/hours forget, against the schema', () => {
  it('leaves no trace of the person in any table or on disk, even after a directory sync', async () => {
    const fake = new FakeSlack({ teamId: TEAM });
    await fake.start();
    try {
      fake.addUser({ id: BEN, name: 'ben', tz: 'Europe/London' });
      fake.addUser({ id: ADA, name: 'ada', tz: 'America/Los_Angeles' });
      const h = await build({ fake, env: { NUDGE_TZ: 'America/Los_Angeles' } });
      const client = createWebClient(BOT_TOKEN, fake.apiUrl, h.logs.logger, 'background');
      const jobs = startJobs(
        h.deps,
        client,
        { botId: fake.botId, botUserId: fake.botUserId, teamId: TEAM },
        { cron: false, catchUp: false, directory: false },
      );
      const db = h.store.handle;

      // Ben uses everything that stores something about a person; Ada logs too, and must keep her data.
      for (const userId of [BEN, ADA]) {
        await answered(await h.command('/hours', `log 7 yesterday ${NOTE}`, { userId }));
        await answered(await h.command('/hours', 'tz Europe/Paris', { userId }));
        await answered(await h.command('/nudge', 'me on 23:00', { userId }));
        await jobs.nudgePersonNow(TEAM, userId);
        // A week chart uploaded for them (src/home/chart-file.ts keeps its file id).
        await h.store.charts.save({
          teamId: TEAM,
          userId,
          weekStart: '2026-11-23',
          locale: 'en',
          cacheKey: 'c'.repeat(32),
          fileId: `F0${userId}`,
          fileUrl: null,
          uploadedAt: '2026-11-29T06:00:00.000Z',
        });
        await h.store.digests.save({ teamId: TEAM, userId, enabled: true, updatedAt: '2026-11-29T06:00:00.000Z' });
        // A Monday digest sent to them (the ledger's kind 'digest').
        const slotAt = '2026-11-30T09:00:00.000Z';
        const digest = { key: `digest:${TEAM}:${userId}:${slotAt}`, teamId: TEAM, kind: 'digest' as const };
        expect(await h.store.nudges.enqueue([{ ...digest, targetId: userId, slotAt, night: '2026-11-30' }])).toBe(1);
      }
      await answered(await h.command('/nudge', 'here 22:00', { userId: BEN, channelId: 'C0LATE' }));

      // The schema has person columns in these tables, and before forget Ben is in each of them.
      const found = userColumns(db).map((cell) => `${cell.table}.${cell.column}`);
      expect(found).toEqual(
        expect.arrayContaining([
          'hours_entries.user_id',
          'people.user_id',
          'nudge_people.user_id',
          'nudge_deliveries.user_id',
          'nudge_deliveries.target_id',
          'nudge_channels.set_by',
          'chart_files.user_id',
          'digest_people.user_id',
        ]),
      );
      for (const cell of found) expect(cellsHolding(db, BEN).join()).toContain(cell);

      const forget = await answered(await h.command('/hours', 'forget confirm', { userId: BEN }));
      expect(String(forget.text)).toContain('Forgotten');
      // The twice-daily sync runs right after: it must not bring Ben's row (or his zone) back.
      await syncDirectoryZones({ store: h.store, client, logger: h.logs.logger, now: h.deps.now }, TEAM);

      expect(cellsHolding(db, BEN)).toEqual([]);
      expect(await h.store.nudges.getDelivery(`digest:${TEAM}:${BEN}:2026-11-30T09:00:00.000Z`)).toBeUndefined();
      expect(await h.store.nudges.getDelivery(`digest:${TEAM}:${ADA}:2026-11-30T09:00:00.000Z`)).toBeDefined();
      for (const table of tables(db)) {
        for (const column of columns(db, table)) {
          const sql = `SELECT COUNT(*) AS n FROM "${table}" WHERE "${column}" = ?`;
          expect((db.prepare(sql).get(BEN) as { n: number }).n, `${table}.${column}`).toBe(0);
        }
      }
      // Ada is untouched, and the channel keeps its nudge (only who turned it on is gone).
      expect(cellsHolding(db, ADA).length).toBeGreaterThanOrEqual(5);
      expect(await h.store.nudges.getChannel(TEAM, 'C0LATE')).toMatchObject({ enabled: true, setBy: null });

      // On disk: deleted cells are zeroed (secure_delete) and the WAL holds no old copy of Ben's pages.
      expect(db.pragma('secure_delete', { simple: true })).toBe(1);
      await jobs.stop();
      const files = [h.databasePath, `${h.databasePath}-wal`].filter(existsSync);
      const bytes = Buffer.concat(files.map((file) => readFileSync(file)));
      expect(bytes.includes(BEN)).toBe(false);
      expect(bytes.includes(ADA)).toBe(true);
      await h.close();
    } finally {
      await fake.stop();
    }
  });

  it('drops, on upgrade, the zones an earlier sync cached for people who never used Lights Out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lights-out-forget-'));
    try {
      const path = join(dir, 'old.db');
      // The store as an earlier version left it: the sync had cached everyone's zone, and 006 had not run yet.
      const old = new SqliteStore(path);
      const at = '2026-11-20T00:00:00Z';
      for (const userId of ['USTRANGER', 'ULOGS', 'UNUDGE', 'UTZ']) {
        await old.people.saveSlackTimezone({ teamId: TEAM, userId }, 'Europe/London', at);
      }
      await old.people.setTimezoneOverride({ teamId: TEAM, userId: 'UTZ' }, 'Asia/Tokyo');
      const entry = { teamId: TEAM, userId: 'ULOGS', workDate: '2026-11-19', minutes: 60, note: null, loggedAt: at };
      await old.hours.addEntry(entry, 1440);
      const nudge = { enabled: false, time: '22:00', weekends: false, resumeOn: null, offReason: null, updatedAt: at };
      await old.nudges.savePerson({ teamId: TEAM, userId: 'UNUDGE', ...nudge });
      expect(old.handle.prepare('SELECT COUNT(*) AS n FROM people').get()).toEqual({ n: 4 });
      // The upgrade: the migration as released, run on that database.
      const upgrade = readMigrations().find((m) => m.name.includes('people_who_use_lights_out'));
      old.handle.exec(upgrade?.sql ?? 'SELECT missing_migration');
      const rows = old.handle.prepare('SELECT user_id FROM people ORDER BY user_id').all();
      expect(rows).toEqual([{ user_id: 'ULOGS' }, { user_id: 'UNUDGE' }, { user_id: 'UTZ' }]);
      await old.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('turns secure_delete on for every store it opens', () => {
    const store = new SqliteStore(':memory:');
    expect(store.handle.pragma('secure_delete', { simple: true })).toBe(1);
  });
});
