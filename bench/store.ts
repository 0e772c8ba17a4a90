import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute } from '../src/features/hours/ledger.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { median, percentile } from './load.js';
import { BENCH_TEAM, benchUser, seedEntries } from './seed.js';

export type StoreRow = {
  entries: number;
  weekP50us: number;
  weekP99us: number;
  monthP50us: number;
  monthP99us: number;
  insertsPerSecond: number;
};

const PEOPLE = 1000;

/**
 * `/hours week` and `/hours month` as the listener runs them (store queries + domain + Block Kit), on stores of
 * 10 k, 100 k and 1 M entries across 1,000 people; then insert throughput through the capped transaction.
 * Sizes are measured alternately, round by round, on stores built once.
 */
export async function benchStore(options: {
  rounds: number;
  sizes: number[];
  queriesPerRound: number;
}): Promise<StoreRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lights-out-store-bench-'));
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  const stores = options.sizes.map((size) => {
    const path = join(dir, `store-${size}.db`);
    seedEntries(path, size, PEOPLE, today);
    return { size, store: new SqliteStore(path) };
  });
  const samples = new Map<number, { week: number[]; month: number[]; inserts: number[] }>();
  const zone = { zone: 'America/Los_Angeles', source: 'slack' as const };
  try {
    for (let round = 0; round < options.rounds; round++) {
      for (const { size, store } of stores) {
        const entry = samples.get(size) ?? { week: [], month: [], inserts: [] };
        for (let q = 0; q < options.queriesPerRound; q++) {
          const person = { teamId: BENCH_TEAM, userId: benchUser((q * 37 + round) % PEOPLE) };
          let t0 = performance.now();
          await execute({ store, person, now, zone }, { kind: 'week', which: { kind: 'this' } });
          entry.week.push((performance.now() - t0) * 1000);
          t0 = performance.now();
          await execute({ store, person, now, zone }, { kind: 'month' });
          entry.month.push((performance.now() - t0) * 1000);
        }
        // Inserts: 2,000 one-minute logs for fresh people through the same capped transaction as /hours log.
        const t0 = performance.now();
        for (let i = 0; i < 2000; i++) {
          await store.hours.addEntry(
            {
              teamId: BENCH_TEAM,
              userId: `UINS${round}-${i}`,
              workDate: today,
              minutes: 1,
              note: null,
              loggedAt: now.toISOString(),
            },
            24 * 60,
          );
        }
        entry.inserts.push(2000 / ((performance.now() - t0) / 1000));
        samples.set(size, entry);
      }
    }
  } finally {
    for (const { store } of stores) await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return options.sizes.map((size) => {
    const entry = samples.get(size) ?? { week: [], month: [], inserts: [] };
    const week = [...entry.week].sort((a, b) => a - b);
    const month = [...entry.month].sort((a, b) => a - b);
    return {
      entries: size,
      weekP50us: percentile(week, 50),
      weekP99us: percentile(week, 99),
      monthP50us: percentile(month, 50),
      monthP99us: percentile(month, 99),
      insertsPerSecond: median(entry.inserts),
    };
  });
}
