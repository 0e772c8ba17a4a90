import type Database from 'better-sqlite3';
import type { HistoryRepository } from './types.js';

/** How many shown items to keep per channel and kind; rotation never looks further back than this. */
export const HISTORY_KEPT = 50;

/**
 * Rotation history sits on the hot path of every /quote and /fact. Reads come from a per-channel cache
 * (loaded once from the table); records update the cache at once and reach the table in one batched
 * transaction per event-loop turn, with pruning, so a burst of commands costs one commit, not one each.
 * The rule it serves is soft (no repeat among the last few), so a record lost to kill -9 is acceptable, and a
 * second process writing the same channel is seen after a restart. `flush` writes what is pending (on close).
 */
export type SqliteHistory = {
  history: HistoryRepository;
  /** Writes pending records now. */
  flush: () => void;
  /**
   * Before rows are deleted (forget, uninstall): writes what is pending, then drops the cached lists of the
   * workspace (or of one channel-or-person key in it), so nothing deleted comes back from memory or a late write.
   */
  dropCached: (teamId: string, channelId?: string) => void;
};

export function sqliteHistoryRepository(db: Database.Database): SqliteHistory {
  const load = db.prepare<[string, string, string, number], { id: number; item_id: string }>(
    `SELECT id, item_id FROM shown_items WHERE team_id = ? AND channel_id = ? AND kind = ?
     ORDER BY id DESC LIMIT ?`,
  );
  const insert = db.prepare<[string, string, string, string, string]>(
    'INSERT INTO shown_items (team_id, channel_id, kind, item_id, shown_at) VALUES (?, ?, ?, ?, ?)',
  );
  const prune = db.prepare<[string, string, string, number]>(
    'DELETE FROM shown_items WHERE team_id = ? AND channel_id = ? AND kind = ? AND id < ?',
  );
  type Recent = { items: string[] };
  type Pending = { teamId: string; channelId: string; kind: string; itemId: string; at: string };
  const cache = new Map<string, Recent>();
  let pending: Pending[] = [];
  const recentOf = (teamId: string, channelId: string, kind: string): Recent => {
    const key = `${teamId}\u0000${channelId}\u0000${kind}`;
    let recent = cache.get(key);
    if (!recent) {
      recent = { items: load.all(teamId, channelId, kind, HISTORY_KEPT).map((row) => row.item_id) };
      cache.set(key, recent);
    }
    return recent;
  };
  const writeBatch = db.transaction((batch: Pending[]) => {
    const touched = new Map<string, Pending>();
    for (const record of batch) {
      insert.run(record.teamId, record.channelId, record.kind, record.itemId, record.at);
      touched.set(`${record.teamId}\u0000${record.channelId}\u0000${record.kind}`, record);
    }
    for (const { teamId, channelId, kind } of touched.values()) {
      const oldestKept = load.all(teamId, channelId, kind, HISTORY_KEPT).at(-1)?.id;
      if (oldestKept !== undefined) prune.run(teamId, channelId, kind, oldestKept);
    }
  });
  const flush = () => {
    if (pending.length === 0 || !db.open) return;
    const batch = pending;
    pending = [];
    writeBatch.immediate(batch);
  };
  const history: HistoryRepository = {
    recent: async (teamId, channelId, kind, limit) => recentOf(teamId, channelId, kind).items.slice(0, limit),
    record: async (teamId, channelId, kind, itemId, at) => {
      const recent = recentOf(teamId, channelId, kind);
      recent.items.unshift(itemId);
      recent.items.length = Math.min(recent.items.length, HISTORY_KEPT);
      if (pending.length === 0) setImmediate(flush);
      pending.push({ teamId, channelId, kind, itemId, at });
    },
  };
  const dropCached = (teamId: string, channelId?: string) => {
    flush();
    const prefix = channelId === undefined ? `${teamId}\u0000` : `${teamId}\u0000${channelId}\u0000`;
    for (const key of cache.keys()) if (key.startsWith(prefix)) cache.delete(key);
  };
  return { history, flush, dropCached };
}
