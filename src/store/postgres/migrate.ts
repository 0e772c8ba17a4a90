import type pg from 'pg';
import { LightsOutError } from '../../errors.js';
import { latestVersion, type Migration } from '../migrations.js';
import { quoteIdent } from './pool.js';

/**
 * Applies pending migrations once, however many replicas start at the same moment: every opener takes the same
 * session advisory lock (keyed by the schema), so one migrates while the others wait and then find nothing
 * left to do. The lock goes with the connection if the process dies. Each migration commits with its record.
 * Returns the schema version the database is at.
 */
export async function migratePostgres(pool: pg.Pool, migrations: Migration[], schema: string | undefined) {
  const latestKnown = latestVersion(migrations);
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    // Waiting for another replica's migrations, or running a long one, must not hit the pool's statement timeout.
    await client.query('SET statement_timeout = 0');
    await client.query("SELECT pg_advisory_lock(hashtextextended('lights-out:migrate:' || $1, 0))", [
      schema ?? 'public',
    ]);
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const current = await appliedVersion(client);
    if (current > latestKnown) {
      throw new LightsOutError(
        'store_too_new',
        `The store was written by a newer Lights Out (schema version ${current}; this version knows up to ${latestKnown}). Upgrade Lights Out or point DATABASE_URL at another database.`,
      );
    }
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      try {
        await client.query('BEGIN');
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new LightsOutError(
          'store_migration_failed',
          `Migration ${migration.name} failed: ${(error as Error).message}`,
          { cause: error },
        );
      }
    }
    return Math.max(current, latestKnown);
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    await client
      .query("SELECT pg_advisory_unlock(hashtextextended('lights-out:migrate:' || $1, 0))", [schema ?? 'public'])
      .catch(() => undefined);
    await client.query('RESET statement_timeout').catch(() => undefined);
    // A connection that failed mid-way is destroyed rather than returned to the pool.
    client.release(broken instanceof LightsOutError ? undefined : broken);
  }
}

export async function appliedVersion(client: pg.Pool | pg.PoolClient): Promise<number> {
  const { rows } = await client.query<{ version: number | null }>(
    'SELECT MAX(version) AS version FROM schema_migrations',
  );
  return rows[0]?.version ?? 0;
}
