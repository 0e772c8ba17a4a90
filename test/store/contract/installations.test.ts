import { expect, it } from 'vitest';
import type { InstallationRecord, Store } from '../../../src/store/types.js';
import { describeStores, entry, type TestDatabase } from './kit.js';

const T0 = '2026-11-29T06:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

const workspace = (teamId: string, installedAt = T0): InstallationRecord => ({
  key: teamId,
  teamId,
  enterpriseId: null,
  isEnterpriseInstall: false,
  sealed: `sealed-${teamId}`,
  expiresAt: null,
  installedAt,
  updatedAt: installedAt,
});

/** Gives `teamId` a row in every table that holds workspace data, through the Store interface. */
async function useWorkspace(store: Store, teamId: string): Promise<void> {
  const ada = { teamId, userId: 'U1' };
  await store.installations.save(workspace(teamId));
  await store.installations.tryLock(teamId, 'replica-a', at(30), T0);
  expect(await store.hours.addEntry(entry('2026-11-28', 300, ada), 1440)).toMatchObject({ ok: true });
  await store.people.setTimezoneOverride(ada, 'Asia/Shanghai');
  await store.history.record(teamId, 'C1', 'quote', 'q1', T0);
  await new Promise((resolve) => setImmediate(resolve)); // SQLite writes history in a batch on the next turn
  await store.nudges.enableChannel({ teamId, channelId: 'C1', time: '22:00', zone: 'UTC', setBy: 'U1', at: T0 });
  await store.nudges.savePerson({
    ...ada,
    enabled: true,
    time: '23:00',
    weekends: false,
    resumeOn: null,
    offReason: null,
    updatedAt: T0,
  });
  const delivery = { key: `person:${teamId}:U1:${T0}`, teamId, kind: 'person' as const, targetId: 'U1', slotAt: T0 };
  expect(await store.nudges.claim({ ...delivery, night: null }, 'test', 60_000)).toBe(true);
  await store.nudges.setState(`env-channel:${teamId}:C1`, '{}');
  await store.charts.save({
    ...ada,
    weekStart: '2026-11-23',
    locale: 'en',
    cacheKey: 'c'.repeat(32),
    fileId: 'F0CHART',
    fileUrl: null,
    uploadedAt: T0,
  });
  await store.digests.save({ ...ada, enabled: true, updatedAt: T0 });
}

/** Rows of `teamId` in every table with a team_id column (read from the catalogue), plus its lock and state. */
async function rowsOf(database: TestDatabase, teamId: string): Promise<Record<string, number>> {
  const tables = (await database.columns()).filter((column) => column.column === 'team_id').map((c) => c.table);
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = await database.countWhere(table, 'team_id', teamId);
  counts.installation_locks = await database.countWhere('installation_locks', 'key', teamId);
  counts.nudge_state = await database.countWhere('nudge_state', 'key', `env-channel:${teamId}:C1`);
  return counts;
}

