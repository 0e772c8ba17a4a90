import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Limits = { perChannelPerSecond: number; workspacePerSecond: number };

type Bucket = { tokens: number; updated: number };

/**
 * A proxy in front of the fake Slack that enforces Slack-like limits on chat.postMessage: a token bucket per
 * channel and one for the workspace. Over the limit it answers 429 with Retry-After, as Slack does.
 */
export class RateLimiter {
  readonly rejected = { channel: 0, workspace: 0 };
  private readonly server: Server;
  private readonly channels = new Map<string, Bucket>();
  private readonly workspace: Bucket;
  private base = '';

  constructor(
    private readonly upstream: string,
    private readonly limits: Limits,
  ) {
    this.workspace = { tokens: limits.workspacePerSecond, updated: performance.now() };
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        if (req.url?.endsWith('/chat.postMessage')) {
          const channel = new URLSearchParams(body.toString('utf8')).get('channel') ?? '';
          const verdict = this.admit(channel);
          if (verdict) {
            this.rejected[verdict.scope]++;
            res.writeHead(429, { 'retry-after': String(verdict.retryAfter), 'content-type': 'application/json' });
            res.end('{"ok":false,"error":"ratelimited"}');
            return;
          }
        }
        const target = new URL(req.url ?? '/', this.upstream);
        const forward = request(target, { method: req.method, headers: req.headers }, (upstreamRes) => {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.pipe(res);
        });
        forward.on('error', () => res.writeHead(502).end());
        forward.end(body);
      });
    });
  }

  private take(bucket: Bucket, perSecond: number): number | undefined {
    const now = performance.now();
    bucket.tokens = Math.min(perSecond, bucket.tokens + ((now - bucket.updated) / 1000) * perSecond);
    bucket.updated = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
  }

  private admit(channel: string): { scope: 'channel' | 'workspace'; retryAfter: number } | undefined {
    let bucket = this.channels.get(channel);
    if (!bucket) {
      bucket = { tokens: 1, updated: performance.now() };
      this.channels.set(channel, bucket);
    }
    // Peek the channel first so a refused channel post does not spend workspace capacity.
    const channelWait = this.take(bucket, this.limits.perChannelPerSecond);
    if (channelWait !== undefined) return { scope: 'channel', retryAfter: channelWait };
    const workspaceWait = this.take(this.workspace, this.limits.workspacePerSecond);
    if (workspaceWait !== undefined) {
      bucket.tokens += 1; // not sent after all
      return { scope: 'workspace', retryAfter: workspaceWait };
    }
    return undefined;
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return `${this.base}/api/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
