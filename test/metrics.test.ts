import type { FetchFunction } from '@slack/web-api';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  countingFetch,
  createMetrics,
  instrumentStore,
  type PrometheusMetrics,
  startMetricsServer,
} from '../src/metrics.js';
import { closeServer } from '../src/server.js';
import { build } from './helpers/build.js';

type Labels = Record<string, string>;

/** The value of one sample in Prometheus text format whose labels include `labels`; undefined when absent. */
function sample(text: string, name: string, labels: Labels = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const own = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => own[key] === value)) return Number(match[3]);
  }
  return undefined;
}

/** /metrics over HTTP on its own port, as Prometheus would scrape it. */
async function metricsEndpoint(metrics: PrometheusMetrics): Promise<() => Promise<string>> {
  const { server, port } = await startMetricsServer(metrics.registry, 0, '127.0.0.1');
  onTestFinished(() => closeServer(server, 100));
  return async () => {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };
}

/** Scrapes until `check` passes (the ack is counted when its response has been handed to the OS). */
async function scrapeUntil(scrape: () => Promise<string>, check: (text: string) => boolean): Promise<string> {
  let text = await scrape();
  const deadline = Date.now() + 3000;
  while (!check(text) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    text = await scrape();
  }
  return text;
}

describe('/metrics through the real app', () => {
  it('counts acks, Slack calls by method and status, and store queries after a /quote and a /hours log', async () => {
    const metrics = createMetrics();
    const scrape = await metricsEndpoint(metrics);
    const harness = await build({ metrics });
    harness.fake.addUser({ id: 'U0ADA', name: 'ada', tz: 'Europe/London' });
    const ackCount = (text: string) => sample(text, 'lightsout_ack_latency_seconds_count', { kind: 'command' }) ?? 0;
    const before = ackCount(await scrape());

    expect((await harness.command('/quote', 'batson')).status).toBe(200);
    const logged = await harness.command('/hours', 'log 2', { userId: 'U0ADA' });
    expect(logged.status).toBe(200);
    // A newcomer's first log is answered once their zone came from Slack.
    expect(String((await logged.response()).body.text)).toMatch(/2/);

    const text = await scrapeUntil(scrape, (t) => ackCount(t) >= before + 2);
    expect(ackCount(text)).toBe(before + 2);
    expect(sample(text, 'lightsout_ack_latency_seconds_bucket', { kind: 'command', le: '+Inf' })).toBe(before + 2);
    // The first log of a newcomer asks Slack for their zone.
    expect(sample(text, 'lightsout_slack_api_calls_total', { method: 'users.info', status: '200' })).toBe(1);
    expect(
      sample(text, 'lightsout_store_query_duration_seconds_count', { repository: 'hours', method: 'addEntry' }),
    ).toBe(1);
  });

  it('counts a 429 from Slack and the retry that follows', async () => {
    const metrics = createMetrics();
    const scrape = await metricsEndpoint(metrics);
    const harness = await build({ metrics });
    harness.fake.addUser({ id: 'U0BEN', name: 'ben', tz: 'Europe/London' });
    harness.fake.fail('users.info', { kind: 'rate_limited', retryAfterSeconds: 0 });

    expect((await harness.command('/hours', 'log 3', { userId: 'U0BEN' })).status).toBe(200);
    await harness.fake.waitForCalls('users.info', 2);
    const text = await scrapeUntil(
      scrape,
      (t) => sample(t, 'lightsout_slack_api_calls_total', { method: 'users.info', status: '200' }) === 1,
    );
    expect(sample(text, 'lightsout_slack_api_calls_total', { method: 'users.info', status: '429' })).toBe(1);
    expect(sample(text, 'lightsout_slack_api_calls_total', { method: 'users.info', status: '200' })).toBe(1);
  });

  it('serves nothing but /metrics on the metrics port', async () => {
    const metrics = createMetrics();
    const { server, port } = await startMetricsServer(metrics.registry, 0, '127.0.0.1');
    onTestFinished(() => closeServer(server, 100));
    expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(404);
  });
});

describe('the recording seams', () => {
  it('keeps each registry apart: two metric sets never share counts', () => {
    const a = createMetrics();
    const b = createMetrics();
    a.deliveryOutcome('sent', 'channel');
    a.claimsHeld(7);
    return Promise.all([a.registry.metrics(), b.registry.metrics()]).then(([textA, textB]) => {
      expect(sample(textA, 'lightsout_nudge_deliveries_total', { outcome: 'sent', kind: 'channel' })).toBe(1);
      expect(sample(textA, 'lightsout_nudge_claims_held')).toBe(7);
      expect(sample(textB, 'lightsout_nudge_deliveries_total', { outcome: 'sent', kind: 'channel' })).toBeUndefined();
      expect(sample(textB, 'lightsout_nudge_claims_held')).toBe(0);
    });
  });

  it('counts a timed-out or dropped Slack call and still throws it', async () => {
    const metrics = createMetrics();
    const failing =
      (error: Error): FetchFunction =>
      async () => {
        throw error;
      };
    const timeout = Object.assign(new Error('timed out'), { name: 'TimeoutError' });
    const api = 'https://slack.test/api/';
    await expect(countingFetch(api, metrics, failing(timeout))(`${api}chat.postMessage`)).rejects.toBe(timeout);
    await expect(
      countingFetch(api, metrics, failing(new TypeError('fetch failed')))(`${api}users.list`),
    ).rejects.toThrow('fetch failed');
    const text = await metrics.registry.metrics();
    expect(sample(text, 'lightsout_slack_api_calls_total', { method: 'chat.postMessage', status: 'timeout' })).toBe(1);
    expect(sample(text, 'lightsout_slack_api_calls_total', { method: 'users.list', status: 'network_error' })).toBe(1);
  });

  it('times repository calls that fail, and leaves the store its own methods', async () => {
    const metrics = createMetrics();
    const harness = await build();
    const store = instrumentStore(harness.store, metrics);
    await store.ping();
    await store.checkReady();
    await harness.store.close();
    await expect(store.hours.countEntries({ teamId: 'T1', userId: 'U1' })).rejects.toThrow();
    const text = await metrics.registry.metrics();
    expect(
      sample(text, 'lightsout_store_query_duration_seconds_count', { repository: 'hours', method: 'countEntries' }),
    ).toBe(1);
  });
});
