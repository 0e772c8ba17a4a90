import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLightsOutError } from '../../src/errors.js';
import { openStore } from '../../src/store/open.js';

const sqlite = (path: string) => ({ kind: 'sqlite' as const, path, variable: 'DATABASE_URL' as const });

describe('openStore', () => {
  it('opens SQLite at the path, creating missing folders', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'lights-out-open-')), 'a', 'b', 'bot.db');
    const store = await openStore(sqlite(path));
    await store.ping();
    await store.close();
    expect(existsSync(path)).toBe(true);
  });

  it('fails at once with a coded error when a folder cannot be created', async () => {
    const error = await openStore(sqlite('/proc/nope/deeper/x.db')).catch((caught: unknown) => caught);
    expect(isLightsOutError(error, 'store_open_failed')).toBe(true);
    expect((error as Error).message).toBe(
      'DATABASE_URL is /proc/nope/deeper/x.db, but the folder /proc/nope cannot be created (ENOENT): choose a path in a folder you can write to.',
    );
  });

  it('opens the Postgres store for postgres:// and postgresql:// URLs (here: nothing listens, a coded error)', async () => {
    for (const url of ['postgres://127.0.0.1:1/x', 'postgresql://127.0.0.1:1/x']) {
      const error = await openStore({ kind: 'postgres', url, variable: 'DATABASE_URL' }).catch(
        (caught: unknown) => caught,
      );
      expect(isLightsOutError(error, 'store_open_failed')).toBe(true);
      expect((error as Error).message).toMatch(/^Cannot open the Postgres store at postgres/);
    }
  });
});
