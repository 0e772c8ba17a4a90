import type { TestDatabase } from '../store/contract/kit.js';

/**
 * How many rows of every table, found from the database's catalogue (sqlite_master or information_schema),
 * belong to `teamId`: rows whose team_id is it, and in tables without a team_id column, rows with the id anywhere
 * in their text (e.g. scheduler state keys, lock keys).
 */
export async function rowsOfTeam(database: TestDatabase, teamId: string): Promise<Record<string, number>> {
  const columns = await database.columns();
  const tables = [...new Set(columns.map((column) => column.table))].sort();
  const counts: Record<string, number> = {};
  for (const table of tables) {
    if (columns.some((column) => column.table === table && column.column === 'team_id')) {
      counts[table] = await database.countWhere(table, 'team_id', teamId);
      continue;
    }
    const rows = await database.rows(table);
    counts[table] = rows.filter((row) => Object.values(row).some((value) => String(value).includes(teamId))).length;
  }
  return counts;
}

export const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);

/** Only the tables that hold rows. */
export const nonZero = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

/** Polls the counts of `teamId` until `done` holds (writes that land after the answer), then returns them. */
export async function rowsOfTeamWhen(
  database: TestDatabase,
  teamId: string,
  done: (counts: Record<string, number>) => boolean,
  what: string,
  timeoutMs = 5000,
): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await rowsOfTeam(database, teamId);
    if (done(counts)) return counts;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
