import type Database from 'better-sqlite3';
import type { InstallationRecord, InstallationRepository, RemoveWorkspaceResult } from './types.js';

type InstallationRow = {
  key: string;
  team_id: string | null;
  enterprise_id: string | null;
  is_enterprise_install: number;
  sealed: string;
  expires_at: string | null;
  installed_at: string;
  updated_at: string;
};

const toRecord = (row: InstallationRow): InstallationRecord => ({
  key: row.key,
  teamId: row.team_id,
  enterpriseId: row.enterprise_id,
  isEnterpriseInstall: row.is_enterprise_install === 1,
  sealed: row.sealed,
  expiresAt: row.expires_at,
  installedAt: row.installed_at,
  updatedAt: row.updated_at,
});

/** Tables whose rows are not a workspace's data, or that are cleared by key instead of team id. */
const NOT_WORKSPACE_DATA = new Set(['schema_migrations', 'installations', 'installation_locks', 'oauth_states_used']);

/**
 * Every table that holds a team id, found from the schema itself, so a table added by a later migration is
 * covered by uninstall without anyone remembering to list it here.
 */
export function teamTables(db: Database.Database): string[] {
  const tables = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all()
    .map((row) => row.name);
  return tables.filter(
    (name) =>
      !NOT_WORKSPACE_DATA.has(name) &&
      db
        .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)')
        .all(name)
        .some((column) => column.name === 'team_id'),
  );
}

/**
 * @param beforeRemove runs inside the transaction, before rows go: the store flushes and drops its in-memory
 *   caches of the team (the /quote rotation history), so nothing is written back afterwards.
 */
export function sqliteInstallationRepository(
  db: Database.Database,
  beforeRemove: (teamId: string) => void,
): InstallationRepository {
  const upsert = db.prepare<[string, string | null, string | null, number, string, string | null, string, string]>(
    `INSERT INTO installations (key, team_id, enterprise_id, is_enterprise_install, sealed, expires_at,
       installed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id,
       is_enterprise_install = excluded.is_enterprise_install, sealed = excluded.sealed,
       expires_at = excluded.expires_at, installed_at = excluded.installed_at, updated_at = excluded.updated_at`,
  );
  const select = db.prepare<[string], InstallationRow>('SELECT * FROM installations WHERE key = ?');
  const all = db.prepare<[], InstallationRow>('SELECT * FROM installations ORDER BY key');
  const deleteInstallation = db.prepare<[string]>('DELETE FROM installations WHERE key = ?');
  const deleteLock = db.prepare<[string]>('DELETE FROM installation_locks WHERE key = ?');
  // Scheduler state keys name the team (`env-channel:T…:C…`).
  const deleteState = db.prepare<[string]>("DELETE FROM nudge_state WHERE key LIKE '%:' || ? || ':%'");
  const deleteTeamRows = teamTables(db).map((table) =>
    db.prepare<[string]>(`DELETE FROM "${table.replaceAll('"', '""')}" WHERE team_id = ?`),
  );

  const remove = db.transaction((teamId: string, keys: string[], before: string): RemoveWorkspaceResult => {
    const newer = keys.some((key) => {
      const row = select.get(key);
      return row !== undefined && row.installed_at > before;
    });
    if (newer) return { removed: false, reason: 'newer_installation' };
    beforeRemove(teamId);
    let installations = 0;
    for (const key of keys) {
      installations += deleteInstallation.run(key).changes;
      deleteLock.run(key);
    }
    let rows = 0;
    for (const statement of deleteTeamRows) rows += statement.run(teamId).changes;
    rows += deleteState.run(teamId).changes;
    return { removed: true, installations, rows };
  });

  // One statement: take the lease if it is free, expired, or already ours.
  const lock = db.prepare<[string, string, string, string, string]>(
    `INSERT INTO installation_locks (key, owner, lease_until) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
     WHERE installation_locks.lease_until < ? OR installation_locks.owner = ?`,
  );
  const unlock = db.prepare<[string, string]>('DELETE FROM installation_locks WHERE key = ? AND owner = ?');
  const insertState = db.prepare<[string, string]>(
    'INSERT INTO oauth_states_used (state_hash, used_at) VALUES (?, ?) ON CONFLICT (state_hash) DO NOTHING',
  );
  const pruneStates = db.prepare<[string]>('DELETE FROM oauth_states_used WHERE used_at < ?');

  return {
    save: async (record) => {
      upsert.run(
        record.key,
        record.teamId,
        record.enterpriseId,
        record.isEnterpriseInstall ? 1 : 0,
        record.sealed,
        record.expiresAt,
        record.installedAt,
        record.updatedAt,
      );
    },
    get: async (key) => {
      const row = select.get(key);
      return row ? toRecord(row) : undefined;
    },
    list: async () => all.all().map(toRecord),
    removeWorkspace: async ({ teamId, keys, before }) => remove.immediate(teamId, keys, before),
    tryLock: async (key, owner, leaseUntil, now) => lock.run(key, owner, leaseUntil, now, owner).changes > 0,
    unlock: async (key, owner) => {
      unlock.run(key, owner);
    },
    consumeState: async (stateHash, at, pruneBefore) => {
      pruneStates.run(pruneBefore);
      return insertState.run(stateHash, at).changes > 0;
    },
  };
}
