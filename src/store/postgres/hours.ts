import type pg from 'pg';
import { type EntryRow, toEntry } from '../rows.js';
import type { AddEntryResult, DayTotal, HoursRepository, UpdateEntryResult } from '../types.js';
import { inTransaction } from './pool.js';

/** Advisory-lock class of the day cap (the two-key form, apart from the single-key migration lock). */
const DAY_CAP_LOCK = 1;

export const HOURS_SQL = {
  lockDay: 'SELECT pg_advisory_xact_lock($1::int, hashtext($2 || chr(10) || $3 || chr(10) || $4::text))',
  // Reads the day total and inserts only if the cap holds, in one statement (after the lock, so it sees every
  // log that committed before it).
  insertUnderCap: `WITH before AS (
      SELECT COALESCE(SUM(minutes), 0)::int AS minutes FROM hours_entries
      WHERE team_id = $1::text AND user_id = $2::text AND work_date = $3::date),
    inserted AS (
      INSERT INTO hours_entries (team_id, user_id, work_date, minutes, note, logged_at)
      SELECT $1::text, $2::text, $3::date, $4::int, $5::text, $6::timestamptz FROM before
      WHERE before.minutes + $4::int <= $7::int
      RETURNING id)
    SELECT before.minutes AS before, (SELECT id FROM inserted) AS id FROM before`,
  // Read and remove in one statement: what is returned is exactly what was deleted, once.
  deleteOne: 'DELETE FROM hours_entries WHERE team_id = $1 AND user_id = $2 AND id = $3 RETURNING *',
  // SKIP LOCKED: two undos at once remove the two newest entries (as on SQLite), never one entry twice.
  deleteLatest: `DELETE FROM hours_entries WHERE id = (
      SELECT id FROM hours_entries WHERE team_id = $1 AND user_id = $2
      ORDER BY id DESC LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING *`,
  daily: `SELECT work_date AS date, SUM(minutes) AS minutes FROM hours_entries
    WHERE team_id = $1 AND user_id = $2 AND work_date BETWEEN $3::date AND $4::date
    GROUP BY work_date ORDER BY work_date`,
  recentDaily: `SELECT work_date AS date, SUM(minutes) AS minutes FROM hours_entries
    WHERE team_id = $1 AND user_id = $2 AND work_date <= $3::date
    GROUP BY work_date ORDER BY work_date DESC LIMIT $4`,
  all: 'SELECT * FROM hours_entries WHERE team_id = $1 AND user_id = $2 ORDER BY work_date, id',
  count: 'SELECT COUNT(*) AS n FROM hours_entries WHERE team_id = $1 AND user_id = $2',
  // `IS DISTINCT FROM NULL` (no one to leave out) is always true: one statement serves both cases.
  team: `SELECT SUM(minutes) AS minutes FROM hours_entries
    WHERE team_id = $1 AND work_date BETWEEN $2::date AND $3::date AND user_id IS DISTINCT FROM $4::text
    GROUP BY user_id`,
  selectOne: 'SELECT * FROM hours_entries WHERE team_id = $1 AND user_id = $2 AND id = $3',
  onDate: 'SELECT * FROM hours_entries WHERE team_id = $1 AND user_id = $2 AND work_date = $3::date ORDER BY id',
  // The entry, locked for the edit (its day is also locked, by lockDay, against concurrent logs).
  selectOneForUpdate: 'SELECT * FROM hours_entries WHERE team_id = $1 AND user_id = $2 AND id = $3 FOR UPDATE',
  dayTotal: `SELECT COALESCE(SUM(minutes), 0)::int AS minutes FROM hours_entries
    WHERE team_id = $1 AND user_id = $2 AND work_date = $3::date`,
  update: 'UPDATE hours_entries SET minutes = $2, note = $3 WHERE id = $1',
} as const;

/**
 * The day cap across processes: each log takes a transaction-scoped advisory lock on (team, person, day)
 * before it reads the day's total. `SELECT … FOR UPDATE` cannot do this: a day with no entries yet has no row
 * to lock (two first logs would both pass), and a person's `people` row may not exist (nor should it have to,
 * for privacy). SERIALIZABLE would work but needs retry loops. The lock serialises exactly the logs that compete
 * for one cap, is released at commit or rollback, and dies with a dead connection. (hashtext is 32-bit: a
 * collision only makes two unrelated logs wait for each other for a moment.)
 */
