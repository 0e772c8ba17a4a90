-- OAuth mode: one row per installation (see InstallationRepository in src/store/types.ts).
-- key = enterprise id for an org-wide install, team id otherwise (as Bolt keys them). `sealed` is Bolt's whole
-- Installation, encrypted (AES-256-GCM) by the app: the store never sees a token in clear.
CREATE TABLE installations (
  key TEXT PRIMARY KEY,
  team_id TEXT,
  enterprise_id TEXT,
  is_enterprise_install BOOLEAN NOT NULL,
  sealed TEXT NOT NULL,
  expires_at TIMESTAMPTZ,
  installed_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX installations_team ON installations (team_id);

-- A lease per installation while its token is refreshed, so two replicas never spend one refresh token.
CREATE TABLE installation_locks (
  key TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  lease_until TIMESTAMPTZ NOT NULL
);

-- OAuth states already redeemed (SHA-256 of the state): a replayed redirect is refused.
CREATE TABLE oauth_states_used (
  state_hash TEXT PRIMARY KEY,
  used_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX oauth_states_used_at ON oauth_states_used (used_at);

-- Uninstall deletes a workspace's delivery records by team id.
CREATE INDEX nudge_deliveries_team ON nudge_deliveries (team_id);
