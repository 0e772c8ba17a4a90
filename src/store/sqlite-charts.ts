import type Database from 'better-sqlite3';
import { type ChartFileRepository, type ChartFileRow, toChartFile } from './charts.js';

/** What `/hours forget` deletes here (team id, user id). */
export const CHART_FORGET_SQL = ['DELETE FROM chart_files WHERE team_id = ? AND user_id = ?'] as const;

export function sqliteChartFileRepository(db: Database.Database): ChartFileRepository {
  const select = db.prepare<[string, string, string, string], ChartFileRow>(
    'SELECT * FROM chart_files WHERE team_id = ? AND user_id = ? AND week_start = ? AND locale = ?',
  );
  const upsert = db.prepare<[string, string, string, string, string, string, string | null, string]>(
    `INSERT INTO chart_files (team_id, user_id, week_start, locale, cache_key, file_id, file_url, uploaded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (team_id, user_id, week_start, locale) DO UPDATE SET cache_key = excluded.cache_key,
       file_id = excluded.file_id, file_url = excluded.file_url, uploaded_at = excluded.uploaded_at`,
  );
  const prune = db.prepare<[string]>('DELETE FROM chart_files WHERE uploaded_at < ?');
  return {
    get: async ({ teamId, userId }, { weekStart, locale }) => {
      const row = select.get(teamId, userId, weekStart, locale);
      return row ? toChartFile(row) : undefined;
    },
    save: async (file) => {
      upsert.run(
        file.teamId,
        file.userId,
        file.weekStart,
        file.locale,
        file.cacheKey,
        file.fileId,
        file.fileUrl,
        file.uploadedAt,
      );
    },
    prune: async (before) => prune.run(before).changes,
  };
}
