import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { onTestFinished } from 'vitest';
import { type Config, loadConfig } from '../../src/config.js';
import type { AppDeps } from '../../src/deps.js';
import { FakeSlack, type PostedMessage } from '../../src/local/fake-slack.js';
import type { Metrics } from '../../src/metrics.js';
import { NudgeScheduler, type SchedulerOptions } from '../../src/nudges/scheduler.js';
import { webClientOptions } from '../../src/slack/web-client.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { BOT_TOKEN } from '../helpers/build.js';
import { testCorpus } from '../helpers/corpus.js';
import { type CapturedLogs, captureLogs } from '../helpers/logs.js';

/**
 * One scheduler instance against the fake Slack, on a store file and an injected clock, for tests that call
 * `tick(now)` directly. Several rigs may share a fake and a file (restarts, two instances).
 */
export type Rig = {
  fake: FakeSlack;
  store: SqliteStore;
  scheduler: NudgeScheduler;
  deps: AppDeps;
  config: Config;
  logs: CapturedLogs;
  databasePath: string;
  clock: { now: Date };
  /** Moves the clock and ticks. */
  tickAt(iso: string): ReturnType<NudgeScheduler['tick']>;
  messagesTo(channel: string): PostedMessage[];
};

export type RigOptions = {
  start: string;
  fake?: FakeSlack;
  databasePath?: string;
  env?: Record<string, string>;
  scheduler?: SchedulerOptions;
  clock?: { now: Date };
  /** The Web API client's request timeout (default the background client's 10 s); hang tests shorten it. */
  requestTimeoutMs?: number;
  metrics?: Metrics;
};

export const TEAM = 'T0LIGHTS';

export async function rig(options: RigOptions): Promise<Rig> {
  const ownFake = !options.fake;
  const fake = options.fake ?? new FakeSlack({ teamId: TEAM });
  if (ownFake) await fake.start();
  let dir: string | undefined;
  if (!options.databasePath) dir = mkdtempSync(join(tmpdir(), 'lights-out-nudge-'));
  const databasePath = options.databasePath ?? join(dir as string, 'nudges.db');
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_API_URL: fake.apiUrl,
    DATABASE_URL: databasePath,
    NUDGE_TZ: 'America/Los_Angeles',
    ...options.env,
  });
  const logs = captureLogs('debug', [BOT_TOKEN]);
  const clock = options.clock ?? { now: new Date(options.start) };
  const store = new SqliteStore(databasePath, { now: () => clock.now });
  const deps: AppDeps = {
    config,
    corpus: testCorpus(),
    store,
    logger: logs.logger,
    now: () => clock.now,
    random: Math.random,
    ...(options.metrics ? { metrics: options.metrics } : {}),
  };
  const client = new WebClient(BOT_TOKEN, {
    ...webClientOptions(fake.apiUrl, logs.logger, 'background'),
    ...(options.requestTimeoutMs ? { timeout: options.requestTimeoutMs } : {}),
  });
  const scheduler = new NudgeScheduler(
    deps,
    client,
    { botId: fake.botId, botUserId: fake.botUserId, teamId: fake.teamId },
    { retryBaseMs: 20, ...options.scheduler },
  );
  onTestFinished(async () => {
    await scheduler.stop();
    await store.close();
    if (ownFake) await fake.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    fake,
    store,
    scheduler,
    deps,
    config,
    logs,
    databasePath,
    clock,
    tickAt(iso) {
      clock.now = new Date(iso);
      return scheduler.tick(clock.now);
    },
    messagesTo: (channel) => fake.messages.filter((message) => message.channel === channel && !message.ephemeral),
  };
}

/** A chat.postMessage answer like the fake's own, that can be told to hang (a request Slack never answers). */
export function controllablePost(fake: FakeSlack, options: { delayMs?: number; hangAfter?: number } = {}) {
  const state = { hang: false, inFlight: 0, peak: 0, sequence: 0, answered: 0 };
  fake.answer('chat.postMessage', async (args) => {
    if (options.hangAfter !== undefined && state.answered >= options.hangAfter) state.hang = true;
    if (state.hang) return new Promise<Record<string, unknown>>(() => undefined);
    state.answered++;
    state.inFlight++;
    state.peak = Math.max(state.peak, state.inFlight);
    try {
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      const channel = String(args.channel);
      const ts = `${Math.floor(Date.now() / 1000)}.${String(++state.sequence).padStart(6, '0')}`;
      fake.messages.push({
        channel,
        ts,
        ephemeral: false,
        ...(typeof args.text === 'string' ? { text: args.text } : {}),
        ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
      });
      return { channel, ts };
    } finally {
      state.inFlight--;
    }
  });
  return state;
}
