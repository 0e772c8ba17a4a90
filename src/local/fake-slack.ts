import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the Slack Web API on 127.0.0.1. The end-to-end tests use it as their fake Slack and the local
 * workspace builds on it, so there is one stand-in. It records every call, keeps the messages it was sent, and
 * can be told to fail: 429 with Retry-After, 5xx, a Slack error, a hang or a dropped connection.
 */

export type ApiCall = { method: string; args: Record<string, unknown>; token: string | undefined; at: number };
export type ResponseUrlPost = { id: string; body: Record<string, unknown>; at: number };

export type Fault =
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'http'; status: number }
  | { kind: 'slack_error'; error: string }
  | { kind: 'hang' }
  | { kind: 'drop' };

export type FakeUser = {
  id: string;
  name: string;
  real_name?: string;
  tz?: string;
  deleted?: boolean;
  is_bot?: boolean;
};

export type PostedMessage = {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  /** For chat.postEphemeral: who may see it. */
  user?: string;
  ephemeral: boolean;
  thread_ts?: string;
};

export type UploadedFile = { id: string; filename: string; title?: string; content: Buffer; channel?: string };

type Handler = (
  args: Record<string, unknown>,
  call: ApiCall,
) => Record<string, unknown> | Promise<Record<string, unknown>>;

export type FakeSlackOptions = {
  /** Tokens the fake accepts; any other token gets invalid_auth. Default: accept every xoxb- token. */
  validTokens?: string[];
  teamId?: string;
  botUserId?: string;
  botId?: string;
};

const parseMaybeJson = (value: string): unknown => {
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Web API bodies arrive as JSON or as a form whose nested values (blocks) are JSON strings. */
function parseArgs(req: IncomingMessage, raw: Buffer, url: URL): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of url.searchParams) args[key] = parseMaybeJson(value);
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return args;
  if (type.includes('application/json')) return { ...args, ...(JSON.parse(raw.toString('utf8')) as object) };
  for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) args[key] = parseMaybeJson(value);
  return args;
}

export class FakeSlack extends EventEmitter {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly messages: PostedMessage[] = [];
  readonly files: UploadedFile[] = [];
  readonly users = new Map<string, FakeUser>();
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  private readonly faults = new Map<string, Fault[]>();
  private readonly handlers = new Map<string, Handler>();
  private readonly pendingUploads = new Map<string, { filename: string; length: number }>();
  private readonly validTokens: Set<string> | undefined;
  private readonly server: Server;
  private sequence = 0;
  private base = '';

