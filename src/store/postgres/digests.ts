import type pg from 'pg';
import { type DigestRepository, type DigestRow, toDigestChoice, toDigestTarget } from '../digests.js';

export const DIGEST_SQL = {
  get: 'SELECT * FROM digest_people WHERE team_id = $1 AND user_id = $2',
  save: `INSERT INTO digest_people (team_id, user_id, enabled, updated_at) VALUES ($1, $2, $3, $4)
    ON CONFLICT (team_id, user_id) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at`,
  enabled: `SELECT d.*, p.tz_override, p.slack_tz FROM digest_people d
    LEFT JOIN people p ON p.team_id = d.team_id AND p.user_id = d.user_id WHERE d.enabled`,
} as const;

/** What `/hours forget` deletes here (team id, user id). */
export const PG_DIGEST_FORGET_SQL = ['DELETE FROM digest_people WHERE team_id = $1 AND user_id = $2'] as const;

export function postgresDigestRepository(pool: pg.Pool): DigestRepository {
  return {
    get: async ({ teamId, userId }) => {
      const { rows } = await pool.query<DigestRow>(DIGEST_SQL.get, [teamId, userId]);
      return rows[0] ? toDigestChoice(rows[0]) : undefined;
    },
    save: async (choice) => {
      await pool.query(DIGEST_SQL.save, [choice.teamId, choice.userId, choice.enabled, choice.updatedAt]);
    },
    enabledPeople: async () => (await pool.query<DigestRow>(DIGEST_SQL.enabled)).rows.map(toDigestTarget),
  };
}
