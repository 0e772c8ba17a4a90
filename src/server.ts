import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLightsOutError } from './errors.js';
import type { Logger } from './logger.js';
import type { AckKind, Metrics } from './metrics.js';
import { verifySignature } from './slack/protocol.js';
import type { Store } from './store/types.js';

export const SLACK_EVENTS_PATH = '/slack/events';
export const HEALTH_PATH = '/healthz';
export const READY_PATH = '/readyz';
/** Slack request bodies are small; anything larger is refused before it is buffered. */
const MAX_BODY_BYTES = 1024 * 1024;

/** Extra routes on the same server (the local workspace); returns true when it handled the request. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export type HttpServerOptions = {
  slackListener: (req: IncomingMessage, res: ServerResponse) => void;
  signingSecret: string;
  store: Store;
  logger: Logger;
  now: () => Date;
  routes?: RouteHandler;
  /** Ack latency is recorded here, where a request arrives and where its answer leaves. */
  metrics?: Metrics;
  /** GET paths Bolt's installer serves (OAuth mode: /slack/install, /slack/oauth_redirect); browsers, unsigned. */
  installPaths?: string[];
};

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** A slash command's form carries `command=`, an interaction's `payload=`; the Events API sends JSON. */
function ackKind(req: IncomingMessage, body: string): AckKind {
  if (header(req, 'content-type')?.includes('application/json')) return 'event';
  return /(?:^|&)command=/.test(body) ? 'command' : 'interactive';
}

/**
 * Liveness (`/healthz`: the process runs and the store answers a query) and readiness (`/readyz`: the store
 * answers and no migration is pending, so a load balancer may send traffic). Returns true when it answered.
 */
async function probe(path: string | undefined, res: ServerResponse, store: Store, logger: Logger): Promise<boolean> {
  if (path === HEALTH_PATH) {
    try {
      await store.ping();
      sendJson(res, 200, { status: 'ok' });
    } catch (error) {
      logger.error({ err: error }, 'health check: the store does not answer');
      sendJson(res, 503, { status: 'unavailable', reason: 'store' });
    }
    return true;
  }
  if (path === READY_PATH) {
    try {
      await store.checkReady();
      sendJson(res, 200, { status: 'ready' });
    } catch (error) {
      const reason = isLightsOutError(error, 'store_migrations_pending') ? 'migrations_pending' : 'store_unreachable';
      logger.warn({ err: error, reason }, 'readiness check failed');
      sendJson(res, 503, { status: 'not_ready', reason });
    }
    return true;
  }
  return false;
}

/**
 * The HTTP transport: Slack requests are verified here (Bolt's own check is turned off), then go to Bolt's
 * receiver; plus liveness and readiness. No feature logic lives here.
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const { slackListener, signingSecret, store, logger, now, routes, metrics, installPaths = [] } = options;
  const server = createServer(async (req, res) => {
    const arrived = performance.now();
    const path = (req.url ?? '/').split('?')[0];
    try {
      if ((req.method === 'GET' || req.method === 'HEAD') && (await probe(path, res, store, logger))) return;
      if (path === SLACK_EVENTS_PATH && req.method === 'POST') {
        // Verified here, with the app's clock and Slack's 5-minute window in both directions (Bolt's own check
        // reads the system clock and lets far-future timestamps through); Bolt then reuses the buffered body.
        const body = await readBody(req);
        if (body === undefined) {
          res.writeHead(413).end();
          return;
        }
        const text = body.toString('utf8');
        const verified = verifySignature(
          signingSecret,
          { timestamp: header(req, 'x-slack-request-timestamp'), signature: header(req, 'x-slack-signature') },
          text,
          Math.floor(now().getTime() / 1000),
        );
        if (!verified) {
          logger.warn(
            {
              timestamp: header(req, 'x-slack-request-timestamp'),
              hasSignature: Boolean(header(req, 'x-slack-signature')),
            },
            'refused a request to /slack/events: bad, missing or stale signature',
          );
          res.writeHead(401).end();
          return;
        }
        if (metrics) {
          const kind = ackKind(req, text);
          // 'finish': the whole ack has been handed to the OS, the closest the server sees to Slack receiving it.
          res.once('finish', () => metrics.ackLatency(kind, (performance.now() - arrived) / 1000));
        }
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
        slackListener(req, res);
        return;
      }
      if (req.method === 'GET' && installPaths.includes(path ?? '')) {
        slackListener(req, res);
        return;
      }
      if (routes && (await routes(req, res))) return;
      sendJson(res, 404, { error: 'not_found' });
    } catch (error) {
      logger.error({ err: error, path, method: req.method }, 'HTTP request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal_error' });
      else res.destroy();
    }
  });
  // Slack gives up after 3 s; keep-alive helps Slack's (and the benchmark's) connection reuse.
  server.keepAliveTimeout = 65_000;
  return server;
}

export function listen(server: Server, port: number, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops accepting, lets in-flight requests finish, and cuts what is left after `graceMs`. */
export function closeServer(server: Server, graceMs: number): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
