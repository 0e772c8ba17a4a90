import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { triggerReplyId } from '../slack/protocol.js';
import {
  type ApiCall,
  type FakeConversation,
  type FakeUser,
  type Fault,
  type FeedMessage,
  type OpenedView,
  type PostedMessage,
  type PublishedHome,
  type ReplyContext,
  type ResponseUrlPost,
  SLACKBOT,
  type UploadedFile,
} from './fake-slack-types.js';
import { parseArgs, readBody, uploadedBytes } from './fake-slack-wire.js';

/**
 * A stand-in for the Slack Web API on 127.0.0.1. The end-to-end tests use it as their fake Slack and the local
 * workspace builds on it, so there is one stand-in. It records every call, keeps the messages it was sent, and
 * can be told to fail: 429 with Retry-After, 5xx, a Slack error, a hang or a dropped connection.
 */

export * from './fake-slack-types.js';

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

export class FakeSlack extends EventEmitter {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly messages: PostedMessage[] = [];
  readonly files: UploadedFile[] = [];
  /** Modals opened with views.open (the local page shows those opened for one of its people). */
  readonly views: OpenedView[] = [];
  /** Each person's Home tab, by user id. */
  readonly homes = new Map<string, PublishedHome>();
  readonly users = new Map<string, FakeUser>();
  readonly conversations = new Map<string, FakeConversation>();
  /** Everything visible in the client, in posting order (see FeedMessage). */
  readonly feed: FeedMessage[] = [];
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  private readonly faults = new Map<string, Fault[]>();
  private readonly handlers = new Map<string, Handler>();
  private readonly pendingUploads = new Map<string, { filename: string; length: number }>();
  private readonly replyContexts = new Map<string, ReplyContext>();
  private readonly validTokens: Set<string> | undefined;
  /** Extensions (src/local/fake-oauth.ts): pages outside /api, methods without a token, a token check. */
  private readonly pages = new Map<string, (req: IncomingMessage, res: ServerResponse, url: URL) => void>();
  private readonly tokenless = new Set<string>();
  private tokenCheck: ((token: string) => boolean) | undefined;
  private teamOfToken: ((token: string) => string | undefined) | undefined;
  private readonly server: Server;
  private sequence = 0;
  /** Feed and reply ids count separately, so ts values and file ids stay what they were before the feed. */
  private feedSequence = 0;
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

  addChannel(id: string, name: string): void {
    this.conversations.set(id, { id, name, kind: 'channel' });
  }

  /** The id of a person's DM with the bot (what conversations.open answers). */
  dmId(userId: string): string {
    const known = [...this.conversations.values()].find((c) => c.kind === 'im' && c.user === userId);
    if (known) return known.id;
    const id = `D${userId.replace(/^U/, '')}`;
    this.conversations.set(id, { id, kind: 'im', user: userId });
    return id;
  }

  /** Whether `userId` can see `channelId`: every channel, and only their own DM. */
  canSee(userId: string, channelId: string): boolean {
    const conversation = this.conversations.get(channelId);
    if (conversation) return conversation.kind === 'channel' || conversation.user === userId;
    // An unknown D… id belongs to the person it was derived from (conversations.open's rule).
    return channelId.startsWith('D') ? `U${channelId.slice(1)}` === userId : true;
  }

  /** A file `userId` may download: one shared in a conversation they can see. */
  fileFor(userId: string, fileId: string): UploadedFile | undefined {
    const file = this.files.find((candidate) => candidate.id === fileId);
    return file?.channel !== undefined && this.canSee(userId, file.channel) ? file : undefined;
  }

  /** What `userId` sees in the client: shared messages in conversations they are in, plus their own ephemerals. */
  visibleTo(userId: string, channelId?: string): FeedMessage[] {
    return this.feed.filter(
      (message) =>
        (channelId === undefined || message.channel === channelId) &&
        (message.visibleTo === undefined || message.visibleTo === userId) &&
        this.canSee(userId, message.channel),
    );
  }

