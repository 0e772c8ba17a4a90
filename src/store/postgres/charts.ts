import type pg from 'pg';
import { type ChartFileRepository, type ChartFileRow, toChartFile } from '../charts.js';

export const CHART_SQL = {
  get: `SELECT * FROM chart_files WHERE team_id = $1 AND user_id = $2 AND week_start = $3::date AND locale = $4`,
  save: `INSERT INTO chart_files (team_id, user_id, week_start, locale, cache_key, file_id, file_url, uploaded_at)
    VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8)
    ON CONFLICT (team_id, user_id, week_start, locale) DO UPDATE SET cache_key = excluded.cache_key,
      file_id = excluded.file_id, file_url = excluded.file_url, uploaded_at = excluded.uploaded_at`,
  prune: 'DELETE FROM chart_files WHERE uploaded_at < $1',
} as const;

/** What `/hours forget` deletes here (team id, user id). */
export const PG_CHART_FORGET_SQL = ['DELETE FROM chart_files WHERE team_id = $1 AND user_id = $2'] as const;

export function postgresChartFileRepository(pool: pg.Pool): ChartFileRepository {
  return {
    get: async ({ teamId, userId }, { weekStart, locale }) => {
      const { rows } = await pool.query<ChartFileRow>(CHART_SQL.get, [teamId, userId, weekStart, locale]);
      return rows[0] ? toChartFile(rows[0]) : undefined;
    },
    save: async (file) => {
      await pool.query(CHART_SQL.save, [
        file.teamId,
        file.userId,
        file.weekStart,
        file.locale,
        file.cacheKey,
        file.fileId,
        file.fileUrl,
        file.uploadedAt,
      ]);
    },
    prune: async (before) => (await pool.query(CHART_SQL.prune, [before])).rowCount ?? 0,
  };
}
