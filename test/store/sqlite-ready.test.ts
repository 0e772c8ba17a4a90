import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isLightsOutError } from '../../src/errors.js';
import { readMigrations, SqliteStore } from '../../src/store/sqlite.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function open(): SqliteStore {
  dir = mkdtempSync(join(tmpdir(), 'lights-out-ready-'));
  return new SqliteStore(join(dir, 'store.db'));
}

async function readiness(store: SqliteStore): Promise<string> {
  try {
    await store.checkReady();
    return 'ready';
  } catch (error) {
    return isLightsOutError(error) ? error.code : `uncoded: ${String(error)}`;
  }
}

describe('SqliteStore.checkReady', () => {
  it('is ready once every migration is applied', async () => {
    const store = open();
    expect(await readiness(store)).toBe('ready');
    await store.close();
  });

  it('reports store_unreachable once the handle is closed', async () => {
    const store = open();
    await store.close();
    expect(await readiness(store)).toBe('store_unreachable');
  });

  it('reports store_migrations_pending when the database records an older schema than the newest migration', async () => {
    const store = open();
    // SQLite-only: as if the file were swapped for a backup taken before the newest migration.
    const newest = Math.max(...readMigrations().map((migration) => migration.version));
    store.handle.prepare('DELETE FROM schema_migrations WHERE version = ?').run(newest);
    expect(await readiness(store)).toBe('store_migrations_pending');
    await store.close();
  });
});
