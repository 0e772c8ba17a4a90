import Database from 'better-sqlite3';

/**
 * Every row of every table of a store file, read through a second, read-only connection: "the store is
 * unchanged" means this is deep-equal before and after. (Write-behind rotation history is flushed at close and is
 * not personal data; nothing here depends on it.)
 */
export function storeSnapshot(databasePath: string): Record<string, unknown[]> {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all()
      .map((row) => row.name);
    const snapshot: Record<string, unknown[]> = {};
    for (const table of tables) snapshot[table] = db.prepare(`SELECT * FROM "${table}"`).all();
    return snapshot;
  } finally {
    db.close();
  }
}

/** Rows in all tables, for "something was stored" sanity checks. */
export function rowCount(snapshot: Record<string, unknown[]>): number {
  return Object.values(snapshot).reduce((sum, rows) => sum + rows.length, 0);
}
