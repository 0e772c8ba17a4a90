import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Config } from '../config.js';
import { localDate } from '../hours/calendar.js';
import type { Jobs } from '../jobs.js';
import type { Logger } from '../logger.js';
import { projectPath } from '../paths.js';
import { type RouteHandler, sendJson } from '../server.js';
import { escapeMrkdwn } from '../slack/mrkdwn.js';
import { blockActionsBody, signedHeaders, slashCommandBody } from '../slack/protocol.js';
import type { ChannelNudge, NudgeRepository, PersonNudge } from '../store/types.js';
import { parseComposerInput, SLASH_COMMANDS, type SlashCommandInfo } from './commands.js';
import { FakeSlack, type FeedMessage, type ReplyContext } from './fake-slack.js';
import { homeApi, homeState } from './home.js';

/**
 * The local workspace: Lights Out against the built-in Slack stand-in, with a browser page. What a person types
 * on the page becomes a really signed slash command or button press to the bot's /slack/events, exactly as Slack
 * would send it; the bot answers through its normal Web API client (pointed at the stand-in) and response_url;
 * the stand-in turns all of that into messages on the page. Nothing in the features knows it is local.
 */

export type DemoPerson = {
  id: string;
  name: string;
  realName: string;
  tz: string;
  place: string;
  /** Their Slack language: Lights Out answers Chen in Chinese, Ada and Ben in English. */
  locale: string;
};

/** Three people in different time zones, so nudges and hours show their zone handling. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { id: 'U0ADA', name: 'ada', realName: 'Ada', tz: 'America/Los_Angeles', place: 'Los Angeles', locale: 'en-US' },
  { id: 'U0BEN', name: 'ben', realName: 'Ben', tz: 'Europe/London', place: 'London', locale: 'en-GB' },
  { id: 'U0CHEN', name: 'chen', realName: 'Chen', tz: 'Asia/Shanghai', place: 'Shanghai', locale: 'zh-CN' },
];

export const DEMO_CHANNEL = { id: 'C0LATE', name: 'late-night' } as const;

/** What the page's nudge controls call; the real implementation is `startJobs` in src/jobs.ts. */
export type WorkspaceJobs = Pick<Jobs, 'nudgeChannelNow' | 'nudgePersonNow'>;

export type LocalWorkspaceOptions = {
  signingSecret: string;
  logger: Logger;
  /** The clock requests are signed with (the bot refuses timestamps more than 5 minutes off its own). */
  now: () => Date;
  /** Default: a new stand-in that the workspace starts and stops. */
  fake?: FakeSlack;
  people?: readonly DemoPerson[];
  channel?: { id: string; name: string };
  /** Slack gives an app 3 s to answer a slash command or a button press. */
  ackTimeoutMs?: number;
  /** Which Slack workspace this is (default: the stand-in's own), and its name on the page. */
  teamId?: string;
  teamName?: string;
  /** The other local workspaces sharing this one's API (src/local/install.ts): a person's id picks theirs. */
  peers?: (user: string) => LocalWorkspace | undefined;
};

/** The settings the bot needs to talk to the stand-in, applied at the edge (src/main.ts). */
export function localConfig(config: Config, workspace: { apiUrl: string; channelId: string }): Config {
  return {
    ...config,
    slack: { ...config.slack, apiUrl: workspace.apiUrl },
    nudge: { ...config.nudge, channel: config.nudge.channel ?? workspace.channelId },
  };
}

/** The one line `npm start` prints in local mode. */
export function localUrlLine(port: number): string {
  return `Lights Out is running in a local workspace: open http://localhost:${port}`;
}

/** A request the workspace refuses; `status` is the HTTP answer its API gives. */
export class WorkspaceError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'WorkspaceError';
  }
}

/** What the workspace needs of the running bot: its URL, the nudge jobs, and (optionally) the nudge settings. */
export type WorkspaceBot = {
  url: string;
  jobs: WorkspaceJobs;
  nudges?: Pick<NudgeRepository, 'getPerson' | 'getChannel'>;
  /** NUDGE_CHANNEL, which nudges every night without `/nudge here`. */
  envChannel?: string;
};

/** Why tonight's personal nudge would not come, or undefined when it would. */
export function whyNoPersonNudge(nudge: PersonNudge | undefined, today: string): string | undefined {
  if (!nudge?.enabled) {
    return 'Your personal nudge is off, so nothing would be sent tonight. Turn it on with `/nudge me on 23:00`, then press *Send my nudge now* to see it.';
  }
  if (nudge.resumeOn && nudge.resumeOn > today) {
    return `Your personal nudge is paused until ${nudge.resumeOn}, so nothing would be sent tonight. \`/nudge me resume\` turns it back on.`;
  }
  return undefined;
}

