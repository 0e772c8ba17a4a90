import type { Server } from 'node:http';
import { App, HTTPReceiver, type Installation, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { AppDeps } from './deps.js';
import { isLightsOutError, LightsOutError } from './errors.js';
import { features as allFeatures, type Feature } from './features/index.js';
import { boltLogger } from './logger.js';
import type { Installations } from './oauth/installations.js';
import {
  createInstallations,
  INSTALL_PATH,
  installerOptions,
  installPageRoute,
  REDIRECT_PATH,
} from './oauth/installer.js';
import { closeServer, createHttpServer, listen, type RouteHandler } from './server.js';
import { answerInPeoplesLanguage } from './slack/listen.js';
import { webClientOptions } from './slack/web-client.js';

/** Who the bot is in Slack, from `auth.test` at start-up (tests hand in a fixed one). */
export type SlackIdentity = { botId: string; botUserId: string; teamId?: string };

export type BuildOptions = {
  identity: SlackIdentity;
  features?: Feature[];
  /** Extra HTTP routes on the same server (the local workspace). */
  routes?: RouteHandler;
  /** With OAuth: where the browser goes after an install (the local workspace's page), instead of a page. */
  afterInstall?: (installation: Installation) => string;
  /** Socket Mode start-up limit; Slack's own client would otherwise retry forever. */
  socketStartTimeoutMs?: number;
};

export type LightsOut = {
  app: App;
  /** The HTTP server (HTTP and local mode; in Socket Mode it serves /healthz only). */
  server: Server;
  /** OAuth mode: every workspace's installation (the jobs' clients come from here). */
  installations?: Installations;
  start(port: number, host?: string): Promise<{ port: number }>;
  stop(graceMs?: number): Promise<void>;
};

export function buildApp(deps: AppDeps, options: BuildOptions): LightsOut {
  const { config, logger } = deps;
  const socketMode = config.mode === 'socket';
  const clientOptions = webClientOptions(config.slack.apiUrl, logger, 'interactive', deps.metrics);
  // OAuth mode, and the local workspace (its stand-in Slack is the OAuth provider, see src/local/install.ts).
  const oauth = config.oauth;
  const installations = oauth ? createInstallations(deps, oauth) : undefined;
  const httpReceiver = socketMode
    ? undefined
    : new HTTPReceiver({
        signingSecret: config.slack.signingSecret,
        // The server verifies every request before Bolt sees it (see server.ts).
        signatureVerification: false,
        endpoints: '/slack/events',
        logger: boltLogger(logger, 'receiver'),
        // OAuth mode: no token; Bolt authorizes each request from the installation store.
        ...(oauth && installations ? installerOptions(deps, oauth, installations, options.afterInstall) : {}),
      });
  const receiver: Receiver =
    httpReceiver ??
    new SocketModeReceiver({
      appToken: config.slack.appToken as string,
      logger: boltLogger(logger, 'socket-mode'),
      // The Socket Mode client reconnects by itself after the first connection; start() is bounded below.
      installerOptions: { clientOptions: { slackApiUrl: config.slack.apiUrl } },
    });

  const app = new App({
    ...(oauth
      ? {}
      : { token: config.slack.botToken, botId: options.identity.botId, botUserId: options.identity.botUserId }),
    receiver,
    logger: boltLogger(logger),
    clientOptions,
    extendedErrorHandler: true,
    // No feature keeps conversation state; Bolt's default store would run on every request for nothing.
    convoStore: false,
  });

  // Bolt's index does not export the extended handler's argument type; this is its shape.
  type ErrorArgs = { error: Error; context?: { teamId?: string; userId?: string }; body?: unknown };
  const onError = async ({ error, context, body }: ErrorArgs) => {
    const original = (error as { original?: unknown }).original ?? error;
    logger.error(
      {
        err: original,
        code: (error as { code?: string }).code,
        teamId: context?.teamId,
        userId: context?.userId,
        type: (body as { type?: string; command?: string } | undefined)?.command ?? (body as { type?: string })?.type,
      },
      'unhandled error in a Slack listener',
    );
  };
  app.error(onError as Parameters<App['error']>[0]);

  // Failures and unknown commands are answered in the person's language.
  answerInPeoplesLanguage(app, logger, deps);
  const featureDeps = installations ? { ...deps, installations } : deps;
  for (const feature of options.features ?? allFeatures) feature(app, featureDeps);

  const server = createHttpServer({
    slackListener: httpReceiver
      ? httpReceiver.requestListener
      : (_req, res) => {
          // Socket Mode receives events over the socket, never over HTTP.
          res.writeHead(404).end();
        },
    signingSecret: config.slack.signingSecret,
    store: deps.store,
    logger,
    now: deps.now,
    ...(options.routes || oauth ? { routes: options.routes ?? installPageRoute } : {}),
    ...(oauth ? { installPaths: [INSTALL_PATH, REDIRECT_PATH] } : {}),
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });

  return {
    app,
    server,
    ...(installations ? { installations } : {}),
    async start(port, host) {
      const boundPort = await listen(server, port, host);
      if (socketMode) await startSocketMode(app, options.socketStartTimeoutMs ?? 15_000);
      return { port: boundPort };
    },
    async stop(graceMs = 4000) {
      await Promise.all([closeServer(server, graceMs), socketMode ? app.stop().catch(() => undefined) : undefined]);
    },
  };
}

async function startSocketMode(app: App, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new LightsOutError(
            'socket_mode_failed',
            `Could not connect to Slack in Socket Mode within ${Math.round(timeoutMs / 1000)} s. Check the network and SLACK_APP_TOKEN (an xapp- token with connections:write).`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    await Promise.race([app.start(), timeout]);
  } catch (error) {
    await app.stop().catch(() => undefined);
    if (isLightsOutError(error)) throw error;
    throw new LightsOutError(
      'socket_mode_failed',
      `Slack refused the Socket Mode connection: ${(error as Error).message}. Check SLACK_APP_TOKEN (Basic Information → App-Level Tokens, scope connections:write) and that Socket Mode is on.`,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}
