import { expect, it } from 'vitest';
import { isLightsOutError } from '../../../src/errors.js';
import { readMigrations } from '../../../src/store/migrations.js';
import { describeStores } from './kit.js';

const catchError = async (work: () => Promise<unknown>) => {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
};

describeStores('store contract: migrations', (database) => {
  it('applies every migration once, however many openers start at the same moment', async () => {
    const dialect = database().dialect;
    const versions = readMigrations(dialect).map((migration) => migration.version);
    // A last migration that would fail if it ran twice, and counts its runs.
    const counted = [
      ...readMigrations(dialect),
      { version: 990, name: '990_count_runs', sql: 'CREATE TABLE runs (n INTEGER); INSERT INTO runs VALUES (1);' },
    ];
    const stores = await Promise.all(Array.from({ length: 5 }, () => database().open({ migrations: counted, max: 2 })));
    expect(stores).toHaveLength(5);
    expect(await database().appliedVersions()).toEqual([...versions, 990]);
    expect(await database().countWhere('runs', 'n', '1')).toBe(1);
    for (const store of stores) await store.checkReady();
    // Reopening runs nothing again.
    await database().open({ migrations: counted });
    expect(await database().countWhere('runs', 'n', '1')).toBe(1);
  });

  it('refuses a store written by a newer schema, with a clear message', async () => {
    await database().open();
    await database().exec(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, '999_future', '2030-01-01')",
    );
    const error = await catchError(() => database().open());
    expect(isLightsOutError(error, 'store_too_new')).toBe(true);
    expect((error as Error).message).toMatch(/newer Lights Out \(schema version 999/);
  });

  it('rolls a failing migration back whole and says which one failed', async () => {
    const migrations = [
      ...readMigrations(database().dialect),
      { version: 900, name: '900_broken', sql: 'CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table;' },
    ];
    const error = await catchError(() => database().open({ migrations }));
    expect(isLightsOutError(error, 'store_migration_failed')).toBe(true);
    expect((error as Error).message).toMatch(/900_broken failed/);
    expect((await database().columns()).filter(({ table }) => table === 'half')).toEqual([]);
    expect(await database().appliedVersions()).not.toContain(900);
  });

  it('is ready when migrated, and not ready while a migration this code needs is pending', async () => {
    const store = await database().open();
    await store.checkReady();
    // A replica of a newer release expects one more migration than the database has.
    const newer = [...readMigrations(database().dialect), { version: 950, name: '950_next', sql: 'SELECT 1;' }];
    const ahead = await database().open({ migrations: newer });
    await ahead.checkReady();
    await database().exec('DELETE FROM schema_migrations WHERE version = 950');
    const error = await catchError(() => ahead.checkReady());
    expect(isLightsOutError(error, 'store_migrations_pending')).toBe(true);
    expect((error as Error).message).toMatch(/migrations pending/);
    await store.checkReady();
  });

  it('is not ready once the store is closed or unreachable', async () => {
    const store = await database().open();
    await store.close();
    const error = await catchError(() => store.checkReady());
    expect(isLightsOutError(error, 'store_unreachable')).toBe(true);
  });
});
