-- Hours ledger (Postgres): one row per logged amount; work_date is the local date in the person's zone.
-- Ids come from an identity column, so a deleted entry's id is never handed out again.
CREATE TABLE hours_entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id text NOT NULL,
  user_id text NOT NULL,
  work_date date NOT NULL,
  minutes integer NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
  note text,
  logged_at timestamptz NOT NULL
);
-- A person's week or month (and the day total under the cap): a range scan covering the minutes.
CREATE INDEX hours_entries_person_date ON hours_entries (team_id, user_id, work_date) INCLUDE (minutes);
-- "Most recent entry" for undo.
CREATE INDEX hours_entries_person_id ON hours_entries (team_id, user_id, id);
-- Team figures for a week: a range scan on (team, date), covering user and minutes.
CREATE INDEX hours_entries_team_date ON hours_entries (team_id, work_date) INCLUDE (user_id, minutes);

CREATE TABLE people (
  team_id text NOT NULL,
  user_id text NOT NULL,
  tz_override text,
  slack_tz text,
  slack_tz_fetched_at timestamptz,
  PRIMARY KEY (team_id, user_id)
);

CREATE TABLE shown_items (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id text NOT NULL,
  channel_id text NOT NULL,
  kind text NOT NULL,
  item_id text NOT NULL,
  shown_at timestamptz NOT NULL
);
CREATE INDEX shown_items_recent ON shown_items (team_id, channel_id, kind, id);
