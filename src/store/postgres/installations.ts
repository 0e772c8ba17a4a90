import type pg from 'pg';
import type { InstallationRecord, InstallationRepository, RemoveWorkspaceResult } from '../types.js';
import { inTransaction, quoteIdent } from './pool.js';

type InstallationRow = {
  key: string;
  team_id: string | null;
  enterprise_id: string | null;
  is_enterprise_install: boolean;
  sealed: string;
  expires_at: string | null;
  installed_at: string;
  updated_at: string;
};

const toRecord = (row: InstallationRow): InstallationRecord => ({
  key: row.key,
  teamId: row.team_id,
  enterpriseId: row.enterprise_id,
  isEnterpriseInstall: row.is_enterprise_install,
  sealed: row.sealed,
  expiresAt: row.expires_at,
  installedAt: row.installed_at,
  updatedAt: row.updated_at,
});

/** Tables whose rows are not a workspace's data, or that are cleared by key instead of team id. */
const NOT_WORKSPACE_DATA = ['schema_migrations', 'installations', 'installation_locks', 'oauth_states_used'];

export const INSTALLATION_SQL = {
  upsert: `INSERT INTO installations (key, team_id, enterprise_id, is_enterprise_install, sealed, expires_at,
      installed_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
    ON CONFLICT (key) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id,
      is_enterprise_install = excluded.is_enterprise_install, sealed = excluded.sealed,
      expires_at = excluded.expires_at, installed_at = excluded.installed_at, updated_at = excluded.updated_at`,
  select: 'SELECT * FROM installations WHERE key = $1',
  // FOR UPDATE: an install arriving while the uninstall runs waits for it, then finds nothing of its workspace gone.
  selectForUpdate: 'SELECT installed_at FROM installations WHERE key = ANY($1::text[]) FOR UPDATE',
  all: 'SELECT * FROM installations ORDER BY key',
  deleteInstallations: 'DELETE FROM installations WHERE key = ANY($1::text[])',
  deleteLocks: 'DELETE FROM installation_locks WHERE key = ANY($1::text[])',
  // Scheduler state keys name the team (`env-channel:T…:C…`).
  deleteState: "DELETE FROM nudge_state WHERE key LIKE '%:' || $1 || ':%'",
  // Every table of this schema with a team_id column, from the catalogue: later tables are covered too.
  teamTables: `SELECT c.table_name AS name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND c.column_name = 'team_id' AND t.table_type = 'BASE TABLE'
      AND c.table_name <> ALL($1::text[])
    ORDER BY 1`,
  // One statement, on the database's clock: take the lease if it is free, expired, or already ours.
  lock: `INSERT INTO installation_locks (key, owner, lease_until)
      VALUES ($1, $2, now() + $3::int * interval '1 millisecond')
    ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
    WHERE installation_locks.lease_until < now() OR installation_locks.owner = excluded.owner`,
  unlock: 'DELETE FROM installation_locks WHERE key = $1 AND owner = $2',
  insertState: `INSERT INTO oauth_states_used (state_hash, used_at) VALUES ($1, $2)
    ON CONFLICT (state_hash) DO NOTHING`,
  pruneStates: 'DELETE FROM oauth_states_used WHERE used_at < $1',
} as const;

export function postgresInstallationRepository(pool: pg.Pool): InstallationRepository {
  return {
    save: async (record) => {
      await pool.query(INSTALLATION_SQL.upsert, [
        record.key,
        record.teamId,
        record.enterpriseId,
        record.isEnterpriseInstall,
        record.sealed,
        record.expiresAt,
        record.installedAt,
        record.updatedAt,
      ]);
    },
    get: async (key) => {
      const [row] = (await pool.query<InstallationRow>(INSTALLATION_SQL.select, [key])).rows;
      return row && toRecord(row);
    },
    list: async () => (await pool.query<InstallationRow>(INSTALLATION_SQL.all)).rows.map(toRecord),
    removeWorkspace: ({ teamId, keys, before }) =>
      inTransaction(pool, async (client): Promise<RemoveWorkspaceResult> => {
        const { rows: held } = await client.query<{ installed_at: string }>(INSTALLATION_SQL.selectForUpdate, [keys]);
        // Never an installation made after the event (events can arrive late after a reinstall).
        if (held.some((row) => Date.parse(row.installed_at) > Date.parse(before)))
          return { removed: false, reason: 'newer_installation' };
        const installations = (await client.query(INSTALLATION_SQL.deleteInstallations, [keys])).rowCount ?? 0;
        await client.query(INSTALLATION_SQL.deleteLocks, [keys]);
        const { rows: tables } = await client.query<{ name: string }>(INSTALLATION_SQL.teamTables, [
          NOT_WORKSPACE_DATA,
        ]);
        let rows = 0;
        for (const { name } of tables) {
          rows += (await client.query(`DELETE FROM ${quoteIdent(name)} WHERE team_id = $1`, [teamId])).rowCount ?? 0;
        }
        rows += (await client.query(INSTALLATION_SQL.deleteState, [teamId])).rowCount ?? 0;
        return { removed: true, installations, rows };
      }),
    // The lease is measured on the database's clock; the caller's instants only give its length.
    tryLock: async (key, owner, leaseUntil, now) => {
      const leaseMs = Math.max(0, Date.parse(leaseUntil) - Date.parse(now));
      return ((await pool.query(INSTALLATION_SQL.lock, [key, owner, leaseMs])).rowCount ?? 0) > 0;
    },
    unlock: async (key, owner) => {
      await pool.query(INSTALLATION_SQL.unlock, [key, owner]);
    },
    consumeState: async (stateHash, at, pruneBefore) => {
      await pool.query(INSTALLATION_SQL.pruneStates, [pruneBefore]);
      return ((await pool.query(INSTALLATION_SQL.insertState, [stateHash, at])).rowCount ?? 0) > 0;
    },
  };
}
