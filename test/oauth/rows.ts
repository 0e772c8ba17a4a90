import Database from 'better-sqlite3';

/**
 * How many rows of every table, found from sqlite_master, belong to `teamId`: rows whose team_id is it, and in
 * tables without a team_id column, rows with the id anywhere in their text (e.g. scheduler state keys).
 */
export function rowsOfTeam(databasePath: string, teamId: string): Record<string, number> {
  const db = new Database(databasePath, { readonly: true });
  try {
    const counts: Record<string, number> = {};
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all();
    for (const { name } of tables) {
      const quoted = `"${name.replaceAll('"', '""')}"`;
      const columns = db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(name);
      if (columns.some((column) => column.name === 'team_id')) {
        counts[name] = (
          db.prepare(`SELECT COUNT(*) AS n FROM ${quoted} WHERE team_id = ?`).get(teamId) as { n: number }
        ).n;
        continue;
      }
      const rows = db.prepare(`SELECT * FROM ${quoted}`).all() as Array<Record<string, unknown>>;
      counts[name] = rows.filter((row) => Object.values(row).some((value) => String(value).includes(teamId))).length;
    }
    return counts;
  } finally {
    db.close();
  }
}

export const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);
