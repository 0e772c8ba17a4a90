-- The Monday digest is delivered through the nudge ledger (as sqlite/011_digest_deliveries.sql): a delivery kind
-- 'digest' whose night is its Monday, so the one-per-(target, night) index allows one digest per person per week.
ALTER TABLE nudge_deliveries DROP CONSTRAINT nudge_deliveries_kind_check;
ALTER TABLE nudge_deliveries ADD CONSTRAINT nudge_deliveries_kind_check
  CHECK (kind IN ('channel', 'person', 'digest'));
