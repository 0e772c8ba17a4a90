import type pg from 'pg';
import { asLocale } from '../rows.js';
import type { PeopleRepository } from '../types.js';
import { PG_CHART_FORGET_SQL } from './charts.js';
import { PG_DIGEST_FORGET_SQL } from './digests.js';
import { PG_NUDGE_FORGET_SQL } from './nudges.js';
import { inTransaction } from './pool.js';

type PersonRow = {
  team_id: string;
  user_id: string;
  tz_override: string | null;
  slack_tz: string | null;
  slack_tz_fetched_at: string | null;
  slack_locale: string | null;
  locale_override: string | null;
};

export const PEOPLE_SQL = {
  select: 'SELECT * FROM people WHERE team_id = $1 AND user_id = $2',
  upsertOverride: `INSERT INTO people (team_id, user_id, tz_override) VALUES ($1, $2, $3)
    ON CONFLICT (team_id, user_id) DO UPDATE SET tz_override = excluded.tz_override`,
  upsertLocaleOverride: `INSERT INTO people (team_id, user_id, locale_override) VALUES ($1, $2, $3)
    ON CONFLICT (team_id, user_id) DO UPDATE SET locale_override = excluded.locale_override`,
  // $6 = true: the caller had no locale to give, so the cached one stays.
  upsertSlackTz: `INSERT INTO people (team_id, user_id, slack_tz, slack_tz_fetched_at, slack_locale)
    VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (team_id, user_id) DO UPDATE
    SET slack_tz = excluded.slack_tz, slack_tz_fetched_at = excluded.slack_tz_fetched_at,
      slack_locale = CASE WHEN $6::boolean THEN people.slack_locale ELSE excluded.slack_locale END`,
  // The whole directory sync in one statement (so one transaction), whatever its size. Only people who use
  // Lights Out (a row already, or a personal nudge) are updated; a stranger is never stored.
  updateKnownSlackTzMany: `INSERT INTO people (team_id, user_id, slack_tz, slack_tz_fetched_at, slack_locale)
    SELECT $1, zone.user_id, zone.tz, $4, zone.locale
    FROM unnest($2::text[], $3::text[], $5::text[]) AS zone (user_id, tz, locale)
    WHERE EXISTS (SELECT 1 FROM people p WHERE p.team_id = $1 AND p.user_id = zone.user_id)
       OR EXISTS (SELECT 1 FROM nudge_people n WHERE n.team_id = $1 AND n.user_id = zone.user_id)
    ON CONFLICT (team_id, user_id) DO UPDATE
    SET slack_tz = excluded.slack_tz, slack_tz_fetched_at = excluded.slack_tz_fetched_at,
      slack_locale = excluded.slack_locale`,
  deleteEntries: 'DELETE FROM hours_entries WHERE team_id = $1 AND user_id = $2',
  deletePerson: 'DELETE FROM people WHERE team_id = $1 AND user_id = $2',
  // History kept for a person (the lines of their DM nudge) is keyed by their user id in place of a channel id.
  deleteHistory: 'DELETE FROM shown_items WHERE team_id = $1 AND channel_id = $2',
} as const;

export function postgresPeopleRepository(pool: pg.Pool): PeopleRepository {
  return {
    getPerson: async ({ teamId, userId }) => {
      const [row] = (await pool.query<PersonRow>(PEOPLE_SQL.select, [teamId, userId])).rows;
      return (
        row && {
          teamId: row.team_id,
          userId: row.user_id,
          tzOverride: row.tz_override,
          slackTz: row.slack_tz,
          slackTzFetchedAt: row.slack_tz_fetched_at,
          slackLocale: row.slack_locale,
          localeOverride: asLocale(row.locale_override),
        }
      );
    },
    setTimezoneOverride: async ({ teamId, userId }, zone) => {
      await pool.query(PEOPLE_SQL.upsertOverride, [teamId, userId, zone]);
    },
    setLocaleOverride: async ({ teamId, userId }, locale) => {
      await pool.query(PEOPLE_SQL.upsertLocaleOverride, [teamId, userId, locale]);
    },
    saveSlackTimezone: async ({ teamId, userId }, zone, fetchedAt, locale) => {
      await pool.query(PEOPLE_SQL.upsertSlackTz, [
        teamId,
        userId,
        zone,
        fetchedAt,
        locale ?? null,
        locale === undefined,
      ]);
    },
    updateKnownSlackTimezones: async (teamId, zones, fetchedAt) => {
      // One row per person (the last one wins): ON CONFLICT cannot touch the same row twice in one statement.
      const latest = [...new Map(zones.map((row) => [row.userId, row])).values()];
      if (latest.length === 0) return 0;
      const { rowCount } = await pool.query(PEOPLE_SQL.updateKnownSlackTzMany, [
        teamId,
        latest.map((row) => row.userId),
        latest.map((row) => row.zone),
        fetchedAt,
        latest.map((row) => row.locale),
      ]);
      return rowCount ?? 0;
    },
    forget: ({ teamId, userId }) =>
      inTransaction(pool, async (client) => {
        const { rowCount } = await client.query(PEOPLE_SQL.deleteEntries, [teamId, userId]);
        await client.query(PEOPLE_SQL.deletePerson, [teamId, userId]);
        await client.query(PEOPLE_SQL.deleteHistory, [teamId, userId]);
        for (const sql of [...PG_NUDGE_FORGET_SQL, ...PG_CHART_FORGET_SQL, ...PG_DIGEST_FORGET_SQL])
          await client.query(sql, [teamId, userId]);
        return { entries: rowCount ?? 0 };
      }),
  };
}
