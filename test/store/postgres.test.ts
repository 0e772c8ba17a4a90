import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLightsOutError } from '../../src/errors.js';
import { openPostgresStore, POSTGRES_STATEMENTS } from '../../src/store/postgres/store.js';
import { dialects, type TestDatabase } from './contract/kit.js';

// Postgres-only behaviour. What every store must do is in test/store/contract.

describe('Postgres store: opening', () => {
  it('fails fast with a coded error that names the server but not the password', async () => {
    const error = await openPostgresStore('postgres://lights:s3cret@127.0.0.1:1/none', {
      connectionTimeoutMillis: 2_000,
    }).catch((caught: unknown) => caught);
    expect(isLightsOutError(error, 'store_open_failed')).toBe(true);
    expect((error as Error).message).toMatch(
      /Cannot open the Postgres store at postgres:\/\/lights:\*\*\*@127\.0\.0\.1:1\/none/,
    );
    expect((error as Error).message).not.toContain('s3cret');
  });
});

const postgres = dialects.find((dialect) => dialect.name === 'postgres');
if (postgres) {
  // Each statement the store runs is planned as a generic prepared statement (as the pool runs it) with
  // sequential scans disabled: the planner then still picks a Seq Scan only when no index can answer it. (Small
  // tables are read whole when that is cheaper; what matters is that an index exists for when they grow.)
  describe('Postgres store: every statement it runs can ride an index (seeded database)', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await postgres.create();
      await database.open();
      // 20 workspaces × 25 people × 40 days of hours, history, a ledger of mostly finished deliveries.
      await database.exec(`
        INSERT INTO hours_entries (team_id, user_id, work_date, minutes, note, logged_at)
          SELECT 'T' || t, 'U' || u, DATE '2026-10-01' + d, 60 + d, NULL, now()
          FROM generate_series(1, 20) t, generate_series(1, 25) u, generate_series(0, 39) d;
        INSERT INTO people (team_id, user_id, tz_override) SELECT 'T' || t, 'U' || u, 'UTC'
          FROM generate_series(1, 20) t, generate_series(1, 25) u;
        INSERT INTO shown_items (team_id, channel_id, kind, item_id, shown_at)
          SELECT 'T' || t, 'C' || c, 'quote', 'q' || i, now()
          FROM generate_series(1, 20) t, generate_series(1, 10) c, generate_series(1, 50) i;
        INSERT INTO nudge_channels (team_id, channel_id, enabled, time, zone, set_by, off_reason, updated_at)
          SELECT 'T' || t, 'C' || c, c = 1, '22:00', 'UTC', 'U' || c, NULL, now()
          FROM generate_series(1, 20) t, generate_series(1, 10) c;
        INSERT INTO nudge_people (team_id, user_id, enabled, time, weekends, resume_on, off_reason, updated_at)
          SELECT 'T' || t, 'U' || u, u <= 2, '23:00', false, NULL, NULL, now()
          FROM generate_series(1, 20) t, generate_series(1, 25) u;
        INSERT INTO nudge_deliveries (key, team_id, kind, target_id, user_id, slot_at, night, status, owner,
            lease_until, attempts, reclaims, error, message_ts, updated_at)
          SELECT 'person:T' || t || ':U' || u || ':' || d, 'T' || t, 'person', 'U' || u, 'U' || u,
            TIMESTAMPTZ '2026-10-01 22:00Z' + d * interval '1 day', DATE '2026-10-01' + d,
            CASE WHEN d = 39 AND u <= 2 THEN 'claimed' ELSE 'sent' END, 'replica-' || (u % 3),
            CASE WHEN d = 39 AND u <= 2 THEN now() END, 1, 0, NULL, '1.1', now()
          FROM generate_series(1, 20) t, generate_series(1, 25) u, generate_series(0, 39) d;
        ANALYZE;
        SET plan_cache_mode = force_generic_plan;
        SET enable_seqscan = off;`);
    });
    afterAll(async () => {
      await database?.dispose();
    });

    const tables =
      /Seq Scan on (hours_entries|people|shown_items|nudge_channels|nudge_people|nudge_deliveries|leases)\b/;
    it.each(Object.entries(POSTGRES_STATEMENTS))('%s', async (name, sql) => {
      const params = Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])));
      const statement = `plan_${name.replace(/\W/g, '_')}`;
      await database.exec(`PREPARE ${statement} AS ${sql}`);
      const args = params ? `(${Array(params).fill('NULL').join(', ')})` : '';
      const plan = await database.explain(`EXPLAIN EXECUTE ${statement}${args}`);
      await database.exec(`DEALLOCATE ${statement}`);
      expect(plan).not.toMatch(tables);
    });
  });
}
