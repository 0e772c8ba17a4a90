import { describe, expect, it } from 'vitest';
import { createMetrics } from '../src/metrics.js';
import { readMigrations } from '../src/store/sqlite.js';
import { build } from './helpers/build.js';

async function get(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url);
  const text = await res.text();
  return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : text };
}

describe('GET /readyz', () => {
  it('answers 200 ready when the store answers and every migration is applied', async () => {
    const harness = await build();
    expect(await get(`${harness.url}/readyz`)).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('answers 503 store_unreachable once the store is closed (and /healthz fails too)', async () => {
    const harness = await build();
    await harness.store.close();
    expect(await get(`${harness.url}/readyz`)).toEqual({
      status: 503,
      body: { status: 'not_ready', reason: 'store_unreachable' },
    });
    expect((await get(`${harness.url}/healthz`)).status).toBe(503);
  });

  it('answers 503 migrations_pending while /healthz (liveness) stays 200', async () => {
    const harness = await build();
    // SQLite-only: the file now records an older schema than the newest migration this process knows.
    const newest = Math.max(...readMigrations().map((migration) => migration.version));
    harness.store.handle.prepare('DELETE FROM schema_migrations WHERE version = ?').run(newest);
    expect(await get(`${harness.url}/readyz`)).toEqual({
      status: 503,
      body: { status: 'not_ready', reason: 'migrations_pending' },
    });
    expect(await get(`${harness.url}/healthz`)).toEqual({ status: 200, body: { status: 'ok' } });
  });
});

describe('the public port', () => {
  it('never serves /metrics, even with metrics on', async () => {
    const harness = await build({ metrics: createMetrics() });
    await harness.command('/quote', 'batson');
    const res = await get(`${harness.url}/metrics`);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('lightsout_');
  });
});
