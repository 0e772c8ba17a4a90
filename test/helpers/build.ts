import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { buildApp, type LightsOut } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { AppDeps } from '../../src/deps.js';
import type { Feature } from '../../src/features/index.js';
import { startJobs } from '../../src/jobs.js';
import { FakeSlack, type ResponseUrlPost } from '../../src/local/fake-slack.js';
import { instrumentStore, type Metrics } from '../../src/metrics.js';
import {
  type BlockActionInput,
  blockActionsBody,
  signedHeaders,
  slashCommandBody,
  type ViewSubmissionInput,
  viewSubmissionBody,
} from '../../src/slack/protocol.js';
import { createWebClient } from '../../src/slack/web-client.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { testCorpus } from './corpus.js';
import { type CapturedLogs, captureLogs } from './logs.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-test-bot-token';

export type BuildOptions<S extends Store = SqliteStore> = {
  env?: Record<string, string>;
  now?: () => Date;
  random?: () => number;
  features?: Feature[];
  /** Reuse a store file (restart tests); default is a fresh temporary one. */
  databasePath?: string;
  fake?: FakeSlack;
  /** Run on this store (e.g. a Postgres one from test/store/contract/kit.ts) instead of an SQLite file; the caller closes it. */
  store?: S;
  /** Also start the background jobs (directory sync; nudge ticks only when called), as main does. */
  jobs?: boolean;
  /** Record metrics as main does with METRICS_PORT: the store timed, Slack calls and acks counted. */
  metrics?: Metrics;
};

export type CommandOptions = {
  userId?: string;
  teamId?: string;
  channelId?: string;
  /** Signing time; default now. */
  timestamp?: number;
};

export type CommandResult = {
  status: number;
  /** What the app put in the ack (the immediate answer), if anything. */
  ack: Record<string, unknown> | undefined;
  responseUrlId: string;
  /** Resolves with the first post the app makes to this command's response_url. */
  response: (timeoutMs?: number) => Promise<ResponseUrlPost>;
};

export type Harness<S extends Store = SqliteStore> = {
  fake: FakeSlack;
  store: S;
  deps: AppDeps;
  config: Config;
  lightsOut: LightsOut;
  logs: CapturedLogs;
  url: string;
  databasePath: string;
  /** Sends a really signed slash command to the running app. */
  command(command: string, text?: string, options?: CommandOptions): Promise<CommandResult>;
  /** Sends a really signed button press. */
  action(input: BlockActionInput): Promise<CommandResult>;
  /**
   * Sends a really signed modal submission; the result's `ack` is the app's HTTP answer (`response_action`, or
   * undefined when it closes the modal).
   */
  submitView(input: ViewSubmissionInput): Promise<Omit<CommandResult, 'responseUrlId' | 'response'>>;
  /** POSTs a raw body with the given headers to /slack/events. */
  post(body: string, headers: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
};

/**
 * The whole app on a real port against a fake Slack, torn down when the test ends. Every end-to-end test uses
 * this, so a test reads as "send a signed command, look at what Slack was told".
 */
export async function build<S extends Store = SqliteStore>(options: BuildOptions<S> = {}): Promise<Harness<S>> {
  const ownFake = !options.fake;
  const fake = options.fake ?? new FakeSlack();
  if (ownFake) await fake.start();
  const dir = mkdtempSync(join(tmpdir(), 'lights-out-'));
  const databasePath = options.databasePath ?? join(dir, 'test.db');
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    DATABASE_URL: databasePath,
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  const logs = captureLogs('debug', [BOT_TOKEN, SIGNING_SECRET]);
  const now = options.now ?? (() => new Date());
  const store = (options.store ?? new SqliteStore(databasePath, { now })) as S;
  const deps: AppDeps = {
    config,
    corpus: testCorpus(),
    store: options.metrics ? instrumentStore(store, options.metrics) : store,
    logger: logs.logger,
    now,
    random: options.random ?? Math.random,
    ...(options.metrics ? { metrics: options.metrics } : {}),
  };
  const lightsOut = buildApp(deps, {
    identity: { botId: fake.botId, botUserId: fake.botUserId, teamId: fake.teamId },
    ...(options.features ? { features: options.features } : {}),
  });
  const { port } = await lightsOut.start(0, '127.0.0.1');
  const jobs = options.jobs
    ? startJobs(
        deps,
        createWebClient(config.slack.botToken, config.slack.apiUrl, logs.logger, 'background', options.metrics),
        { botId: fake.botId, botUserId: fake.botUserId, teamId: fake.teamId },
        { cron: false, catchUp: false },
      )
    : undefined;
  const url = `http://127.0.0.1:${port}`;

  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${url}/slack/events`, { method: 'POST', body, headers });

  const send = async (body: string, responseUrlId: string, timestamp?: number): Promise<CommandResult> => {
    // Signed at the app's clock, as Slack would sign at the real one.
    const signedAt = timestamp ?? Math.floor(deps.now().getTime() / 1000);
    const res = await post(body, signedHeaders(SIGNING_SECRET, body, signedAt));
    const text = await res.text();
    return {
      status: res.status,
      ack: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
      responseUrlId,
      response: (timeoutMs) => fake.waitForResponse(responseUrlId, timeoutMs),
    };
  };

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await jobs?.stop();
    await lightsOut.stop(500);
    if (!options.store) await store.close();
    if (ownFake) await fake.stop();
    if (!options.databasePath) rmSync(dir, { recursive: true, force: true });
  };
  onTestFinished(close);

  return {
    fake,
    store,
    deps,
    config,
    lightsOut,
    logs,
    url,
    databasePath,
    command: (command, text = '', commandOptions = {}) => {
      const responseUrlId = `cmd${Math.random().toString(36).slice(2, 10)}`;
      const body = slashCommandBody({
        command,
        text,
        responseUrl: fake.responseUrl(responseUrlId),
        ...(commandOptions.userId ? { userId: commandOptions.userId } : {}),
        ...(commandOptions.teamId ? { teamId: commandOptions.teamId } : {}),
        ...(commandOptions.channelId ? { channelId: commandOptions.channelId } : {}),
      });
      return send(body, responseUrlId, commandOptions.timestamp);
    },
    action: (input) => {
      const responseUrlId = `act${Math.random().toString(36).slice(2, 10)}`;
      return send(blockActionsBody({ ...input, responseUrl: fake.responseUrl(responseUrlId) }), responseUrlId);
    },
    submitView: async (input) => {
      const { status, ack } = await send(viewSubmissionBody(input), '');
      return { status, ack };
    },
    post,
    close,
  };
}
