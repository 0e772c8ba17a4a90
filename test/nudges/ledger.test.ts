import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DeliveryLedger } from '../../src/nudges/ledger.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { captureLogs } from '../helpers/logs.js';

const SLOT = '2026-11-29T06:00:00.000Z';

describe('the delivery ledger of one process', () => {
  it('renews the leases of the claims it holds, and stops once it holds none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lights-out-ledger-'));
    const clock = { now: new Date(SLOT) };
    const store = new SqliteStore(join(dir, 'l.db'), { now: () => clock.now });
    onTestFinished(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    // A 3 s lease is renewed every second (a third of it).
    const ledger = new DeliveryLedger(store.nudges, 'me', 3000, captureLogs('debug').logger);
    const delivery = { key: 'k1', teamId: 'T1', kind: 'channel' as const, targetId: 'C1', slotAt: SLOT, night: null };
    await ledger.enqueue([delivery]);
    expect(await ledger.claimBatch(10, 3600_000)).toHaveLength(1);
    const done = ledger.hold();
    expect(ledger.holding).toBe(1);
    clock.now = new Date(Date.parse(SLOT) + 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect((await store.nudges.getDelivery('k1'))?.leaseUntil).toBe(new Date(Date.parse(SLOT) + 63_000).toISOString());
    done();
    done(); // idempotent
    expect(ledger.holding).toBe(0);
    clock.now = new Date(Date.parse(SLOT) + 120_000);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect((await store.nudges.getDelivery('k1'))?.leaseUntil).toBe(new Date(Date.parse(SLOT) + 63_000).toISOString());
    // Fenced: hands its claim back; another owner's release changes nothing.
    expect(await store.nudges.release('someone-else')).toBe(0);
    expect(await ledger.release()).toBe(1);
  });
});
