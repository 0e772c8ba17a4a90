import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DatabaseConfig } from '../config.js';
import { LightsOutError } from '../errors.js';
import { openPostgresStore } from './postgres/store.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './types.js';

/**
 * The one place that turns the configured database into a Store: a postgres:// or postgresql:// URL opens the
 * Postgres store (a bounded pool, migrations under an advisory lock), anything else an SQLite file.
 */
export async function openStore(database: DatabaseConfig): Promise<Store> {
  if (database.kind === 'postgres') return openPostgresStore(database.url);
  if (database.path !== ':memory:') createFolderOf(database.path, database.variable);
  return new SqliteStore(database.path);
}

/**
 * Creates the file's folder one level at a time. Node's recursive mkdir loops forever (at 100 % CPU, deaf to
 * signals) where a parent exists but refuses children with ENOENT, as in /proc; this fails at once instead.
 */
function createFolderOf(file: string, variable: string): void {
  const missing: string[] = [];
  for (let dir = dirname(resolve(file)); !existsSync(dir); dir = dirname(dir)) {
    missing.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new LightsOutError(
        'store_open_failed',
        `${variable} is ${file}, but the folder ${dir} cannot be created (${code}): choose a path in a folder you can write to.`,
        { cause: error },
      );
    }
  }
}