  /**
   * A response_url whose posts also become visible messages (the local workspace): ephemeral to `context.user`
   * unless `response_type: 'in_channel'`, replacing or deleting `context.messageId` when asked to.
   */
  replyUrl(context: ReplyContext): { id: string; url: string } {
    const id = `w${++this.feedSequence}`;
    this.replyContexts.set(id, context);
    return { id, url: this.responseUrl(id) };
  }

  /**
   * Shows an answer the way Slack would: a slash command's ack body or a response_url post. Returns the
   * message it created or changed, if any.
   */
  deliver(context: ReplyContext, body: Record<string, unknown>, via: 'ack' | 'response_url'): FeedMessage | undefined {
    const original = context.messageId ? this.feed.find((message) => message.id === context.messageId) : undefined;
    if (body.delete_original === true) {
      if (original) this.removeFromFeed(original);
      return undefined;
    }
    const text = typeof body.text === 'string' ? body.text : undefined;
    const blocks = Array.isArray(body.blocks) ? (body.blocks as unknown[]) : undefined;
    if (text === undefined && blocks === undefined) return undefined;
    if (body.replace_original === true && original) {
      if (text === undefined) delete original.text;
      else original.text = text;
      if (blocks === undefined) delete original.blocks;
      else original.blocks = blocks;
      original.edited = true;
      this.emitFeed(original);
      return original;
    }
    const inChannel = body.response_type === 'in_channel';
    return this.addToFeed({
      channel: context.channel,
      author: this.botUserId,
      via,
      ...(text !== undefined ? { text } : {}),
      ...(blocks ? { blocks } : {}),
      ...(inChannel ? {} : { visibleTo: context.user }),
      ...(inChannel && context.command ? { command: { user: context.user, text: context.command } } : {}),
    });
  }

  /** A message a person typed (not a command). */
  postAsPerson(userId: string, channel: string, text: string): FeedMessage {
    return this.addToFeed({ channel, author: userId, text, via: 'person' });
  }

