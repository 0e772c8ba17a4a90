import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPReceiverOptions, Installation } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { OAuthCredentials } from '../config.js';
import type { AppDeps } from '../deps.js';
import type { RouteHandler } from '../server.js';
import { webClientOptions } from '../slack/web-client.js';
import { Installations } from './installations.js';
import { addToSlackPage, installedPage, installFailedPage, type PageAnswer, pageLocale } from './pages.js';
import { manifestBotScopes } from './scopes.js';
import { oneTimeStateStore } from './state.js';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

function send(res: ServerResponse, { status, html, language }: PageAnswer): void {
  res
    .writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-language': language,
      // The page's language follows the browser's Accept-Language.
      vary: 'Accept-Language',
    })
    .end(html);
}

export function createInstallations(deps: AppDeps, oauth: OAuthCredentials): Installations {
  const { config, logger } = deps;
  return new Installations({
    store: deps.store,
    logger,
    now: deps.now,
    encryptionKey: oauth.encryptionKey,
    oauthClient: new WebClient(undefined, webClientOptions(config.slack.apiUrl, logger, 'interactive')),
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
  });
}

type InstallerOptions = Pick<
  HTTPReceiverOptions,
  'clientId' | 'clientSecret' | 'stateSecret' | 'scopes' | 'installationStore' | 'installerOptions'
>;

/**
 * Bolt's installer on our HTTP receiver: `/slack/install` redirects straight to Slack's consent screen with the
 * state cookie set (`directInstall`, so installs from Slack's app page work too), `/slack/oauth_redirect` runs
 * oauth.v2.access and stores the installation. Requests are then authorized from the store by Bolt
 * (`fetchInstallation`, which also rotates tokens under a lock).
 */
export function installerOptions(
  deps: AppDeps,
  oauth: OAuthCredentials,
  installations: Installations,
  /** Where the browser goes once installed, instead of the "installed" page (the local workspace's page). */
  afterInstall?: (installation: Installation) => string,
): InstallerOptions {
  const { config, logger } = deps;
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: manifestBotScopes(),
    installationStore: installations.installationStore,
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      directInstall: true,
      stateStore: oneTimeStateStore(oauth.stateSecret, deps.store, deps.now),
      // The consent screen lives next to the Web API (slack.com, or the stand-in in tests and locally).
      authorizationUrl: new URL('../oauth/v2/authorize', config.slack.apiUrl).toString(),
      clientOptions: webClientOptions(config.slack.apiUrl, logger, 'interactive'),
      callbackOptions: {
        success: (installation, _options, req: IncomingMessage, res: ServerResponse) => {
          if (afterInstall) {
            res.writeHead(302, { location: afterInstall(installation), 'cache-control': 'no-store' }).end();
            return;
          }
          const name = installation.team?.name ?? installation.enterprise?.name;
          send(res, installedPage(name, pageLocale(req.headers['accept-language'])));
        },
        failure: (error, _options, req: IncomingMessage, res: ServerResponse) => {
          logger.warn({ code: error.code, reason: error.message }, 'an install did not complete');
          send(res, installFailedPage(error.code, INSTALL_PATH, pageLocale(req.headers['accept-language'])));
        },
      },
    },
  };
}

/** The public landing page with the "Add to Slack" button (OAuth mode). */
export const installPageRoute: RouteHandler = (req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET' || path !== '/') return false;
  send(res, addToSlackPage(INSTALL_PATH, pageLocale(req.headers['accept-language'])));
  return true;
};