/** Why this channel would get no nudge tonight, or undefined when it would. */
export function whyNoChannelNudge(nudge: ChannelNudge | undefined, isEnvChannel: boolean): string | undefined {
  if (nudge?.enabled || (isEnvChannel && nudge === undefined)) return undefined;
  return 'The nightly nudge is off in this channel, so nothing would be sent tonight. Turn it on with `/nudge here 22:00`.';
}

export type CommandOutcome =
  /** The bot acked; `answer` is the message the ack body became, if it had one. */
  | { kind: 'acked'; answer?: FeedMessage }
  | { kind: 'message'; message: FeedMessage }
  | { kind: 'refused'; notice: FeedMessage }
  | { kind: 'failed'; notice: FeedMessage };

type Button = { actionId: string; value?: string; blockId?: string; url?: string };

const PAGE_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/local/page.js': { file: 'page.js', type: 'text/javascript; charset=utf-8' },
  '/local/install.js': { file: 'install.js', type: 'text/javascript; charset=utf-8' },
  '/local/install.css': { file: 'install.css', type: 'text/css; charset=utf-8' },
  '/local/mrkdwn.js': { file: 'mrkdwn.js', type: 'text/javascript; charset=utf-8' },
  '/local/home.js': { file: 'home.js', type: 'text/javascript; charset=utf-8' },
  '/local/modal.js': { file: 'modal.js', type: 'text/javascript; charset=utf-8' },
  '/local/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
};

/** The page loads nothing from elsewhere and runs no inline script: injected markup could not run. */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const MAX_BODY_BYTES = 64 * 1024;
const userId = z.string().regex(/^[UW][A-Z0-9]+$/);
const commandRequest = z.object({ as: userId, channel: z.string().min(1).max(40), text: z.string().max(4000) });
const actionRequest = z.object({ as: userId, message: z.string().min(1).max(40), actionId: z.string().min(1) });
const nudgeRequest = z.discriminatedUnion('target', [
  z.object({ target: z.literal('channel'), as: userId, channel: z.string().min(1).max(40) }),
  z.object({ target: z.literal('me'), as: userId }),
]);

export class LocalWorkspace {
  readonly fake: FakeSlack;
  readonly people: readonly DemoPerson[];
  readonly channel: { id: string; name: string };
  readonly commands: readonly SlashCommandInfo[] = SLASH_COMMANDS;
  readonly teamId: string;
  readonly teamName: string;
  private readonly ownsFake: boolean;
  private readonly options: LocalWorkspaceOptions;
  private readonly ackTimeoutMs: number;
  private readonly streams = new Set<ServerResponse>();
  private bot: WorkspaceBot | undefined;
  private version = 0;
  private readonly onFeed = () => {
    this.version++;
    for (const stream of this.streams) stream.write(`data: ${this.version}\n\n`);
  };

  constructor(options: LocalWorkspaceOptions) {
    this.options = options;
    this.ownsFake = !options.fake;
    this.fake = options.fake ?? new FakeSlack();
    this.people = options.people ?? DEMO_PEOPLE;
    this.channel = options.channel ?? DEMO_CHANNEL;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 3000;
    this.teamId = options.teamId ?? this.fake.teamId;
    this.teamName = options.teamName ?? 'Lights Out';
    const bot = { id: this.fake.botUserId, name: 'lights-out', real_name: 'Lights Out', is_bot: true };
    if (!this.fake.users.has(bot.id)) this.fake.addUser({ ...bot, team: this.teamId });
    for (const person of this.people) {
      const { id, name, realName, tz, locale } = person;
      this.fake.addUser({ id, name, real_name: realName, tz, locale, team: this.teamId });
      this.fake.dmId(person.id);
    }
    this.fake.addChannel(this.channel.id, this.channel.name);
    this.fake.on('feed', this.onFeed);
    this.fake.on('view', this.onFeed);
  }

  /** Starts the stand-in (when the workspace owns it); resolves with its Web API URL for SLACK_API_URL. */
  async start(): Promise<string> {
    if (this.ownsFake) await this.fake.start();
    return this.fake.apiUrl;
  }

  get apiUrl(): string {
    return this.fake.apiUrl;
  }

  /**
   * Once the bot listens: where to send requests, and the jobs the nudge controls call. With the bot's nudge
   * settings (`nudges`), the controls first check what the real schedule would do and say so.
   */
  connect(bot: WorkspaceBot): void {
    this.bot = bot;
  }