  /** One of Slack's own notices, only for `userId` (an unknown command, a timed-out app). */
  notice(userId: string, channel: string, text: string): FeedMessage {
    return this.addToFeed({ channel, author: SLACKBOT, text, via: 'slack', visibleTo: userId });
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

  /** Serves `/<area>/…` (outside the Web API), e.g. the OAuth consent screen. */
  page(area: string, handler: (req: IncomingMessage, res: ServerResponse, url: URL) => void): void {
    this.pages.set(area, handler);
  }

  /** A method called without a token (oauth.v2.access authenticates with the client id and secret). */
  answerWithoutToken(method: string, handler: Handler): void {
    this.tokenless.add(method);
    this.handlers.set(method, handler);
  }

  /** Decides which tokens are valid from now on (issued and not revoked), instead of `validTokens`. */
  checkTokens(check: (token: string) => boolean): void {
    this.tokenCheck = check;
  }

  /** Which workspace a token belongs to: users.list and users.info then answer with that workspace's people. */
  teamsByToken(teamOf: (token: string) => string | undefined): void {
    this.teamOfToken = teamOf;
  }

  /** The base URL (http://127.0.0.1:port). */
  get baseUrl(): string {
    return this.base;
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

  private addToFeed(message: Omit<FeedMessage, 'id' | 'ts'> & { ts?: string }): FeedMessage {
    const full: FeedMessage = { id: `m${++this.feedSequence}`, ts: message.ts ?? this.nextTs(), ...message };
    this.feed.push(full);
    this.emitFeed(full);
    return full;
  }

  private removeFromFeed(message: FeedMessage): void {
    const index = this.feed.indexOf(message);
    if (index >= 0) this.feed.splice(index, 1);
    this.emitFeed(message);
  }

  private emitFeed(message: FeedMessage): void {
    this.emit('feed', message);
    this.emit('activity');
  }

  /** The modals open for `user` on the local page, oldest first. */
  openViewsFor(user: string): OpenedView[] {
    return this.views.filter((view) => view.user === user && !view.closed);
  }

  /** The page submitted or cancelled a modal. */
  closeView(id: string): void {
    const view = this.views.find((candidate) => candidate.id === id);
    if (view) view.closed = true;
    this.emit('view');
    this.emit('activity');
  }

  /** Who pressed the button whose trigger this is, when the press came from the local workspace. */
  private triggerUser(triggerId: string): string | undefined {
    const replyId = triggerReplyId(triggerId);
    return replyId ? this.replyContexts.get(replyId)?.user : undefined;
  }

  /** chat.postMessage accepts a user id for "the DM with this person". */
  private conversationFor(channel: string): string {
    return /^[UW]/.test(channel) ? this.dmId(channel) : channel;
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
    const profile = (user: FakeUser) => ({
      id: user.id,
      team_id: user.team ?? this.teamId,
      name: user.name,
      real_name: user.real_name ?? user.name,
      deleted: user.deleted ?? false,
      is_bot: user.is_bot ?? false,
      ...(user.tz ? { tz: user.tz, tz_label: user.tz, tz_offset: 0 } : {}),
    });
    const withLocale = (user: FakeUser, args: Record<string, unknown>) =>
      args.include_locale === true || args.include_locale === 'true'
        ? { ...profile(user), locale: user.locale ?? 'en-US' }
        : profile(user);
    // A token sees the people of its own workspace (and those in every workspace), as in Slack.
    const inTeamOf = (call: ApiCall) => {
      const team = call.token ? this.teamOfToken?.(call.token) : undefined;
      return (user: FakeUser) => team === undefined || user.team === undefined || user.team === team;
    };
    set('users.info', (args, call) => {
      const user = this.users.get(String(args.user));
      if (!user || !inTeamOf(call)(user)) return { ok: false, error: 'user_not_found' };
      return { user: withLocale(user, args) };
    });
    // Cursor pagination as Slack does it: an opaque cursor, empty when there is no next page.
    set('users.list', (args, call) => {
      const limit = Math.min(1000, Math.max(1, Number(args.limit ?? 200) || 200));
      const offset = args.cursor ? Number(Buffer.from(String(args.cursor), 'base64url').toString('utf8')) : 0;
      const members = [...this.users.values()].filter(inTeamOf(call));
      const page = members.slice(offset, offset + limit);
      const next = offset + limit < members.length ? Buffer.from(String(offset + limit)).toString('base64url') : '';
      return { members: page.map((user) => withLocale(user, args)), response_metadata: { next_cursor: next } };
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
        const conversation = this.conversationFor(channel);
        this.addToFeed({
          channel: conversation,
          ts: message.ts,
          author: this.botUserId,
          via: 'api',
          ...(message.text !== undefined ? { text: message.text } : {}),
          ...(message.blocks ? { blocks: message.blocks } : {}),
          ...(ephemeral ? { visibleTo: String(args.user) } : {}),
        });
        return ephemeral ? { message_ts: message.ts } : { channel, ts: message.ts, message };
      };
    set('chat.postMessage', post(false));
    set('chat.postEphemeral', post(true));
    set('conversations.open', (args) => {
      const user = String(args.users ?? '').split(',')[0] ?? '';
      return { channel: { id: this.dmId(user) } };
    });
    set('conversations.info', (args) => {
      const conversation = this.conversations.get(String(args.channel));
      if (!conversation) return { ok: false, error: 'channel_not_found' };
      return conversation.kind === 'channel'
        ? { channel: { id: conversation.id, name: conversation.name, is_channel: true, is_member: true } }
        : { channel: { id: conversation.id, is_im: true, user: conversation.user } };
    });
    set('chat.update', (args) => {
      const channel = this.conversationFor(String(args.channel ?? ''));
      const target = this.feed.find((message) => message.channel === channel && message.ts === String(args.ts));
      if (!target) return { ok: false, error: 'message_not_found' };
      if (typeof args.text === 'string') target.text = args.text;
      if (Array.isArray(args.blocks)) target.blocks = args.blocks;
      target.edited = true;
      this.emitFeed(target);
      return { channel, ts: target.ts, text: target.text };
    });
    set('chat.delete', (args) => {
      const channel = this.conversationFor(String(args.channel ?? ''));
      const target = this.feed.find((message) => message.channel === channel && message.ts === String(args.ts));
      if (!target) return { ok: false, error: 'message_not_found' };
      this.removeFromFeed(target);
      return { channel, ts: target.ts };
    });
    set('views.publish', (args) => {
      const view = args.view as Record<string, unknown> | undefined;
      if (typeof args.user_id !== 'string' || typeof view !== 'object' || view === null || view.type !== 'home')
        return { ok: false, error: 'invalid_arguments' };
      const id = this.homes.get(args.user_id)?.id ?? `V${++this.sequence}`;
      this.homes.set(args.user_id, { id, view, at: Date.now() });
      this.emit('view');
      this.emit('activity');
      return { view: { id, ...view } };
    });
    set('views.open', (args) => {
      const view = args.view;
      if (typeof view !== 'object' || view === null) return { ok: false, error: 'invalid_arguments' };
      if (typeof args.trigger_id !== 'string' || args.trigger_id === '')
        return { ok: false, error: 'invalid_trigger_id' };
      const id = `V${++this.sequence}`;
      const user = this.triggerUser(args.trigger_id);
      this.views.push({
        id,
        triggerId: args.trigger_id,
        view: view as Record<string, unknown>,
        ...(user ? { user } : {}),
      });
      this.emit('view');
      this.emit('activity');
      return { view: { id, ...(view as object) } };
    });
    set('files.getUploadURLExternal', (args) => {
      const id = `F${++this.sequence}`;
      this.pendingUploads.set(id, { filename: String(args.filename), length: Number(args.length) });
      return { upload_url: `${this.base}/upload/${id}`, file_id: id };
    });
    set('files.completeUploadExternal', (args) => {
      const files = (Array.isArray(args.files) ? args.files : []) as Array<{ id: string; title?: string }>;
      const completed: Array<{ id: string; title: string }> = [];
      for (const file of files) {
        const uploaded = this.files.find((candidate) => candidate.id === file.id);
        if (!uploaded) return { ok: false, error: 'file_not_found' };
        if (file.title) uploaded.title = file.title;
        if (args.channel_id) uploaded.channel = this.conversationFor(String(args.channel_id));
        completed.push({ id: uploaded.id, title: uploaded.title ?? uploaded.filename });
      }
      const shared = this.files.filter((file) => completed.some((done) => done.id === file.id));
      // Like Slack, files completed into a channel appear there as one message (with the initial comment).
      if (args.channel_id && shared.length > 0) {
        this.addToFeed({
          channel: this.conversationFor(String(args.channel_id)),
          author: this.botUserId,
          via: 'api',
          ...(typeof args.initial_comment === 'string' ? { text: args.initial_comment } : {}),
          files: shared.map((file) => ({
            id: file.id,
            name: file.filename,
            title: file.title ?? file.filename,
            size: file.content.length,
          })),
        });
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
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      this.responses.push({ id, body, at: Date.now() });
      const context = this.replyContexts.get(id);
      if (context) this.deliver(context, body, 'response_url');
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
      this.files.push({ id, filename: pending.filename, content: await uploadedBytes(req, raw) });
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${raw.length}`);
      this.emit('activity');
      return;
    }
    const page = area ? this.pages.get(area) : undefined;
    if (page) {
      page(req, res, url);
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

    const queued = this.faults.get(method)?.shift();
    const fault = queued?.kind === 'after_effect' ? undefined : queued;
    const afterEffect = queued?.kind === 'after_effect' ? queued.fails : undefined;
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
    const tokenOk =
      this.tokenless.has(method) ||
      (token &&
        (this.tokenCheck
          ? this.tokenCheck(token)
          : this.validTokens
            ? this.validTokens.has(token)
            : token.startsWith('xox')));
    if (!tokenOk) {
      this.json(res, { ok: false, error: token ? 'invalid_auth' : 'not_authed' });
      return;
    }
    const handler = this.handlers.get(method);
    if (!handler) {
      this.json(res, { ok: false, error: 'unknown_method' });
      return;
    }
    const result = await handler(args, call);
    if (afterEffect?.kind === 'http')
      res.writeHead(afterEffect.status, { 'content-type': 'text/plain' }).end('fake Slack: error');
    else if (afterEffect?.kind === 'drop') req.socket.destroy();
    else if (!afterEffect) this.json(res, { ok: true, ...result });
  }

  private json(res: ServerResponse, body: Record<string, unknown>): void {
    const json = JSON.stringify(body);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(json);
  }
}
