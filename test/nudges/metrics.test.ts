import { describe, expect, it, onTestFinished } from 'vitest';
import { createMetrics, type PrometheusMetrics, startMetricsServer } from '../../src/metrics.js';
import { closeServer } from '../../src/server.js';
import { controllablePost, type Rig, rig, TEAM } from './rig.js';

/** Saturday 28 Nov 2026, 22:00 in Los Angeles. */
const SLOT = '2026-11-29T06:00:00.000Z';
const at = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** The value of one sample in Prometheus text format whose labels include `labels`; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const own = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => own[key] === value)) return Number(match[3]);
  }
  return undefined;
}

/** /metrics over HTTP on its own port, as Prometheus scrapes it. */
async function scraper(metrics: PrometheusMetrics): Promise<() => Promise<string>> {
  const { server, port } = await startMetricsServer(metrics.registry, 0, '127.0.0.1');
  onTestFinished(() => closeServer(server, 100));
  return async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
}

async function channel(r: Rig, channelId: string) {
  await r.store.nudges.enableChannel({
    teamId: TEAM,
    channelId,
    time: '22:00',
    zone: 'America/Los_Angeles',
    setBy: 'U0SETTER',
    at: at(SLOT, -120),
  });
}

const deliveries = (text: string, outcome: string, kind = 'channel') =>
  sample(text, 'lightsout_nudge_deliveries_total', { outcome, kind }) ?? 0;

describe('nudge metrics from the scheduler', () => {
  it('holds one claim while a post is in flight and none after; a post stop gave up on counts as uncertain', async () => {
    const metrics = createMetrics();
    const scrape = await scraper(metrics);
    const r = await rig({ start: SLOT, metrics, scheduler: { stopWaitMs: 50 }, requestTimeoutMs: 300 });
    await channel(r, 'C0METER');
    controllablePost(r.fake, { hangAfter: 0 });
    const tick = r.tickAt(SLOT);
    await r.fake.waitForCalls('chat.postMessage', 1);
    const during = await scrape();
    expect(sample(during, 'lightsout_nudge_claims_held')).toBe(1);
    expect(deliveries(during, 'uncertain')).toBe(0);

    await r.scheduler.stop();
    await tick;
    // The hold ends when the hung request times out on the client; the row was recorded as uncertain at stop.
    let after = await scrape();
    for (const deadline = Date.now() + 5000; sample(after, 'lightsout_nudge_claims_held') !== 0; ) {
      if (Date.now() > deadline) throw new Error('the claim was still held 5 s after stop');
      await new Promise((resolve) => setTimeout(resolve, 20));
      after = await scrape();
    }
    expect(deliveries(after, 'uncertain')).toBe(1);
    expect(deliveries(after, 'sent')).toBe(0);
  });

  it('counts sent, uncertain (a 5xx after the post) and skipped deliveries by kind', async () => {
    const metrics = createMetrics();
    const scrape = await scraper(metrics);
    const r = await rig({ start: SLOT, metrics });
    await channel(r, 'C0PILE');
    r.fake.fail('chat.postMessage', { kind: 'after_effect', fails: { kind: 'http', status: 504 } }, 1);
    expect(await r.tickAt(SLOT)).toMatchObject({ sent: 1 });
    const text = await scrape();
    expect(deliveries(text, 'sent')).toBe(1);
    expect(deliveries(text, 'uncertain')).toBe(1);
    expect(deliveries(text, 'failed')).toBe(0);
    expect(sample(text, 'lightsout_nudge_claims_held')).toBe(0);

    // A second store-backed process that starts far past the grace window records the slot it missed as skipped.
    const late = await rig({ start: at(SLOT, 24 * 60 - 1), fake: r.fake, metrics });
    await channel(late, 'C0LATE');
    expect(await late.tickAt(at(SLOT, 24 * 60 - 1))).toMatchObject({ skipped: 1 });
    expect(deliveries(await scrape(), 'skipped')).toBe(1);
  });

  it('counts a refused post as failed', async () => {
    const metrics = createMetrics();
    const scrape = await scraper(metrics);
    const r = await rig({ start: SLOT, metrics });
    await channel(r, 'C0SHUT');
    r.fake.fail('chat.postMessage', { kind: 'slack_error', error: 'msg_too_long' }, 1);
    expect(await r.tickAt(SLOT)).toMatchObject({ failed: 1 });
    const text = await scrape();
    expect(deliveries(text, 'failed')).toBe(1);
    expect(deliveries(text, 'sent')).toBe(0);
  });
});
