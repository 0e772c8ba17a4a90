import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger.js';
import { createWebClient } from '../slack/web-client.js';
import type { Installations } from './installations.js';

/** A Web API client for one workspace, with that workspace's own (current) token. */
export type ClientFor = (teamId: string) => Promise<WebClient>;

/**
 * Background clients backed by installations: each call reads the installation (cached briefly, rotated when
 * near expiry), and a client is reused while its token stays the same.
 */
export function installationClients(installations: Installations, apiUrl: string, logger: Logger): ClientFor {
  const clients = new Map<string, WebClient>();
  return async (teamId) => {
    const installation = await installations.fetch({ teamId, isEnterpriseInstall: false });
    const token = installation.bot?.token;
    if (!token) throw new Error(`The installation of ${teamId} has no bot token`);
    let client = clients.get(teamId);
    if (!client || client.token !== token) {
      client = createWebClient(token, apiUrl, logger, 'background');
      clients.set(teamId, client);
    }
    return client;
  };
}

/**
 * What the scheduler and the directory sync need in OAuth mode: the installed workspaces, and a client with each
 * one's own token. Org-wide (Enterprise Grid) installations name no team, so no background work runs for them.
 */
export function installedWorkspaces(
  installations: Installations,
  apiUrl: string,
  logger: Logger,
): { teams: () => Promise<string[]>; clientFor: ClientFor } {
  return {
    teams: async () => (await installations.list()).flatMap((record) => record.teamId ?? []),
    clientFor: installationClients(installations, apiUrl, logger),
  };
}
