-- Deliveries shared by replicas (as sqlite/005_delivery_queue.sql): a planner enqueues owed slots as `pending`,
-- senders claim them in batches (FOR UPDATE SKIP LOCKED); named leases for work that runs on one replica at a time.
ALTER TABLE nudge_deliveries DROP CONSTRAINT nudge_deliveries_status_check;
ALTER TABLE nudge_deliveries ADD CONSTRAINT nudge_deliveries_status_check
  CHECK (status IN ('pending', 'claimed', 'sending', 'sent', 'failed', 'skipped'));
-- Claiming: pending rows by slot (held rows whose lease ran out use nudge_deliveries_open).
CREATE INDEX nudge_deliveries_pending ON nudge_deliveries (slot_at) WHERE status = 'pending';
-- Renewing and releasing one owner's claims.
DROP INDEX nudge_deliveries_owner;
CREATE INDEX nudge_deliveries_owner ON nudge_deliveries (owner, status);

-- Named leases (directory sync, pruning): held by one owner until `until`, on the database's clock.
CREATE TABLE leases (
  name text PRIMARY KEY,
  owner text NOT NULL,
  until timestamptz NOT NULL
);
