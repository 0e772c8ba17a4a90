-- Entry ids are never reused. Without AUTOINCREMENT SQLite hands out max(id) + 1, so after `/hours undo` of the
-- newest entry the next log got the same id, and an old Undo button (which names an id) removed the new entry.
-- AUTOINCREMENT keeps the highest id ever used in sqlite_sequence; copying the rows with their ids seeds it.
-- (Ids deleted above today's maximum before this migration cannot be known any more; from here on none repeat.)
CREATE TABLE hours_entries_v2 (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  team_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  work_date TEXT NOT NULL CHECK (work_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  minutes INTEGER NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
  note TEXT,
  logged_at TEXT NOT NULL
);
INSERT INTO hours_entries_v2 (id, team_id, user_id, work_date, minutes, note, logged_at)
  SELECT id, team_id, user_id, work_date, minutes, note, logged_at FROM hours_entries ORDER BY id;
DROP TABLE hours_entries;
ALTER TABLE hours_entries_v2 RENAME TO hours_entries;
CREATE INDEX hours_entries_person_date ON hours_entries (team_id, user_id, work_date, minutes);
CREATE INDEX hours_entries_person_id ON hours_entries (team_id, user_id, id);
CREATE INDEX hours_entries_team_date ON hours_entries (team_id, work_date, user_id, minutes);
