-- The Monday digest, opt-in (`/nudge me digest on|off`). A row per person who ever chose; enabled = false is kept
-- so `updated_at` says since when the choice holds (a digest is owed only for Mondays after it). Deleted by
-- `/hours forget` (team + user) and by uninstall (team_id).
CREATE TABLE digest_people (
  team_id text NOT NULL,
  user_id text NOT NULL,
  enabled boolean NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (team_id, user_id)
);
-- The scheduler reads the people who have it on.
CREATE INDEX digest_people_enabled ON digest_people (team_id, user_id) WHERE enabled;
