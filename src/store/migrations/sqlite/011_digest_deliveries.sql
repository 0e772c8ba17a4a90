-- The Monday digest is delivered through the nudge ledger: a delivery kind 'digest' (key
-- digest:team:user:slotISO, night = its Monday), so the one-per-(target, night) index allows one digest per person
-- per week and the claim, lease and MAX_UNCERTAIN_POSTS bound apply as to nudges. SQLite cannot change a CHECK in
-- place, so the ledger is rebuilt with the new kind: same columns, same order, same rows, and the indexes 005
-- and 007 made.
CREATE TABLE nudge_deliveries_next (
  key TEXT PRIMARY KEY,
  team_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('channel', 'person', 'digest')),
  target_id TEXT NOT NULL,
  user_id TEXT,
  slot_at TEXT NOT NULL,
  night TEXT,
  status TEXT NOT NULL CHECK (status IN ('pending', 'claimed', 'sending', 'sent', 'failed', 'skipped')),
  owner TEXT,
  lease_until TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  reclaims INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  message_ts TEXT,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO nudge_deliveries_next SELECT * FROM nudge_deliveries;
DROP TABLE nudge_deliveries;
ALTER TABLE nudge_deliveries_next RENAME TO nudge_deliveries;

CREATE UNIQUE INDEX nudge_deliveries_night ON nudge_deliveries (team_id, kind, target_id, night)
  WHERE night IS NOT NULL;
CREATE INDEX nudge_deliveries_pending ON nudge_deliveries (slot_at) WHERE status = 'pending';
CREATE INDEX nudge_deliveries_open ON nudge_deliveries (lease_until) WHERE status IN ('claimed', 'sending');
CREATE INDEX nudge_deliveries_owner ON nudge_deliveries (owner, status);
CREATE INDEX nudge_deliveries_slot ON nudge_deliveries (slot_at);
CREATE INDEX nudge_deliveries_person ON nudge_deliveries (team_id, user_id) WHERE user_id IS NOT NULL;
-- Uninstall deletes a workspace's rows (from 007_installations.sql).
CREATE INDEX nudge_deliveries_team ON nudge_deliveries (team_id);
