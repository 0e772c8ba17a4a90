-- Deliveries shared by replicas: a planner enqueues owed slots as `pending`, senders claim them in batches.
-- SQLite cannot change a CHECK constraint in place, so the ledger is rebuilt with the new status (same columns,
-- same order, same rows), and a lease table is added for work that runs on one replica at a time.
CREATE TABLE nudge_deliveries_next (
  key TEXT PRIMARY KEY,
  team_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('channel', 'person')),
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
-- Claiming: pending rows by slot, and held rows whose lease ran out.
CREATE INDEX nudge_deliveries_pending ON nudge_deliveries (slot_at) WHERE status = 'pending';
CREATE INDEX nudge_deliveries_open ON nudge_deliveries (lease_until) WHERE status IN ('claimed', 'sending');
-- Renewing and releasing one owner's claims.
CREATE INDEX nudge_deliveries_owner ON nudge_deliveries (owner, status);
CREATE INDEX nudge_deliveries_slot ON nudge_deliveries (slot_at);
CREATE INDEX nudge_deliveries_person ON nudge_deliveries (team_id, user_id) WHERE user_id IS NOT NULL;

-- Named leases (directory sync, pruning): held by one owner until `until` (ISO, the store's clock).
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  until TEXT NOT NULL
) WITHOUT ROWID;
