-- Week chart pictures uploaded to Slack, so a picture is uploaded again only when it changed.
-- One row per person, week and language: `cache_key` hashes everything the picture depends on (see
-- src/charts/cache-key.ts); when it differs, the new upload replaces the row. `file_url` is the file's
-- url_private when Slack gave one. Deleted by `/hours forget` (team + user) and by uninstall (team_id).
CREATE TABLE chart_files (
  team_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  week_start TEXT NOT NULL CHECK (week_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  locale TEXT NOT NULL,
  cache_key TEXT NOT NULL,
  file_id TEXT NOT NULL,
  file_url TEXT,
  uploaded_at TEXT NOT NULL,
  PRIMARY KEY (team_id, user_id, week_start, locale)
) WITHOUT ROWID;
-- Pruning old weeks.
CREATE INDEX chart_files_uploaded ON chart_files (uploaded_at);
