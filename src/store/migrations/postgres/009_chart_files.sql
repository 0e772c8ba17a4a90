-- Week chart pictures uploaded to Slack, so a picture is uploaded again only when it changed.
-- One row per person, week and language: `cache_key` hashes everything the picture depends on (see
-- src/charts/cache-key.ts); when it differs, the new upload replaces the row. `file_url` is the file's
-- url_private when Slack gave one. Deleted by `/hours forget` (team + user) and by uninstall (team_id).
CREATE TABLE chart_files (
  team_id text NOT NULL,
  user_id text NOT NULL,
  week_start date NOT NULL,
  locale text NOT NULL,
  cache_key text NOT NULL,
  file_id text NOT NULL,
  file_url text,
  uploaded_at timestamptz NOT NULL,
  PRIMARY KEY (team_id, user_id, week_start, locale)
);
-- Pruning old weeks.
CREATE INDEX chart_files_uploaded ON chart_files (uploaded_at);
