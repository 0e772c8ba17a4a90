import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { buildApp, type LightsOut } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { AppDeps } from '../../src/deps.js';
import type { Feature } from '../../src/features/index.js';
import type { FakeSlack } from '../../src/local/fake-slack.js';
import { LocalInstalls } from '../../src/local/install.js';
import { type LocalWorkspace, localConfig, type WorkspaceJobs } from '../../src/local/workspace.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import type { TestDatabase } from '../store/contract/kit.js';
import { testCorpus } from './corpus.js';
import { type CapturedLogs, captureLogs } from './logs.js';

export type JobCall = { job: 'nudgeChannelNow' | 'nudgePersonNow'; teamId: string; id: string };

export type LocalOptions = {
  features?: Feature[];
  now?: () => Date;
  /** Default: jobs that record their calls in `jobCalls`. */
  jobs?: WorkspaceJobs;
  ackTimeoutMs?: number;
  databasePath?: string;
  /** Run on a store of this database (SQLite file or Postgres schema, see kit.ts), disposed when the test ends. */
  database?: TestDatabase;
};

export type LocalHarness<S extends Store = SqliteStore> = {
  /** The built-in workspace (it serves the page); `installs` holds it and the others. */
  workspace: LocalWorkspace;
  installs: LocalInstalls;
  fake: FakeSlack;
  lightsOut: LightsOut;
  config: Config;
  store: S;
  logs: CapturedLogs;
  /** The page's URL (the bot's own server). */
  url: string;
  jobCalls: JobCall[];
  /** POSTs JSON to the workspace API as the page does. */
  api(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
};

/**
 * The app in local mode, wired as src/main.ts wires it: the workspace's stand-in is the bot's Slack, its routes
 * are on the bot's server on 127.0.0.1, and its nudge controls call the jobs. Torn down when the test ends.
 */
export async function buildLocal<S extends Store = SqliteStore>(options: LocalOptions = {}): Promise<LocalHarness<S>> {
  const dir = mkdtempSync(join(tmpdir(), 'lights-out-local-'));
  const databasePath = options.databasePath ?? join(dir, 'local.db');
  const base = loadConfig({ LOCAL_DATABASE_URL: databasePath, LOG_LEVEL: 'debug' }, { forceLocal: true });
  const logs = captureLogs('debug', [base.slack.signingSecret]);
  const now = options.now ?? (() => new Date());
  const installs = new LocalInstalls({
    signingSecret: base.slack.signingSecret,
    logger: logs.logger,
    now,
    ...(options.ackTimeoutMs ? { ackTimeoutMs: options.ackTimeoutMs } : {}),
  });
  const workspace = installs.demo;
  const apiUrl = await workspace.start();
  const config = installs.withOAuth(localConfig(base, { apiUrl, channelId: workspace.channel.id }));
  const store = (options.database ? await options.database.open() : new SqliteStore(databasePath, { now })) as S;
  const deps: AppDeps = { config, corpus: testCorpus(), store, logger: logs.logger, now, random: Math.random };
  const { fake } = workspace;
  const lightsOut = buildApp(deps, {
    identity: { botId: '', botUserId: '' },
    routes: installs.routes,
    afterInstall: installs.afterInstall,
    ...(options.features ? { features: options.features } : {}),
  });
  const { port } = await lightsOut.start(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  // As main does: the built-in workspace is installed through /slack/install before anyone uses it.
  await installs.install(url, lightsOut.installations as NonNullable<LightsOut['installations']>, apiUrl);
  const jobCalls: JobCall[] = [];
  const jobs: WorkspaceJobs = options.jobs ?? {
    nudgeChannelNow: async (teamId, id) => {
      jobCalls.push({ job: 'nudgeChannelNow', teamId, id });
    },
    nudgePersonNow: async (teamId, id) => {
      jobCalls.push({ job: 'nudgePersonNow', teamId, id });
    },
  };
  installs.connect({ url, jobs, nudges: store.nudges, envChannel: config.nudge.channel });

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    installs.closeStreams();
    await lightsOut.stop(500);
    await installs.stop();
    await store.close();
    await options.database?.dispose();
    if (!options.databasePath) rmSync(dir, { recursive: true, force: true });
  };
  onTestFinished(close);

  return {
    workspace,
    installs,
    fake,
    lightsOut,
    config,
    store,
    logs,
    url,
    jobCalls,
    api: async (path, body) => {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    close,
  };
}