describeStores('store contract: installations', (database) => {
  it('saves, reads and lists installations; an org-wide install is keyed by its enterprise id', async () => {
    const store = await database().open();
    const org: InstallationRecord = {
      key: 'E0ORG',
      teamId: null,
      enterpriseId: 'E0ORG',
      isEnterpriseInstall: true,
      sealed: 'sealed-org',
      expiresAt: at(43_200),
      installedAt: T0,
      updatedAt: at(60),
    };
    expect(await store.installations.get('T1')).toBeUndefined();
    await store.installations.save(workspace('T1'));
    await store.installations.save(org);
    expect(await store.installations.get('E0ORG')).toEqual(org);
    expect(await store.installations.get('T1')).toEqual(workspace('T1'));
    // A refresh replaces every column under the same key.
    const refreshed = { ...workspace('T1'), sealed: 'sealed-again', expiresAt: at(90), updatedAt: at(120) };
    await store.installations.save(refreshed);
    expect(await store.installations.list()).toEqual([org, refreshed]);
  });

  it('removeWorkspace deletes the installation, its lock and every row of the workspace, not the other one', async () => {
    const db = database();
    const store = await db.open();
    await useWorkspace(store, 'T1');
    await useWorkspace(store, 'T2');
    const before = await rowsOf(db, 'T1');
    // The check can fail: the workspace has a row in every table that holds workspace data.
    expect(Object.entries(before).filter(([, n]) => n === 0)).toEqual([]);
    const other = await rowsOf(db, 'T2');

    const result = await store.installations.removeWorkspace({ teamId: 'T1', keys: ['T1'], before: at(60) });
    expect(result).toMatchObject({ removed: true, installations: 1 });
    expect(Object.values(await rowsOf(db, 'T1')).every((n) => n === 0)).toBe(true);
    expect(await rowsOf(db, 'T2')).toEqual(other);
    // The lock went with it: another owner takes it at once.
    expect(await store.installations.tryLock('T1', 'replica-b', at(40), at(10))).toBe(true);
    expect(await store.installations.tryLock('T2', 'replica-b', at(40), at(10))).toBe(false);

    // Idempotent: a second call finds nothing and succeeds.
    await store.installations.unlock('T1', 'replica-b');
    expect(await store.installations.removeWorkspace({ teamId: 'T1', keys: ['T1'], before: at(60) })).toEqual({
      removed: true,
      installations: 0,
      rows: 0,
    });
  });

  it('refuses to remove anything when an installation under the keys is newer than the event', async () => {
    const db = database();
    const store = await db.open();
    await useWorkspace(store, 'T1');
    await store.installations.save(workspace('T1', at(120))); // reinstalled after the event below was sent
    const before = await rowsOf(db, 'T1');
    expect(await store.installations.removeWorkspace({ teamId: 'T1', keys: ['T1', 'E0ORG'], before: at(60) })).toEqual({
      removed: false,
      reason: 'newer_installation',
    });
    expect(await rowsOf(db, 'T1')).toEqual(before);
    expect(await store.installations.get('T1')).toBeDefined();
  });

  it('tryLock: free, held by another, expired, re-entrant for its owner; unlock only by the owner', async () => {
    const store = await database().open();
    const { installations } = store;
    expect(await installations.tryLock('T1', 'a', at(30), T0)).toBe(true);
    expect(await installations.tryLock('T1', 'b', at(31), at(1))).toBe(false);
    expect(await installations.tryLock('T1', 'a', at(40), at(2))).toBe(true);
    await installations.unlock('T1', 'b'); // not b's: still a's
    expect(await installations.tryLock('T1', 'b', at(33), at(3))).toBe(false);
    await installations.unlock('T1', 'a');
    expect(await installations.tryLock('T1', 'b', at(34), at(4))).toBe(true);
    // A lease that ran out (zero length here, so that it has on any clock the store measures with) is taken over.
    expect(await installations.tryLock('T2', 'a', at(5), at(5))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await installations.tryLock('T2', 'b', at(40), at(10))).toBe(true);
    expect(await installations.tryLock('T2', 'a', at(41), at(11))).toBe(false);
  });

  it('consumeState is true once per state, and prunes old states', async () => {
    const store = await database().open();
    const { installations } = store;
    expect(await installations.consumeState('hash-1', T0, at(-600))).toBe(true);
    expect(await installations.consumeState('hash-1', at(1), at(-599))).toBe(false);
    expect(await installations.consumeState('hash-2', at(2), at(-598))).toBe(true);
    // Rows older than the prune horizon go (the state itself expires after 10 minutes, refused before this).
    expect(await installations.consumeState('hash-3', at(700), at(1))).toBe(true);
    expect(await installations.consumeState('hash-1', at(701), at(1))).toBe(true);
    expect(await installations.consumeState('hash-2', at(702), at(1))).toBe(false);
  });
});
