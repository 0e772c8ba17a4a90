import type pg from 'pg';
import { asLocale } from '../rows.js';
import type { ChannelNudge, NudgeRepository, PersonNudge, PersonNudgeTarget } from '../types.js';
import { postgresLedger } from './ledger.js';
import { inTransaction } from './pool.js';

/** What `/hours forget` must also erase: the person's nudge settings and deliveries, and their name on channels. */
export const PG_NUDGE_FORGET_SQL = [
  'DELETE FROM nudge_people WHERE team_id = $1 AND user_id = $2',
  'DELETE FROM nudge_deliveries WHERE team_id = $1 AND user_id = $2',
  'UPDATE nudge_channels SET set_by = NULL WHERE team_id = $1 AND set_by = $2',
] as const;

type ChannelRow = {
  team_id: string;
  channel_id: string;
  enabled: boolean;
  time: string;
  zone: string;
  set_by: string | null;
  off_reason: string | null;
  locale: string | null;
  updated_at: string;
};
type PersonRow = {
  team_id: string;
  user_id: string;
  enabled: boolean;
  time: string;
  weekends: boolean;
  resume_on: string | null;
  off_reason: string | null;
  updated_at: string;
};

const toChannel = (row: ChannelRow): ChannelNudge => ({
  teamId: row.team_id,
  channelId: row.channel_id,
  enabled: row.enabled,
  time: row.time,
  zone: row.zone,
  setBy: row.set_by,
  offReason: row.off_reason,
  locale: asLocale(row.locale),
  updatedAt: row.updated_at,
});
const toPerson = (row: PersonRow): PersonNudge => ({
  teamId: row.team_id,
  userId: row.user_id,
  enabled: row.enabled,
  time: row.time,
  weekends: row.weekends,
  resumeOn: row.resume_on,
  offReason: row.off_reason,
  updatedAt: row.updated_at,
});

export const NUDGE_SQL = {
  // $8 = true: no language given, the channel keeps the one it has.
  upsertChannel: `INSERT INTO nudge_channels
      (team_id, channel_id, enabled, time, zone, set_by, off_reason, locale, updated_at)
    VALUES ($1, $2, true, $3, $4, $5, NULL, $6, $7)
    ON CONFLICT (team_id, channel_id) DO UPDATE SET enabled = true, time = excluded.time, zone = excluded.zone,
      set_by = excluded.set_by, off_reason = NULL, updated_at = excluded.updated_at,
      locale = CASE WHEN $8::boolean THEN nudge_channels.locale ELSE excluded.locale END`,
  upsertChannelLocale: `INSERT INTO nudge_channels
      (team_id, channel_id, enabled, time, zone, set_by, off_reason, locale, updated_at)
    VALUES ($1, $2, false, $3, $4, NULL, NULL, $5, $6)
    ON CONFLICT (team_id, channel_id) DO UPDATE SET locale = excluded.locale, updated_at = excluded.updated_at`,
  selectChannel: 'SELECT * FROM nudge_channels WHERE team_id = $1 AND channel_id = $2',
  lockChannel: 'SELECT * FROM nudge_channels WHERE team_id = $1 AND channel_id = $2 FOR UPDATE',
  offChannel: `INSERT INTO nudge_channels (team_id, channel_id, enabled, time, zone, set_by, off_reason, updated_at)
    VALUES ($1, $2, false, $3, $4, NULL, $5, $6)
    ON CONFLICT (team_id, channel_id) DO UPDATE SET enabled = false, off_reason = excluded.off_reason,
      updated_at = excluded.updated_at`,
  listChannels: 'SELECT * FROM nudge_channels WHERE team_id = $1 ORDER BY channel_id',
  enabledChannels: 'SELECT * FROM nudge_channels WHERE enabled',
  selectPerson: 'SELECT * FROM nudge_people WHERE team_id = $1 AND user_id = $2',
  upsertPerson: `INSERT INTO nudge_people (team_id, user_id, enabled, time, weekends, resume_on, off_reason, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
    ON CONFLICT (team_id, user_id) DO UPDATE SET enabled = excluded.enabled, time = excluded.time,
      weekends = excluded.weekends, resume_on = excluded.resume_on, off_reason = excluded.off_reason,
      updated_at = excluded.updated_at`,
  enabledPeople: `SELECT n.*, p.tz_override, p.slack_tz FROM nudge_people n
    LEFT JOIN people p ON p.team_id = n.team_id AND p.user_id = n.user_id WHERE n.enabled`,
  countPeople: 'SELECT COUNT(*) AS count FROM nudge_people WHERE enabled AND team_id = $1',
} as const;

export function postgresNudgeRepository(pool: pg.Pool): NudgeRepository {
  const rows = async <R extends pg.QueryResultRow>(text: string, values: unknown[]) =>
    (await pool.query<R>(text, values)).rows;

  return {
    enableChannel: async ({ teamId, channelId, time, zone, setBy, at, locale }) => {
      const values = [teamId, channelId, time, zone, setBy, locale ?? null, at, locale === undefined];
      await pool.query(NUDGE_SQL.upsertChannel, values);
    },
    setChannelLocale: async (teamId, channelId, locale, fallback, at) => {
      await pool.query(NUDGE_SQL.upsertChannelLocale, [teamId, channelId, fallback.time, fallback.zone, locale, at]);
    },
    disableChannel: (teamId, channelId, fallback, reason, at) =>
      inTransaction(pool, async (client) => {
        const [before] = (await client.query<ChannelRow>(NUDGE_SQL.lockChannel, [teamId, channelId])).rows;
        await client.query(NUDGE_SQL.offChannel, [teamId, channelId, fallback.time, fallback.zone, reason, at]);
        return before && toChannel(before);
      }),
    getChannel: async (teamId, channelId) => {
      const [row] = await rows<ChannelRow>(NUDGE_SQL.selectChannel, [teamId, channelId]);
      return row && toChannel(row);
    },
    listChannels: async (teamId) => (await rows<ChannelRow>(NUDGE_SQL.listChannels, [teamId])).map(toChannel),
    enabledChannels: async () => (await rows<ChannelRow>(NUDGE_SQL.enabledChannels, [])).map(toChannel),
    getPerson: async ({ teamId, userId }) => {
      const [row] = await rows<PersonRow>(NUDGE_SQL.selectPerson, [teamId, userId]);
      return row && toPerson(row);
    },
    savePerson: async (n) => {
      const values = [n.teamId, n.userId, n.enabled, n.time, n.weekends, n.resumeOn, n.offReason, n.updatedAt];
      await pool.query(NUDGE_SQL.upsertPerson, values);
    },
    enabledPeople: async () =>
      (
        await rows<PersonRow & { tz_override: string | null; slack_tz: string | null }>(NUDGE_SQL.enabledPeople, [])
      ).map((row): PersonNudgeTarget => ({ ...toPerson(row), tzOverride: row.tz_override, slackTz: row.slack_tz })),
    countEnabledPeople: async (teamId) => (await rows<{ count: number }>(NUDGE_SQL.countPeople, [teamId]))[0]!.count,

    ...postgresLedger(pool),
  };
}
