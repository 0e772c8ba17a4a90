import type Database from 'better-sqlite3';
import type { AddEntryResult, DayTotal, HoursEntry, HoursRepository, NewHoursEntry } from './types.js';

type EntryRow = {
  id: number;
  team_id: string;
  user_id: string;
  work_date: string;
  minutes: number;
  note: string | null;
  logged_at: string;
};

const toEntry = (row: EntryRow | undefined): HoursEntry | undefined =>
  row && {
    id: row.id,
    teamId: row.team_id,
    userId: row.user_id,
    workDate: row.work_date,
    minutes: row.minutes,
    note: row.note,
    loggedAt: row.logged_at,
  };

export function sqliteHoursRepository(db: Database.Database): HoursRepository {
  const dayTotal = db.prepare<[string, string, string], { minutes: number }>(
    `SELECT COALESCE(SUM(minutes), 0) AS minutes FROM hours_entries
     WHERE team_id = ? AND user_id = ? AND work_date = ?`,
  );
  const insert = db.prepare<[string, string, string, number, string | null, string]>(
    `INSERT INTO hours_entries (team_id, user_id, work_date, minutes, note, logged_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  // Read and remove in one statement: what is returned is exactly what was deleted.
  const deleteOne = db.prepare<[string, string, number], EntryRow>(
    'DELETE FROM hours_entries WHERE team_id = ? AND user_id = ? AND id = ? RETURNING *',
  );
  const deleteLatest = db.prepare<[string, string], EntryRow>(
    `DELETE FROM hours_entries WHERE id = (
       SELECT id FROM hours_entries WHERE team_id = ? AND user_id = ? ORDER BY id DESC LIMIT 1)
     RETURNING *`,
  );
  const daily = db.prepare<[string, string, string, string], DayTotal>(
    `SELECT work_date AS date, SUM(minutes) AS minutes FROM hours_entries
     WHERE team_id = ? AND user_id = ? AND work_date BETWEEN ? AND ?
     GROUP BY work_date ORDER BY work_date`,
  );
  const recentDaily = db.prepare<[string, string, string, number], DayTotal>(
    `SELECT work_date AS date, SUM(minutes) AS minutes FROM hours_entries
     WHERE team_id = ? AND user_id = ? AND work_date <= ?
     GROUP BY work_date ORDER BY work_date DESC LIMIT ?`,
  );
  const all = db.prepare<[string, string], EntryRow>(
    `SELECT * FROM hours_entries WHERE team_id = ? AND user_id = ? ORDER BY work_date, id`,
  );
  const count = db.prepare<[string, string], { n: number }>(
    'SELECT COUNT(*) AS n FROM hours_entries WHERE team_id = ? AND user_id = ?',
  );
  const team = db.prepare<[string, string, string], { minutes: number }>(
    `SELECT SUM(minutes) AS minutes FROM hours_entries
     WHERE team_id = ? AND work_date BETWEEN ? AND ? GROUP BY user_id`,
  );

  // IMMEDIATE takes the write lock before reading the day total, so a second process cannot slip in.
  const addEntry = db.transaction((entry: NewHoursEntry, cap: number): AddEntryResult => {
    const before = dayTotal.get(entry.teamId, entry.userId, entry.workDate)?.minutes ?? 0;
    if (before + entry.minutes > cap) return { ok: false, reason: 'day_cap', dayMinutes: before };
    const { lastInsertRowid } = insert.run(
      entry.teamId,
      entry.userId,
      entry.workDate,
      entry.minutes,
      entry.note,
      entry.loggedAt,
    );
    return { ok: true, entry: { ...entry, id: Number(lastInsertRowid) }, dayMinutes: before + entry.minutes };
  });

  return {
    addEntry: async (entry, cap) => addEntry.immediate(entry, cap),
    removeEntry: async ({ teamId, userId }, id) => toEntry(deleteOne.get(teamId, userId, id)),
    removeLatestEntry: async ({ teamId, userId }) => toEntry(deleteLatest.get(teamId, userId)),
    dailyTotals: async ({ teamId, userId }, from, to) => daily.all(teamId, userId, from, to),
    recentDailyTotals: async ({ teamId, userId }, to, limit) => recentDaily.all(teamId, userId, to, limit),
    countEntries: async ({ teamId, userId }) => count.get(teamId, userId)?.n ?? 0,
    allEntries: async ({ teamId, userId }) => all.all(teamId, userId).map((row) => toEntry(row)!),
    teamTotals: async (teamId, from, to) => team.all(teamId, from, to).map((row) => row.minutes),
  };
}
