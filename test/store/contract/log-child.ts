// A second process for the day-cap test: opens the store named in its environment, logs LOGS entries of
// MINUTES on DAY (all at once) under CAP, and prints how many were accepted.
import { openPostgresStore } from '../../../src/store/postgres/store.js';
import { SqliteStore } from '../../../src/store/sqlite.js';
import type { Store } from '../../../src/store/types.js';

const env = (name: string) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const store: Store =
  env('STORE_DIALECT') === 'postgres'
    ? await openPostgresStore(env('STORE_URL'), { schema: env('STORE_SCHEMA'), max: 4 })
    : new SqliteStore(env('STORE_URL'));
process.stdout.write('ready\n');
const results = await Promise.all(
  Array.from({ length: Number(env('LOGS')) }, () =>
    store.hours.addEntry(
      {
        teamId: 'T1',
        userId: 'U1',
        workDate: env('DAY'),
        minutes: Number(env('MINUTES')),
        note: 'child',
        loggedAt: new Date().toISOString(),
      },
      Number(env('CAP')),
    ),
  ),
);
process.stdout.write(`${JSON.stringify({ accepted: results.filter((result) => result.ok).length })}\n`);
await store.close();
