/**
 * The edge: the only module with process-level side effects. It reads config, makes the logger, opens the
 * store, builds the app, starts jobs and owns shutdown. Everything else receives what it needs.
 */
import type { Server } from 'node:http';
import { config as loadDotenv } from 'dotenv';
import { buildApp, type LightsOut, type SlackIdentity } from './app.js';
import { type Config, ConfigError, loadConfig, usage } from './config.js';
import { loadCorpus } from './corpus/load.js';
import type { Corpus } from './corpus/types.js';
import type { AppDeps } from './deps.js';
import { isLightsOutError } from './errors.js';
import { type Jobs, startJobs } from './jobs.js';
// Type-only: the stand-in itself is imported on demand, in local mode only, so production never loads it.
import type { LocalInstalls } from './local/install.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics, instrumentStore, type PrometheusMetrics, startMetricsServer } from './metrics.js';
import { installedWorkspaces } from './oauth/clients.js';
import { closeServer } from './server.js';
import { verifyBotToken } from './slack/identity.js';
import { createWebClient } from './slack/web-client.js';
import { openStore } from './store/open.js';
import type { Store } from './store/types.js';

const SHUTDOWN_LIMIT_MS = 5000;

/** A start-up failure: one line a person can act on, no stack trace. */
function die(message: string, exitCode: number, logger?: Logger): never {
  logger?.fatal(message);
  process.stderr.write(`${message}\n`);
  process.exit(exitCode);
}

/** Store failures that a setting causes (a path that cannot be created, an engine not built in) exit 2. */
const STORE_CONFIG_ERRORS = ['store_open_failed'] as const;

/**
 * Local mode: loads the stand-in, refuses a store that holds any other workspace (the local workspace must never
 * read or write real data), starts it and points the bot at it, with the stand-in as its OAuth provider.
 */