  constructor(options: FakeSlackOptions = {}) {
    super();
    this.setMaxListeners(100);
    this.teamId = options.teamId ?? 'T0LIGHTS';
    this.botUserId = options.botUserId ?? 'U0LIGHTSBOT';
    this.botId = options.botId ?? 'B0LIGHTS';
    this.validTokens = options.validTokens ? new Set(options.validTokens) : undefined;
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
    });
    this.registerDefaults();
  }

  /** Starts listening on 127.0.0.1; resolves with the base URL. */
  async start(port = 0): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** The value for SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  /** A response_url that records what the app posts to it. */
  responseUrl(id = `r${++this.sequence}`): string {
    return `${this.base}/response/${id}`;
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /** The next `times` calls of `method` fail with `fault` (then it answers normally again). */
  fail(method: string, fault: Fault, times = 1): void {
    const queue = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(fault);
    this.faults.set(method, queue);
  }

  /** Replaces the answer to one method. */
  answer(method: string, handler: Handler): void {
    this.handlers.set(method, handler);
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Resolves when `count` calls of `method` have been recorded (including earlier ones). */
  waitForCalls(method: string, count = 1, timeoutMs = 5000): Promise<ApiCall[]> {
    return this.waitUntil(
      () => {
        const calls = this.callsTo(method);
        return calls.length >= count ? calls : undefined;
      },
      timeoutMs,
      `${count} call(s) to ${method}`,
    );
  }

  /** Resolves with the post to a response_url once it arrives. */
  waitForResponse(id: string, timeoutMs = 5000): Promise<ResponseUrlPost> {
    return this.waitUntil(
      () => this.responses.find((post) => post.id === id),
      timeoutMs,
      `a post to response_url ${id}`,
    );
  }

  waitUntil<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const found = check();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onActivity = () => {
        const value = check();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake Slack: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.off('activity', onActivity);
      };
      this.on('activity', onActivity);
    });
  }

  private nextTs(): string {
    return `${Math.floor(Date.now() / 1000)}.${String(++this.sequence).padStart(6, '0')}`;
  }

  private registerDefaults(): void {
    const set = (method: string, handler: Handler) => this.handlers.set(method, handler);
    set('auth.test', () => ({
      url: 'https://lights-out.slack.com/',
      team: 'Lights Out',
      user: 'lights-out',
      team_id: this.teamId,
      user_id: this.botUserId,
      bot_id: this.botId,
    }));
    set('users.info', (args) => {
      const user = this.users.get(String(args.user));
      if (!user) return { ok: false, error: 'user_not_found' };
      return {
        user: {
          id: user.id,
          team_id: this.teamId,
          name: user.name,
          real_name: user.real_name ?? user.name,
          deleted: user.deleted ?? false,
          is_bot: user.is_bot ?? false,
          ...(user.tz ? { tz: user.tz, tz_label: user.tz, tz_offset: 0 } : {}),
        },
      };
    });
    const post =
      (ephemeral: boolean): Handler =>
      (args) => {
        const channel = String(args.channel ?? '');
        if (!channel) return { ok: false, error: 'channel_not_found' };
        const message: PostedMessage = {
          channel,
          ts: this.nextTs(),
          ephemeral,
          ...(typeof args.text === 'string' ? { text: args.text } : {}),
          ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
          ...(ephemeral ? { user: String(args.user) } : {}),
          ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}),
        };
        this.messages.push(message);
        return ephemeral ? { message_ts: message.ts } : { channel, ts: message.ts, message };
      };
    set('chat.postMessage', post(false));
    set('chat.postEphemeral', post(true));
    set('conversations.open', (args) => {
      const user = String(args.users ?? '').split(',')[0] ?? '';
      return { channel: { id: `D${user.replace(/^U/, '')}` } };
    });
    set('views.publish', () => ({ view: { id: `V${++this.sequence}` } }));
    set('files.getUploadURLExternal', (args) => {
      const id = `F${++this.sequence}`;
      this.pendingUploads.set(id, { filename: String(args.filename), length: Number(args.length) });
      return { upload_url: `${this.base}/upload/${id}`, file_id: id };
    });
    set('files.completeUploadExternal', (args) => {
      const files = (Array.isArray(args.files) ? args.files : []) as Array<{ id: string; title?: string }>;
      const completed = [];
      for (const file of files) {
        const uploaded = this.files.find((candidate) => candidate.id === file.id);
        if (!uploaded) return { ok: false, error: 'file_not_found' };
        if (file.title) uploaded.title = file.title;
        if (args.channel_id) uploaded.channel = String(args.channel_id);
        completed.push({ id: uploaded.id, title: uploaded.title ?? uploaded.filename });
      }
      return { files: completed };
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    const [, area, id] = url.pathname.split('/');
    if (area === 'response' && id) {
      const text = raw.toString('utf8');
      this.responses.push({ id, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, at: Date.now() });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      this.emit('activity');
      return;
    }
    if (area === 'upload' && id) {
      const pending = this.pendingUploads.get(id);
      if (!pending) {
        res.writeHead(404).end();
        return;
      }
      this.pendingUploads.delete(id);
      this.files.push({ id, filename: pending.filename, content: raw });
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${raw.length}`);
      this.emit('activity');
      return;
    }
    if (area !== 'api' || !id) {
      res.writeHead(404).end();
      return;
    }
    const method = id;
    const args = parseArgs(req, raw, url);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : typeof args.token === 'string' ? args.token : undefined;
    const call: ApiCall = { method, args, token, at: Date.now() };
    this.calls.push(call);
    this.emit('call', call);
    this.emit('activity');

    const fault = this.faults.get(method)?.shift();
    if (fault) {
      switch (fault.kind) {
        case 'rate_limited':
          res.writeHead(429, { 'retry-after': String(fault.retryAfterSeconds), 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
          return;
        case 'http':
          res.writeHead(fault.status, { 'content-type': 'text/plain' }).end('fake Slack: server error');
          return;
        case 'slack_error':
          this.json(res, { ok: false, error: fault.error });
          return;
        case 'hang':
          return; // never answers; the client's timeout must fire
        case 'drop':
          req.socket.destroy();
          return;
      }
    }
    const tokenOk = token && (this.validTokens ? this.validTokens.has(token) : token.startsWith('xox'));
    if (!tokenOk) {
      this.json(res, { ok: false, error: token ? 'invalid_auth' : 'not_authed' });
      return;
    }
    const handler = this.handlers.get(method);
    if (!handler) {
      this.json(res, { ok: false, error: 'unknown_method' });
      return;
    }
    this.json(res, { ok: true, ...(await handler(args, call)) });
  }

  private json(res: ServerResponse, body: Record<string, unknown>): void {
    const json = JSON.stringify(body);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(json);
  }
}
