-- Go-home nudges: per-channel and per-person settings, and one row per delivery (the exactly-once ledger).

-- A channel's nudge. A row with enabled = 0 is kept on purpose: `/nudge off` in the NUDGE_CHANNEL must
-- silence the environment's nudge too, and `off_reason` says why the bot turned it off by itself.
CREATE TABLE nudge_channels (
  team_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  time TEXT NOT NULL CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]'),
  zone TEXT NOT NULL,
  set_by TEXT,
  off_reason TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (team_id, channel_id)
) WITHOUT ROWID;
-- The scheduler tick reads the enabled channels every minute.
CREATE INDEX nudge_channels_enabled ON nudge_channels (enabled, team_id, channel_id);

-- A person's DM nudge. The zone is not stored: it follows the person's zone (`/hours tz`, Slack profile).
-- resume_on: local date from which nudges come again (NULL = not paused).
CREATE TABLE nudge_people (
  team_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  time TEXT NOT NULL CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]'),
  weekends INTEGER NOT NULL DEFAULT 0 CHECK (weekends IN (0, 1)),
  resume_on TEXT,
  off_reason TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (team_id, user_id)
) WITHOUT ROWID;
CREATE INDEX nudge_people_enabled ON nudge_people (enabled, team_id, user_id);

-- One row per (target, scheduled slot): inserted before sending (the claim), updated after.
-- key = kind:team:target:slot (slot in UTC). `night` is the work date of a daily slot, so a target gets at
-- most one daily nudge per night even when its time or zone changes, or when a fall-back hour repeats.
-- user_id is set for personal deliveries only, so `/hours forget` deletes them with the person.
CREATE TABLE nudge_deliveries (
  key TEXT PRIMARY KEY,
  team_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('channel', 'person')),
  target_id TEXT NOT NULL,
  user_id TEXT,
  slot_at TEXT NOT NULL,
  night TEXT,
  status TEXT NOT NULL CHECK (status IN ('claimed', 'sending', 'sent', 'failed', 'skipped')),
  owner TEXT,
  lease_until TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  reclaims INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  message_ts TEXT,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE UNIQUE INDEX nudge_deliveries_night ON nudge_deliveries (team_id, kind, target_id, night)
  WHERE night IS NOT NULL;
-- Crash recovery: unfinished claims whose lease ran out.
CREATE INDEX nudge_deliveries_open ON nudge_deliveries (lease_until) WHERE status IN ('claimed', 'sending');
-- Pruning old rows.
CREATE INDEX nudge_deliveries_slot ON nudge_deliveries (slot_at);
CREATE INDEX nudge_deliveries_person ON nudge_deliveries (team_id, user_id) WHERE user_id IS NOT NULL;

-- Small scheduler facts that must survive restarts (e.g. since when the NUDGE_CHANNEL schedule applies).
CREATE TABLE nudge_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
