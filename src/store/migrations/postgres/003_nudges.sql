-- Go-home nudges (Postgres): the same tables as sqlite/003_nudges.sql, with native booleans, dates and instants.

-- A channel's nudge. A row with enabled = false is kept on purpose: `/nudge off` in the NUDGE_CHANNEL must
-- silence the environment's nudge too, and `off_reason` says why the bot turned it off by itself.
CREATE TABLE nudge_channels (
  team_id text NOT NULL,
  channel_id text NOT NULL,
  enabled boolean NOT NULL,
  time text NOT NULL CHECK (time ~ '^[0-2][0-9]:[0-5][0-9]$'),
  zone text NOT NULL,
  set_by text,
  off_reason text,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (team_id, channel_id)
);
CREATE INDEX nudge_channels_enabled ON nudge_channels (team_id, channel_id) WHERE enabled;

-- A person's DM nudge. The zone is not stored: it follows the person's zone (`/hours tz`, Slack profile).
CREATE TABLE nudge_people (
  team_id text NOT NULL,
  user_id text NOT NULL,
  enabled boolean NOT NULL,
  time text NOT NULL CHECK (time ~ '^[0-2][0-9]:[0-5][0-9]$'),
  weekends boolean NOT NULL DEFAULT false,
  resume_on date,
  off_reason text,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX nudge_people_enabled ON nudge_people (team_id, user_id) WHERE enabled;

-- One row per (target, scheduled slot): inserted before sending (the claim), updated after.
-- `night` is the work date of a daily slot: at most one daily nudge per target per night.
-- user_id is set for personal deliveries only, so `/hours forget` deletes them with the person.
CREATE TABLE nudge_deliveries (
  key text PRIMARY KEY,
  team_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('channel', 'person')),
  target_id text NOT NULL,
  user_id text,
  slot_at timestamptz NOT NULL,
  night date,
  status text NOT NULL CHECK (status IN ('claimed', 'sending', 'sent', 'failed', 'skipped')),
  owner text,
  lease_until timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  reclaims integer NOT NULL DEFAULT 0,
  error text,
  message_ts text,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX nudge_deliveries_night ON nudge_deliveries (team_id, kind, target_id, night)
  WHERE night IS NOT NULL;
CREATE INDEX nudge_deliveries_open ON nudge_deliveries (lease_until) WHERE status IN ('claimed', 'sending');
CREATE INDEX nudge_deliveries_owner ON nudge_deliveries (owner) WHERE status IN ('claimed', 'sending');
CREATE INDEX nudge_deliveries_slot ON nudge_deliveries (slot_at);
CREATE INDEX nudge_deliveries_person ON nudge_deliveries (team_id, user_id) WHERE user_id IS NOT NULL;

CREATE TABLE nudge_state (
  key text PRIMARY KEY,
  value text NOT NULL
);
