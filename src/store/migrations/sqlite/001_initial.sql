-- Hours ledger: one row per logged amount; work_date is the local date in the person's zone.
CREATE TABLE hours_entries (
  id INTEGER PRIMARY KEY,
  team_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  work_date TEXT NOT NULL CHECK (work_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  minutes INTEGER NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
  note TEXT,
  logged_at TEXT NOT NULL
);
-- A person's week or month: a range scan on (team, user, date), covering the minutes.
CREATE INDEX hours_entries_person_date ON hours_entries (team_id, user_id, work_date, minutes);
-- "Most recent entry" for undo: rowid order within a person.
CREATE INDEX hours_entries_person_id ON hours_entries (team_id, user_id, id);
-- Team figures for a week: a range scan on (team, date), covering user and minutes.
CREATE INDEX hours_entries_team_date ON hours_entries (team_id, work_date, user_id, minutes);

CREATE TABLE people (
  team_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  tz_override TEXT,
  slack_tz TEXT,
  slack_tz_fetched_at TEXT,
  PRIMARY KEY (team_id, user_id)
) WITHOUT ROWID;

CREATE TABLE shown_items (
  id INTEGER PRIMARY KEY,
  team_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  item_id TEXT NOT NULL,
  shown_at TEXT NOT NULL
);
CREATE INDEX shown_items_recent ON shown_items (team_id, channel_id, kind, id);