async function startLocalWorkspace(
  config: Config,
  store: Store,
  logger: Logger,
): Promise<{ workspace: LocalInstalls; config: Config; urlLine: (port: number) => string }> {
  const local = await import('./local/workspace.js');
  const { LocalInstalls } = await import('./local/install.js');
  const workspace = new LocalInstalls({
    signingSecret: config.slack.signingSecret,
    logger,
    now: () => new Date(),
  });
  const foreign = (await store.workspaceIds()).filter((id) => !workspace.teamIds.includes(id));
  if (foreign.length > 0) {
    await store.close();
    const where = config.database.kind === 'sqlite' ? ` (${config.database.path})` : '';
    die(
      `The local workspace will not use ${config.database.variable}${where}: it holds data of another Slack workspace (${foreign.join(', ')}). Set LOCAL_DATABASE_URL to a file of its own, such as ./data/local.db.`,
      2,
      logger,
    );
  }
  try {
    const apiUrl = await workspace.demo.start();
    return {
      workspace,
      config: workspace.withOAuth(local.localConfig(config, { apiUrl, channelId: workspace.demo.channel.id })),
      urlLine: local.localUrlLine,
    };
  } catch (error) {
    await store.close();
    die(`The local workspace could not start: ${(error as Error).message}`, 1, logger);
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(usage());
    process.exit(0);
  }
  // Real environment variables win over .env; quiet keeps dotenv from printing its banner.
  loadDotenv({ quiet: true });
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env, { forceLocal: process.argv.includes('--local') });
  } catch (error) {
    if (error instanceof ConfigError) die(error.message, 2);
    throw error;
  }

  const logger = createLogger({
    // Locally the one line to read is the URL; logs stay quiet unless LOG_LEVEL asks for them.
    level: config.mode === 'local' && !process.env.LOG_LEVEL ? 'warn' : config.logLevel,
    secrets: [
      config.slack.botToken,
      config.slack.signingSecret,
      config.slack.appToken ?? '',
      config.oauth?.clientSecret ?? '',
      config.oauth?.stateSecret ?? '',
    ],
  });
  let store: Store | undefined;
  let lightsOut: LightsOut | undefined;
  let jobs: Jobs | undefined;
  let workspace: LocalInstalls | undefined;
  let metricsServer: Server | undefined;

  let stopping = false;
  const shutdown = async (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down');
    const hardStop = setTimeout(() => {
      logger.error('shutdown took longer than 5 s; exiting anyway');
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS);
    hardStop.unref();
    try {
      await jobs?.stop();
      // The page's event streams never end by themselves; close them before the server drains.
      workspace?.closeStreams();
      await lightsOut?.stop(SHUTDOWN_LIMIT_MS - 1000);
      // The stand-in plays Slack: it goes after the bot, so in-flight answers still reach it.
      await workspace?.stop();
      if (metricsServer) await closeServer(metricsServer, 500);
      await store?.close();
    } catch (error) {
      logger.error({ err: error }, 'error during shutdown');
      exitCode = exitCode || 1;
    }
    logger.info('stopped');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void shutdown('SIGINT', 0));
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: reason }, 'unhandled promise rejection');
    void shutdown('unhandledRejection', 1);
  });
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    void shutdown('uncaughtException', 1);
  });

  let corpus: Corpus;
  try {
    corpus = loadCorpus();
  } catch (error) {
    die(`The article corpus (fixtures/article.json) is missing or broken: ${(error as Error).message}`, 1, logger);
  }

  try {
    store = await openStore(config.database);
  } catch (error) {
    if (!isLightsOutError(error)) die(`Cannot open the store: ${(error as Error).message}`, 1, logger);
    die(error.message, (STORE_CONFIG_ERRORS as readonly string[]).includes(error.code) ? 2 : 1, logger);
  }
  // Metrics only when asked for: off, nothing is wrapped or counted.
  const metrics: PrometheusMetrics | undefined =
    config.metricsPort === undefined ? undefined : createMetrics({ defaultMetrics: true });
  if (metrics) store = instrumentStore(store, metrics);

  // Local mode: the built-in Slack stand-in plays Slack, and the bot talks to it exactly as it would to Slack.
  let urlLine: ((port: number) => string) | undefined;
  if (config.mode === 'local') {
    ({ workspace, config, urlLine } = await startLocalWorkspace(config, store, logger));
  }

  // OAuth mode has no token of its own: each workspace's identity comes with its installation (locally, once the
  // built-in workspace is installed, below).
  let identity: SlackIdentity = { botId: '', botUserId: '' };
  try {
    if (config.mode !== 'oauth' && config.mode !== 'local')
      identity = await verifyBotToken(
        createWebClient(config.slack.botToken, config.slack.apiUrl, logger, 'startup', metrics),
        config.slack.apiUrl,
      );
  } catch (error) {
    await store.close();
    die(
      isLightsOutError(error) ? error.message : `Slack start-up check failed: ${(error as Error).message}`,
      1,
      logger,
    );
  }

  const deps: AppDeps = {
    config,
    corpus,
    store,
    logger,
    now: () => new Date(),
    random: Math.random,
    ...(metrics ? { metrics } : {}),
  };
  // Its own port, bound like the main server (loopback in local mode), so /metrics is never public by accident.
  if (metrics && config.metricsPort !== undefined) {
    try {
      const bound = await startMetricsServer(metrics.registry, config.metricsPort, workspace ? '127.0.0.1' : undefined);
      metricsServer = bound.server;
      logger.info({ port: bound.port }, 'serving /metrics');
    } catch (error) {
      await workspace?.stop().catch(() => undefined);
      await store.close();
      const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      die(
        inUse
          ? `METRICS_PORT ${config.metricsPort} is already in use: stop the other process or choose another port.`
          : `The metrics server could not start: ${(error as Error).message}`,
        1,
        logger,
      );
    }
  }
  lightsOut = buildApp(deps, {
    identity,
    ...(workspace ? { routes: workspace.routes, afterInstall: workspace.afterInstall } : {}),
  });
  try {
    // The local workspace is for this machine only.
    const { port } = await lightsOut.start(config.port, workspace ? '127.0.0.1' : undefined);
    const installations = lightsOut.installations;
    if (workspace && installations) {
      identity = await workspace.install(`http://127.0.0.1:${port}`, installations, config.slack.apiUrl);
    }
    jobs = startJobs(
      deps,
      createWebClient(config.slack.botToken, config.slack.apiUrl, logger, 'background', metrics),
      identity,
      installations ? { workspaces: installedWorkspaces(installations, config.slack.apiUrl, logger) } : {},
    );
    logger.info({ mode: config.mode, port, botUserId: identity.botUserId }, 'Lights Out is running');
    if (workspace && urlLine) {
      workspace.connect({
        url: `http://127.0.0.1:${port}`,
        jobs,
        nudges: store.nudges,
        envChannel: config.nudge.channel,
      });
      process.stdout.write(`${urlLine(port)}
`);
    }
  } catch (error) {
    const message = isLightsOutError(error)
      ? error.message
      : (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
        ? `Port ${config.port} is already in use: stop the other process or set PORT.`
        : `Lights Out could not start: ${(error as Error).message}`;
    await lightsOut.stop(0).catch(() => undefined);
    await workspace?.stop().catch(() => undefined);
    await store.close();
    die(message, 1, logger);
  }
}

main().catch((error) => {
  process.stderr.write(`Lights Out stopped unexpectedly: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
