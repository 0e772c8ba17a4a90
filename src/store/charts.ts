import type { PersonKey } from './types.js';

/**
 * Week chart pictures uploaded to Slack (table chart_files, migration 009), one per person, week and language:
 * the picture's cache key says whether the upload can be reused. Shared by both dialects.
 */
export type ChartFile = PersonKey & {
  /** The Monday (YYYY-MM-DD) of the week the picture shows. */
  weekStart: string;
  locale: string;
  /** `weekChartCacheKey(...)`: equal keys, identical pictures. */
  cacheKey: string;
  fileId: string;
  fileUrl: string | null;
  uploadedAt: string;
};

export type ChartSlot = { weekStart: string; locale: string };

export interface ChartFileRepository {
  /** The picture last uploaded for this person, week and language, if any. */
  get(person: PersonKey, slot: ChartSlot): Promise<ChartFile | undefined>;
  /** Inserts, or replaces the row of the same person, week and language. */
  save(file: ChartFile): Promise<void>;
  /** Deletes rows uploaded before `before` (an ISO instant); returns how many. */
  prune(before: string): Promise<number>;
}

export type ChartFileRow = {
  team_id: string;
  user_id: string;
  week_start: string;
  locale: string;
  cache_key: string;
  file_id: string;
  file_url: string | null;
  uploaded_at: string;
};

export const toChartFile = (row: ChartFileRow): ChartFile => ({
  teamId: row.team_id,
  userId: row.user_id,
  weekStart: row.week_start,
  locale: row.locale,
  cacheKey: row.cache_key,
  fileId: row.file_id,
  fileUrl: row.file_url,
  uploadedAt: row.uploaded_at,
});

/** Uploads older than this are forgotten (their week is long past); a later view of that week uploads again. */
export const CHART_FILES_KEPT_DAYS = 35;

export function pruneChartFiles(charts: ChartFileRepository, now: Date): Promise<number> {
  return charts.prune(new Date(now.getTime() - CHART_FILES_KEPT_DAYS * 86_400_000).toISOString());
}
