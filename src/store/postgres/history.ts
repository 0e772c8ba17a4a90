import type pg from 'pg';
import type { HistoryRepository } from '../types.js';

/** How many shown items to keep per channel and kind (as on SQLite). */
const HISTORY_KEPT = 50;

export const HISTORY_SQL = {
  recent: `SELECT item_id FROM shown_items WHERE team_id = $1 AND channel_id = $2 AND kind = $3
    ORDER BY id DESC LIMIT $4`,
  // Insert and prune in one statement. Both parts see the table as it was before the insert, so the prune keeps
  // the newest KEPT - 1 old rows, and with the new one the channel holds KEPT.
  record: `WITH inserted AS (
      INSERT INTO shown_items (team_id, channel_id, kind, item_id, shown_at) VALUES ($1, $2, $3, $4, $5)
      RETURNING id)
    DELETE FROM shown_items WHERE team_id = $1 AND channel_id = $2 AND kind = $3 AND id < (
      SELECT id FROM shown_items WHERE team_id = $1 AND channel_id = $2 AND kind = $3
      ORDER BY id DESC OFFSET ${HISTORY_KEPT - 2} LIMIT 1)`,
} as const;

/**
 * No cache here, unlike SQLite: with several replicas each must see what the others showed, and the query is
 * one index range read.
 */
export function postgresHistoryRepository(pool: pg.Pool): HistoryRepository {
  return {
    recent: async (teamId, channelId, kind, limit) =>
      (await pool.query<{ item_id: string }>(HISTORY_SQL.recent, [teamId, channelId, kind, limit])).rows.map(
        (row) => row.item_id,
      ),
    record: async (teamId, channelId, kind, itemId, at) => {
      await pool.query(HISTORY_SQL.record, [teamId, channelId, kind, itemId, at]);
    },
  };
}