  /** Tells open pages that something changed (a message, or a workspace installed or removed). */
  changed(): void {
    this.onFeed();
  }

  /** Ends the page's event streams, which never end by themselves, so the bot's server can drain. */
  closeStreams(): void {
    for (const stream of this.streams) stream.end();
    this.streams.clear();
  }

  /** Closes the streams and stops the stand-in (when the workspace owns it). Call after the bot has stopped. */
  async stop(): Promise<void> {
    this.fake.off('feed', this.onFeed);
    this.fake.off('view', this.onFeed);
    this.closeStreams();
    if (this.ownsFake) await this.fake.stop();
  }

  /** Extra routes for the bot's HTTP server: the page and its API. */
  readonly routes: RouteHandler = async (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const page = PAGE_FILES[path];
    if (!page && !path.startsWith('/local/api/')) return false;
    if (!isLocalRequest(req)) {
      sendJson(res, 403, { error: 'The local workspace only answers pages opened from localhost.' });
      return true;
    }
    if (page) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const body = await readFile(projectPath('src', 'local', 'page', page.file));
      res.writeHead(200, { 'content-type': page.type, 'content-length': body.length, ...PAGE_HEADERS });
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    }
    await this.api(path, req, res);
    return true;
  };

  /** What `user` sees: the people, their conversations, the commands and every message visible to them. */
  state(user: string) {
    this.person(user);
    const users: Record<string, { name: string; bot?: true }> = {};
    for (const known of this.fake.users.values()) {
      users[known.id] = { name: known.real_name ?? known.name, ...(known.is_bot ? { bot: true as const } : {}) };
    }
    return {
      version: this.version,
      team: { id: this.teamId, name: this.teamName },
      me: user,
      bot: { id: this.fake.botUserId, name: 'Lights Out' },
      people: this.people,
      users,
      conversations: [
        { id: this.channel.id, kind: 'channel' as const, name: this.channel.name },
        { id: this.fake.dmId(user), kind: 'im' as const, name: 'Lights Out' },
      ],
      commands: this.commands,
      // This workspace's conversations only: a person in another local workspace never sees them.
      messages: this.fake
        .visibleTo(user)
        .filter((message) => message.channel === this.channel.id || message.channel === this.fake.dmId(user)),
      ...homeState(this.fake, user),
    };
  }

  /** What happens when `user` presses Enter in `channel`'s composer. */
  async runCommand(user: string, channel: string, input: string): Promise<CommandOutcome> {
    const person = this.person(user);
    this.conversation(user, channel);
    const parsed = parseComposerInput(input);
    if (parsed.kind === 'empty')
      throw new WorkspaceError(400, 'Type a message or a command such as /hours log 8 yesterday.');
    if (parsed.kind === 'message') {
      // Slack escapes what people type, so their text is never read as a mention or a link.
      return { kind: 'message', message: this.fake.postAsPerson(user, channel, escapeMrkdwn(parsed.text)) };
    }
    const known = this.commands.find((command) => command.command === parsed.command);
    if (!known) {
      const list = this.commands.map((command) => command.command).join(', ');
      const notice = this.fake.notice(
        user,
        channel,
        `${escapeMrkdwn(parsed.command)} is not a valid command. Lights Out knows ${list}. To send a message that starts with a slash, put a space before it.`,
      );
      return { kind: 'refused', notice };
    }
    const full = parsed.text ? `${known.command} ${parsed.text}` : known.command;
    const context: ReplyContext = { channel, user, command: full };
    const reply = this.fake.replyUrl(context);
    const body = slashCommandBody({
      command: known.command,
      text: parsed.text,
      teamId: this.teamId,
      userId: user,
      userName: person.name,
      channelId: channel,
      channelName: channel === this.channel.id ? this.channel.name : 'directmessage',
      responseUrl: reply.url,
      triggerId: `${reply.id}.trigger`,
    });
    const sent = await this.send(body);
    if (!sent.ok) {
      const notice = this.fake.notice(user, channel, `${known.command} failed with the error "${sent.error}"`);
      return { kind: 'failed', notice };
    }
    const answer = sent.body ? this.fake.deliver(context, sent.body, 'ack') : undefined;
    return { kind: 'acked', ...(answer ? { answer } : {}) };
  }

  /** A button press on a message `user` can see, sent as Slack's signed block_actions. */
  async pressButton(user: string, messageId: string, actionId: string): Promise<{ ok: boolean }> {
    this.person(user);
    const message = this.fake.visibleTo(user).find((candidate) => candidate.id === messageId);
    if (!message) throw new WorkspaceError(404, 'That message is gone.');
    const button = findButton(message.blocks, actionId);
    if (!button) throw new WorkspaceError(404, 'That message has no such button.');
    const reply = this.fake.replyUrl({ channel: message.channel, user, messageId });
    const body = blockActionsBody({
      actionId: button.actionId,
      ...(button.value !== undefined ? { value: button.value } : {}),
      ...(button.blockId !== undefined ? { blockId: button.blockId } : {}),
      teamId: this.teamId,
      userId: user,
      channelId: message.channel,
      responseUrl: reply.url,
      messageTs: message.ts,
    });
    const sent = await this.send(body);
    if (!sent.ok) {
      this.fake.notice(user, message.channel, `That button did not work: Lights Out answered "${sent.error}".`);
      return { ok: false };
    }
    return { ok: true };
  }

  /**
   * The "send now" controls: tonight's channel nudge, or the person's own DM nudge, as the schedule would send
   * them. When the schedule would send nothing tonight, nothing is sent and a private notice says why.
   */
  async nudgeNow(user: string, target: { channel: string } | 'me'): Promise<{ sent: boolean }> {
    const person = this.person(user);
    if (!this.bot) throw new WorkspaceError(503, 'Lights Out is still starting; try again in a second.');
    const { jobs, nudges } = this.bot;
    if (target === 'me') {
      const today = localDate(this.options.now(), person.tz);
      const why = nudges
        ? whyNoPersonNudge(await nudges.getPerson({ teamId: this.teamId, userId: user }), today)
        : undefined;
      if (why) {
        this.fake.notice(user, this.fake.dmId(user), why);
        return { sent: false };
      }
      await jobs.nudgePersonNow(this.teamId, user);
      return { sent: true };
    }
    this.conversation(user, target.channel);
    const why = nudges
      ? whyNoChannelNudge(await nudges.getChannel(this.teamId, target.channel), this.bot.envChannel === target.channel)
      : undefined;
    if (why) {
      this.fake.notice(user, target.channel, why);
      return { sent: false };
    }
    await jobs.nudgeChannelNow(this.teamId, target.channel);
    return { sent: true };
  }

  /** The local workspace `user` is in: this one, or a peer (an unknown person gets this one's 404). */
  private of(user: string): LocalWorkspace {
    if (this.people.some((person) => person.id === user)) return this;
    return this.options.peers?.(user) ?? this;
  }

  private person(user: string): DemoPerson {
    const person = this.people.find((candidate) => candidate.id === user);
    if (!person) throw new WorkspaceError(404, `There is no person ${user} in the local workspace.`);
    return person;
  }

  private conversation(user: string, channel: string): void {
    const known = this.fake.conversations.get(channel);
    if (!known || !this.fake.canSee(user, channel)) {
      throw new WorkspaceError(404, `${user} is not in the conversation ${channel}.`);
    }
  }

  /** Posts a signed request as Slack would, with Slack's 3 s limit; `body` is the ack body, if any (also home.ts). */
  async send(
    body: string,
    contentType?: string,
  ): Promise<
    { ok: true; body?: Record<string, unknown> } | { ok: false; error: 'operation_timeout' | 'dispatch_failed' }
  > {
    if (!this.bot) throw new WorkspaceError(503, 'Lights Out is still starting; try again in a second.');
    const timestamp = Math.floor(this.options.now().getTime() / 1000);
    try {
      const res = await fetch(`${this.bot.url}/slack/events`, {
        method: 'POST',
        body,
        headers: {
          ...signedHeaders(this.options.signingSecret, body, timestamp),
          ...(contentType ? { 'content-type': contentType } : {}),
        },
        signal: AbortSignal.timeout(this.ackTimeoutMs),
      });
      const text = await res.text();
      if (res.status !== 200) {
        this.options.logger.warn({ status: res.status }, 'local workspace: the bot refused a request');
        return { ok: false, error: 'dispatch_failed' };
      }
      if (!text) return { ok: true };
      if ((res.headers.get('content-type') ?? '').includes('application/json')) {
        return { ok: true, body: JSON.parse(text) as Record<string, unknown> };
      }
      // A plain-text ack is shown as an ephemeral message, as Slack does.
      return { ok: true, body: { text } };
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      this.options.logger.warn({ err: error }, 'local workspace: no answer from the bot');
      return { ok: false, error: timedOut ? 'operation_timeout' : 'dispatch_failed' };
    }
  }

  private async api(path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      const viewer = url.searchParams.get('as') ?? '';
      if (await homeApi((user) => this.of(user), path, req, res)) return;
      if (req.method === 'GET' && path === '/local/api/state') {
        sendJson(res, 200, this.of(viewer).state(viewer));
        return;
      }
      if (req.method === 'GET' && path === '/local/api/events') {
        this.openStream(res);
        return;
      }
      if (req.method === 'GET' && path.startsWith('/local/api/files/')) {
        this.of(viewer).download(viewer, path.slice('/local/api/files/'.length), res);
        return;
      }
      if (req.method !== 'POST') throw new WorkspaceError(405, 'Use POST.');
      const body = await readJson(req);
      if (path === '/local/api/command') {
        const { as, channel, text } = parse(commandRequest, body);
        const outcome = await this.of(as).runCommand(as, channel, text);
        sendJson(res, 200, { ok: outcome.kind === 'acked' || outcome.kind === 'message', outcome: outcome.kind });
        return;
      }
      if (path === '/local/api/action') {
        const { as, message, actionId } = parse(actionRequest, body);
        sendJson(res, 200, await this.of(as).pressButton(as, message, actionId));
        return;
      }
      if (path === '/local/api/nudge') {
        const request = parse(nudgeRequest, body);
        const target = request.target === 'me' ? 'me' : { channel: request.channel };
        const done = await this.of(request.as).nudgeNow(request.as, target);
        sendJson(res, 200, { ok: true, ...done });
        return;
      }
      throw new WorkspaceError(404, 'No such workspace API.');
    } catch (error) {
      if (error instanceof WorkspaceError) {
        sendJson(res, error.status, { error: error.message });
        return;
      }
      this.options.logger.error({ err: error, path }, 'local workspace request failed');
      sendJson(res, 500, { error: `That did not work: ${(error as Error).message}` });
    }
  }

  /** A shared file's bytes, for the person it was shared with (the DM view's download link). */
  private download(user: string, fileId: string, res: ServerResponse): void {
    this.person(user);
    const file = this.fake.fileFor(user, decodeURIComponent(fileId));
    if (!file) throw new WorkspaceError(404, 'There is no such file in your conversations.');
    const type = file.filename.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/octet-stream';
    res.writeHead(200, {
      'content-type': type,
      'content-length': file.content.length,
      // RFC 6266: an ASCII fallback name, and the exact one percent-encoded.
      'content-disposition': `attachment; filename="${file.filename.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(file.content);
  }

  /** Server-sent events: one `data: <version>` line whenever any message changes; the page then refetches. */
  private openStream(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(`retry: 1000\ndata: ${this.version}\n\n`);
    this.streams.add(res);
    res.on('close', () => this.streams.delete(res));
  }
}

/**
 * Only pages served from this machine may use the API: the Host header stops DNS rebinding, the Origin check
 * and the JSON content type (which needs a CORS preflight we never grant) stop other sites' pages.
 */
export function isLocalRequest(req: IncomingMessage): boolean {
  const hostname = (value: string) => {
    try {
      return new URL(value.includes('://') ? value : `http://${value}`).hostname;
    } catch {
      return '';
    }
  };
  if (!LOCAL_HOSTS.has(hostname(req.headers.host ?? ''))) return false;
  const origin = req.headers.origin;
  if (origin !== undefined && !LOCAL_HOSTS.has(hostname(origin))) return false;
  if (req.method === 'POST' && !(req.headers['content-type'] ?? '').includes('application/json')) return false;
  return true;
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new WorkspaceError(413, 'That request is too large.');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new WorkspaceError(400, 'The request body is not JSON.');
  }
}

export function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new WorkspaceError(400, `Bad request: ${z.prettifyError(result.error)}`);
  return result.data;
}

/** The button with `actionId` in a message's blocks (actions blocks and section accessories). */
export function findButton(blocks: unknown[] | undefined, actionId: string): Button | undefined {
  for (const block of blocks ?? []) {
    const { type, block_id, elements, accessory } = block as {
      type?: string;
      block_id?: string;
      elements?: unknown[];
      accessory?: unknown;
    };
    const candidates = type === 'actions' ? (elements ?? []) : type === 'section' && accessory ? [accessory] : [];
    for (const candidate of candidates) {
      const element = candidate as { type?: string; action_id?: string; value?: string; url?: string };
      if (element.type !== 'button' || element.action_id !== actionId) continue;
      return {
        actionId,
        ...(element.value !== undefined ? { value: element.value } : {}),
        ...(block_id !== undefined ? { blockId: block_id } : {}),
        ...(element.url !== undefined ? { url: element.url } : {}),
      };
    }
  }
  return undefined;
}
