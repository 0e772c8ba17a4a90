import { openPostgresStore, type PostgresStoreOptions } from './postgres/store.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url);

/**
 * Opens the store `databaseUrl` names: a postgres:// or postgresql:// URL selects Postgres (async: a pool and
 * the migrations), anything else is an SQLite file path (`sqlite:` and `file:` prefixes allowed).
 */
export async function connectStore(databaseUrl: string, postgres: PostgresStoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(databaseUrl)) return openPostgresStore(databaseUrl, postgres);
  return new SqliteStore(databaseUrl.replace(/^sqlite:(\/\/)?/, '').replace(/^file:/, ''));
}
