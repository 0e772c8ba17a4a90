import type Database from 'better-sqlite3';
import { type DigestRepository, type DigestRow, toDigestChoice, toDigestTarget } from './digests.js';

/** What `/hours forget` deletes here (team id, user id). */
export const DIGEST_FORGET_SQL = ['DELETE FROM digest_people WHERE team_id = ? AND user_id = ?'] as const;

export function sqliteDigestRepository(db: Database.Database): DigestRepository {
  const select = db.prepare<[string, string], DigestRow>(
    'SELECT * FROM digest_people WHERE team_id = ? AND user_id = ?',
  );
  const upsert = db.prepare<[string, string, number, string]>(
    `INSERT INTO digest_people (team_id, user_id, enabled, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (team_id, user_id) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at`,
  );
  const enabled = db.prepare<[], DigestRow>(
    `SELECT d.*, p.tz_override, p.slack_tz FROM digest_people d
     LEFT JOIN people p ON p.team_id = d.team_id AND p.user_id = d.user_id WHERE d.enabled = 1`,
  );
  return {
    get: async ({ teamId, userId }) => {
      const row = select.get(teamId, userId);
      return row ? toDigestChoice(row) : undefined;
    },
    save: async (choice) => {
      upsert.run(choice.teamId, choice.userId, choice.enabled ? 1 : 0, choice.updatedAt);
    },
    enabledPeople: async () => enabled.all().map(toDigestTarget),
  };
}
