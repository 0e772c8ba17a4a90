import type Database from 'better-sqlite3';
import { type EntryRow, toEntry } from './rows.js';
import type {
  AddEntryResult,
  DayTotal,
  HoursEntry,
  HoursRepository,
  NewHoursEntry,
  PersonKey,
  UpdateEntryResult,
} from './types.js';

/** A row that may not be there (a delete or select that matched nothing). */
const maybeEntry = (row: EntryRow | undefined): HoursEntry | undefined => row && toEntry(row);

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
  // `user_id IS NOT NULL` (no one to leave out) is always true: one statement serves both cases.
  const team = db.prepare<[string, string, string, string | null], { minutes: number }>(
    `SELECT SUM(minutes) AS minutes FROM hours_entries
     WHERE team_id = ? AND work_date BETWEEN ? AND ? AND user_id IS NOT ? GROUP BY user_id`,
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
    removeEntry: async ({ teamId, userId }, id) => maybeEntry(deleteOne.get(teamId, userId, id)),
    removeLatestEntry: async ({ teamId, userId }) => maybeEntry(deleteLatest.get(teamId, userId)),
    dailyTotals: async ({ teamId, userId }, from, to) => daily.all(teamId, userId, from, to),
    recentDailyTotals: async ({ teamId, userId }, to, limit) => recentDaily.all(teamId, userId, to, limit),
    countEntries: async ({ teamId, userId }) => count.get(teamId, userId)?.n ?? 0,
    allEntries: async ({ teamId, userId }) => all.all(teamId, userId).map((row) => toEntry(row)),
    teamTotals: async (teamId, from, to, excludeUserId) =>
      team.all(teamId, from, to, excludeUserId ?? null).map((row) => row.minutes),
    ...entryEdits(db, dayTotal),
  };
}

/** `entriesOn` and `updateEntry`: fixing a past entry. */
function entryEdits(
  db: Database.Database,
  dayTotal: Database.Statement<[string, string, string], { minutes: number }>,
): Pick<HoursRepository, 'entriesOn' | 'getEntry' | 'updateEntry'> {
  const selectOne = db.prepare<[string, string, number], EntryRow>(
    'SELECT * FROM hours_entries WHERE team_id = ? AND user_id = ? AND id = ?',
  );
  const onDate = db.prepare<[string, string, string], EntryRow>(
    'SELECT * FROM hours_entries WHERE team_id = ? AND user_id = ? AND work_date = ? ORDER BY id',
  );
  const update = db.prepare<[number, string | null, number]>(
    'UPDATE hours_entries SET minutes = ?, note = ? WHERE id = ?',
  );
  // IMMEDIATE, like addEntry: the cap is read and the row changed under one write lock.
  const updateEntry = db.transaction(
    (person: PersonKey, id: number, change: { minutes: number; note?: string | null }, cap: number) => {
      const before = maybeEntry(selectOne.get(person.teamId, person.userId, id));
      if (!before) return { ok: false, reason: 'not_found' } satisfies UpdateEntryResult;
      const others = (dayTotal.get(person.teamId, person.userId, before.workDate)?.minutes ?? 0) - before.minutes;
      if (others + change.minutes > cap) {
        return { ok: false, reason: 'day_cap', before, dayMinutes: others } satisfies UpdateEntryResult;
      }
      const note = change.note === undefined ? before.note : change.note;
      update.run(change.minutes, note, id);
      const entry = { ...before, minutes: change.minutes, note };
      return { ok: true, before, entry, dayMinutes: others + change.minutes } satisfies UpdateEntryResult;
    },
  );
  return {
    entriesOn: async ({ teamId, userId }, date) => onDate.all(teamId, userId, date).map((row) => toEntry(row)),
    getEntry: async ({ teamId, userId }, id) => maybeEntry(selectOne.get(teamId, userId, id)),
    updateEntry: async (person, id, change, cap) => updateEntry.immediate(person, id, change, cap),
  };
}