export function postgresHoursRepository(pool: pg.Pool): HoursRepository {
  const rows = async <R extends pg.QueryResultRow>(text: string, values: unknown[]) =>
    (await pool.query<R>(text, values)).rows;
  return {
    addEntry: (entry, cap) =>
      inTransaction(pool, async (client): Promise<AddEntryResult> => {
        await client.query(HOURS_SQL.lockDay, [DAY_CAP_LOCK, entry.teamId, entry.userId, entry.workDate]);
        const { rows: result } = await client.query<{ before: number; id: number | null }>(HOURS_SQL.insertUnderCap, [
          entry.teamId,
          entry.userId,
          entry.workDate,
          entry.minutes,
          entry.note,
          entry.loggedAt,
          cap,
        ]);
        const { before, id } = result[0]!;
        if (id === null) return { ok: false, reason: 'day_cap', dayMinutes: before };
        return { ok: true, entry: { ...entry, id }, dayMinutes: before + entry.minutes };
      }),
    removeEntry: async ({ teamId, userId }, id) => {
      const [row] = await rows<EntryRow>(HOURS_SQL.deleteOne, [teamId, userId, id]);
      return row && toEntry(row);
    },
    removeLatestEntry: async ({ teamId, userId }) => {
      const [row] = await rows<EntryRow>(HOURS_SQL.deleteLatest, [teamId, userId]);
      return row && toEntry(row);
    },
    dailyTotals: ({ teamId, userId }, from, to) => rows<DayTotal>(HOURS_SQL.daily, [teamId, userId, from, to]),
    recentDailyTotals: ({ teamId, userId }, to, limit) =>
      rows<DayTotal>(HOURS_SQL.recentDaily, [teamId, userId, to, limit]),
    countEntries: async ({ teamId, userId }) => (await rows<{ n: number }>(HOURS_SQL.count, [teamId, userId]))[0]!.n,
    allEntries: async ({ teamId, userId }) => (await rows<EntryRow>(HOURS_SQL.all, [teamId, userId])).map(toEntry),
    teamTotals: async (teamId, from, to, excludeUserId) =>
      (await rows<{ minutes: number }>(HOURS_SQL.team, [teamId, from, to, excludeUserId ?? null])).map(
        (row) => row.minutes,
      ),
    entriesOn: async ({ teamId, userId }, date) =>
      (await rows<EntryRow>(HOURS_SQL.onDate, [teamId, userId, date])).map(toEntry),
    getEntry: async ({ teamId, userId }, id) => {
      const [row] = await rows<EntryRow>(HOURS_SQL.selectOne, [teamId, userId, id]);
      return row && toEntry(row);
    },
    updateEntry: (person, id, change, cap) =>
      inTransaction(pool, async (client): Promise<UpdateEntryResult> => {
        const [row] = (await client.query<EntryRow>(HOURS_SQL.selectOneForUpdate, [person.teamId, person.userId, id]))
          .rows;
        if (!row) return { ok: false, reason: 'not_found' };
        const before = toEntry(row);
        // The same lock as addEntry: a log and an edit of one day never both pass the cap.
        await client.query(HOURS_SQL.lockDay, [DAY_CAP_LOCK, person.teamId, person.userId, before.workDate]);
        const [day] = (
          await client.query<{ minutes: number }>(HOURS_SQL.dayTotal, [person.teamId, person.userId, before.workDate])
        ).rows;
        const others = (day?.minutes ?? 0) - before.minutes;
        if (others + change.minutes > cap) return { ok: false, reason: 'day_cap', before, dayMinutes: others };
        const note = change.note === undefined ? before.note : change.note;
        await client.query(HOURS_SQL.update, [id, change.minutes, note]);
        return {
          ok: true,
          before,
          entry: { ...before, minutes: change.minutes, note },
          dayMinutes: others + change.minutes,
        };
      }),
  };
}
