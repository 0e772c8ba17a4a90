import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { execute } from '../src/features/hours/ledger.js';
import { openPostgresStore } from '../src/store/postgres/store.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { Store } from '../src/store/types.js';
import { benchFanout, type FanoutDatabase, type FanoutRow } from './fanout.js';
import { percentile } from './load.js';
import { BENCH_TEAM, benchUser, seedEntries } from './seed.js';

/** The Postgres server the bench may use: BENCH_DATABASE_URL, else TEST_DATABASE_URL; undefined = skip. */
export const benchPostgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

/** A database of its own on the server of `base` (child processes get it as DATABASE_URL); drop() removes it. */
export async function freshDatabase(base: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `lo_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export type DialectRow = {
  dialect: 'sqlite' | 'postgres';
  logP50us: number;
  logP99us: number;
  weekP50us: number;
  weekP99us: number;
};

const PEOPLE = 1000;

/** The same ledger shape as seed.ts (one entry per person per day back from `today`), in one statement. */
async function seedPostgres(url: string, entries: number, today: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO hours_entries (team_id, user_id, work_date, minutes, note, logged_at)
       SELECT $1, 'UBENCH' || lpad((i % $3)::text, 5, '0'), $4::date - (i / $3),
              300 + ((i % $3) * 7 + (i / $3) * 13) % 600, NULL, ($4::date - (i / $3)) + time '20:00'
       FROM generate_series(0, $2 - 1) AS i`,
      [BENCH_TEAM, entries, PEOPLE, today],
    );
    await client.query('ANALYZE hours_entries');
  } finally {
    await client.end();
  }
}

/**
 * `/hours log` (the capped insert transaction) and `/hours week` (queries, domain, Block Kit) on SQLite and on
 * Postgres, both holding the same `entries` across 1,000 people, measured alternately round by round.
 */
export async function benchDialects(options: {
  url: string;
  entries: number;
  rounds: number;
  perRound: number;
}): Promise<DialectRow[]> {
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  const dir = mkdtempSync(join(tmpdir(), 'lights-out-dialects-'));
  const path = join(dir, 'store.db');
  seedEntries(path, options.entries, PEOPLE, today);
  const database = await freshDatabase(options.url);
  const stores: Array<{ dialect: DialectRow['dialect']; store: Store }> = [
    { dialect: 'sqlite', store: new SqliteStore(path) },
  ];
  try {
    const postgres = await openPostgresStore(database.url);
    stores.push({ dialect: 'postgres', store: postgres });
    await seedPostgres(database.url, options.entries, today);
    const zone = { zone: 'UTC', source: 'slack' as const };
    const samples = new Map(stores.map(({ dialect }) => [dialect, { log: [] as number[], week: [] as number[] }]));
    for (let round = 0; round < options.rounds; round++) {
      for (const { dialect, store } of stores) {
        const entry = samples.get(dialect) as { log: number[]; week: number[] };
        for (let q = 0; q < options.perRound; q++) {
          const person = { teamId: BENCH_TEAM, userId: benchUser((q * 37 + round) % PEOPLE) };
          let t0 = performance.now();
          await store.hours.addEntry(
            { ...person, workDate: today, minutes: 1, note: null, loggedAt: now.toISOString() },
            24 * 60,
          );
          entry.log.push((performance.now() - t0) * 1000);
          t0 = performance.now();
          await execute({ store, person, now, zone }, { kind: 'week', which: { kind: 'this' } });
          entry.week.push((performance.now() - t0) * 1000);
        }
      }
    }
    return stores.map(({ dialect }) => {
      const { log, week } = samples.get(dialect) as { log: number[]; week: number[] };
      log.sort((a, b) => a - b);
      week.sort((a, b) => a - b);
      return {
        dialect,
        logP50us: percentile(log, 50),
        logP99us: percentile(log, 99),
        weekP50us: percentile(week, 50),
        weekP99us: percentile(week, 99),
      };
    });
  } finally {
    for (const { store } of stores) await store.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The DM fan-out on a fresh Postgres database per run, with 1, 2, 3 … replicas sharing it. */
export async function benchFanoutReplicas(options: {
  url: string;
  people: number;
  workspacePerSecond: number;
  replicas: number[];
}): Promise<Array<FanoutRow & { replicas: number }>> {
  const rows: Array<FanoutRow & { replicas: number }> = [];
  for (const replicas of options.replicas) {
    const database = await freshDatabase(options.url);
    try {
      const target: FanoutDatabase = { url: database.url, open: () => openPostgresStore(database.url) };
      const row = await benchFanout({ ...options, database: target, replicas });
      rows.push({ ...row, replicas });
    } finally {
      await database.drop();
    }
  }
  return rows;
}
