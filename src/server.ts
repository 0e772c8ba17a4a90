import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './logger.js';
import type { Store } from './store/types.js';

export const SLACK_EVENTS_PATH = '/slack/events';
export const HEALTH_PATH = '/healthz';
/** Slack's replay window, applied both ways: Bolt only refuses stale timestamps, we also refuse future ones. */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/** Extra routes on the same server (the local workspace); returns true when it handled the request. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export type HttpServerOptions = {
  slackListener: (req: IncomingMessage, res: ServerResponse) => void;
  store: Store;
  logger: Logger;
  now: () => Date;
  routes?: RouteHandler;
};

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

function timestampIsFresh(req: IncomingMessage, now: Date): boolean {
  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  return Number.isInteger(timestamp) && Math.abs(now.getTime() / 1000 - timestamp) <= MAX_CLOCK_SKEW_SECONDS;
}

/**
 * The HTTP transport: Slack requests go to Bolt's receiver (which verifies the signature), plus liveness.
 * No feature logic lives here.
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const { slackListener, store, logger, now, routes } = options;
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    try {
      if (path === HEALTH_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
        try {
          await store.ping();
          sendJson(res, 200, { status: 'ok' });
        } catch (error) {
          logger.error({ err: error }, 'health check: the store does not answer');
          sendJson(res, 503, { status: 'unavailable', reason: 'store' });
        }
        return;
      }
      if (path === SLACK_EVENTS_PATH && req.method === 'POST') {
        if (!timestampIsFresh(req, now())) {
          logger.warn(
            { timestamp: req.headers['x-slack-request-timestamp'] },
            'refused a request: stale or missing timestamp',
          );
          req.resume();
          res.writeHead(401).end();
          return;
        }
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
