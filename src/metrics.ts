/**
 * Operational metrics in Prometheus format (prom-client). Everything records through the small `Metrics`
 * interface, so features, the scheduler and the transport never touch prom-client; `noopMetrics` is the
 * default when METRICS_PORT is unset. Every metric lives in a registry made here (never prom-client's global
 * one), so each test and each app instance counts on its own.
 */
import { createServer, type Server } from 'node:http';
import type { FetchFunction } from '@slack/web-api';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { listen } from './server.js';
import type { DeliveryKind, Store } from './store/types.js';

/** How a nudge delivery ended: `uncertain` = the post may or may not have reached Slack (timeout, 5xx). */
export type DeliveryOutcome = 'sent' | 'failed' | 'skipped' | 'uncertain';
/** What kind of Slack request was acked: slash command, button/interaction payload, or Events API. */
export type AckKind = 'command' | 'interactive' | 'event';

export interface Metrics {
  deliveryOutcome(outcome: DeliveryOutcome, kind: DeliveryKind): void;
  /** One HTTP attempt against the Slack Web API; `status` is the HTTP status, `timeout` or `network_error`. */
  slackCall(method: string, status: string): void;
  /** From the request's arrival to the ack response being written. */
  ackLatency(kind: AckKind, seconds: number): void;
  storeQuery(repository: string, method: string, seconds: number): void;
  /** Unfinished delivery claims this replica holds right now. */
  claimsHeld(count: number): void;
}

export const noopMetrics: Metrics = {
  deliveryOutcome: () => undefined,
  slackCall: () => undefined,
  ackLatency: () => undefined,
  storeQuery: () => undefined,
  claimsHeld: () => undefined,
};

export type PrometheusMetrics = Metrics & { readonly registry: Registry };

export const METRIC_NAMES = {
  deliveries: 'lightsout_nudge_deliveries_total',
  slackCalls: 'lightsout_slack_api_calls_total',
  ackLatency: 'lightsout_ack_latency_seconds',
  storeQueries: 'lightsout_store_query_duration_seconds',
  claimsHeld: 'lightsout_nudge_claims_held',
} as const;

/** `defaultMetrics` adds prom-client's process metrics (CPU, memory, event-loop lag): on in main, off in tests. */
export function createMetrics(options: { registry?: Registry; defaultMetrics?: boolean } = {}): PrometheusMetrics {
  const registry = options.registry ?? new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const deliveries = new Counter({
    name: METRIC_NAMES.deliveries,
    help: 'Nudge deliveries by outcome and kind (channel or person).',
    labelNames: ['outcome', 'kind'] as const,
    registers,
  });
  const slackCalls = new Counter({
    name: METRIC_NAMES.slackCalls,
    help: 'HTTP attempts against the Slack Web API (SDK retries count separately), by method and status.',
    labelNames: ['method', 'status'] as const,
    registers,
  });
  const ack = new Histogram({
    name: METRIC_NAMES.ackLatency,
    help: 'Seconds from a Slack request arriving to its ack being written (Slack gives up after 3 s).',
    labelNames: ['kind'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3],
    registers,
  });
  const storeQueries = new Histogram({
    name: METRIC_NAMES.storeQueries,
    help: 'Seconds per Store repository call, by repository and method.',
    labelNames: ['repository', 'method'] as const,
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers,
  });
  const claims = new Gauge({
    name: METRIC_NAMES.claimsHeld,
    help: 'Unfinished nudge delivery claims held by this replica.',
    registers,
  });
  return {
    registry,
    deliveryOutcome: (outcome, kind) => deliveries.inc({ outcome, kind }),
    slackCall: (method, status) => slackCalls.inc({ method, status }),
    ackLatency: (kind, seconds) => ack.observe({ kind }, seconds),
    storeQuery: (repository, method, seconds) => storeQueries.observe({ repository, method }, seconds),
    claimsHeld: (count) => claims.set(count),
  };
}

/**
 * The Web API client's `fetch` option, counting every HTTP attempt (429s included, since the SDK retries
 * inside `apiCall`, below which this sits). Other URLs (file uploads) count as method `external`.
 */
export function countingFetch(apiUrl: string, metrics: Metrics, inner: FetchFunction = fetch): FetchFunction {
  return async (url, init) => {
    const href = String(url);
    const method = href.startsWith(apiUrl) ? (href.slice(apiUrl.length).split('?')[0] ?? '') : 'external';
    try {
      const response = await inner(url, init);
      metrics.slackCall(method, String(response.status));
      return response;
    } catch (error) {
      const name = (error as Error | undefined)?.name;
      metrics.slackCall(method, name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network_error');
      throw error;
    }
  };
}

/** The Store's repositories (its non-function members). */
type RepositoryName = { [K in keyof Store]: Store[K] extends (...args: never[]) => unknown ? never : K }[keyof Store];
/** Every repository, so one added to the Store fails to compile here until it is listed (and so timed). */
const REPOSITORIES: Record<RepositoryName, true> = {
  hours: true,
  people: true,
  history: true,
  nudges: true,
  leases: true,
  installations: true,
  charts: true,
  digests: true,
};

/**
 * The same store, with every repository method timed. Store-agnostic: a Proxy around each repository, so
 * methods added later are timed too; the store's own methods (ping, checkReady, close) pass through.
 */
export function instrumentStore<S extends Store>(store: S, metrics: Metrics): S {
  const timed = new Map<string | symbol, unknown>();
  for (const name of Object.keys(REPOSITORIES) as RepositoryName[]) {
    timed.set(name, timeRepository(name, store[name], metrics));
  }
  return new Proxy(store, {
    get(target, property) {
      if (timed.has(property)) return timed.get(property);
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function timeRepository<R extends object>(repository: string, target: R, metrics: Metrics): R {
  return new Proxy(target, {
    get(object, method) {
      const value = Reflect.get(object, method, object);
      if (typeof value !== 'function' || typeof method !== 'string') return value;
      return (...args: unknown[]) => {
        const started = performance.now();
        const record = () => metrics.storeQuery(repository, method, (performance.now() - started) / 1000);
        const result = value.apply(object, args);
        if (result instanceof Promise) return result.finally(record);
        record();
        return result;
      };
    },
  });
}

/** `/metrics` on its own server, so the public port never exposes it. */
export async function startMetricsServer(
  registry: Registry,
  port: number,
  host?: string,
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${String(error)}\n`),
    );
  });
  return { server, port: await listen(server, port, host) };
}
