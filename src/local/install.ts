import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Installation } from '@slack/bolt';
import { z } from 'zod';
import type { SlackIdentity } from '../app.js';
import type { Config, OAuthCredentials } from '../config.js';
import type { Logger } from '../logger.js';
import type { Installations } from '../oauth/installations.js';
import { INSTALL_PATH } from '../oauth/installer.js';
import { type RouteHandler, sendJson } from '../server.js';
import { verifyBotToken } from '../slack/identity.js';
import { createWebClient } from '../slack/web-client.js';
import { FakeOAuth } from './fake-oauth.js';
import { type LocalTeam, OTHER_WORKSPACES } from './teams.js';
import {
  isLocalRequest,
  LocalWorkspace,
  type LocalWorkspaceOptions,
  parse,
  readJson,
  type WorkspaceBot,
  WorkspaceError,
} from './workspace.js';

/**
 * The local workspace as many Slack workspaces, on the production path: the stand-in Slack is the OAuth provider
 * (client id, secrets and encryption key made fresh at each start), the built-in workspace is installed at start
 * through Bolt's installer (/slack/install → consent → /slack/oauth_redirect → the installation store), and so is
 * any other workspace a person adds from the page. Requests are authorized from the store, the jobs run per
 * installed workspace, and "Uninstall" makes the stand-in send the signed app_uninstalled and tokens_revoked
 * events that delete the workspace's data.
 */

/** How long "Uninstall" waits for the bot to delete the workspace (it does so after acking the event). */
const REMOVAL_WAIT_MS = 5000;

export type LocalInstallsOptions = Pick<LocalWorkspaceOptions, 'signingSecret' | 'logger' | 'now' | 'ackTimeoutMs'> & {
  /** Default: OTHER_WORKSPACES. */
  others?: readonly LocalTeam[];
};

/** What the page lists: an installed workspace, its people and channel, and whether "Uninstall" is offered. */
export type InstalledWorkspace = {
  id: string;
  name: string;
  channel: string;
  removable: boolean;
  people: Array<{ id: string; realName: string }>;
};

const uninstallRequest = z.object({ team: z.string().regex(/^T[A-Z0-9]+$/) });

export class LocalInstalls {
  /** The built-in workspace: it owns the stand-in and serves the page. */
  readonly demo: LocalWorkspace;
  readonly oauth: FakeOAuth;
  readonly credentials: OAuthCredentials;
  private readonly others = new Map<string, LocalWorkspace>();
  private readonly logger: Logger;
  private installations: Installations | undefined;
  private url = '';
  /** Which local workspaces have Lights Out now (the page API answers their people only). */
  private readonly installedTeams = new Set<string>();
  private connected = false;

  constructor(private readonly options: LocalInstallsOptions) {
    this.logger = options.logger;
    const common = { signingSecret: options.signingSecret, logger: options.logger, now: options.now };
    const timeout = options.ackTimeoutMs ? { ackTimeoutMs: options.ackTimeoutMs } : {};
    this.demo = new LocalWorkspace({ ...common, ...timeout, peers: (user) => this.workspaceOf(user) });
    const { fake } = this.demo;
    this.credentials = {
      clientId: `${Date.now()}.${randomBytes(4).readUInt32BE()}`,
      clientSecret: randomBytes(16).toString('hex'),
      stateSecret: randomBytes(32).toString('hex'),
      encryptionKey: randomBytes(32),
    };
    this.oauth = new FakeOAuth(fake, {
      clientId: this.credentials.clientId,
      clientSecret: this.credentials.clientSecret,
    });
    this.oauth.addWorkspace({
      teamId: this.demo.teamId,
      name: this.demo.teamName,
      botUserId: fake.botUserId,
      botId: fake.botId,
    });
    for (const team of options.others ?? OTHER_WORKSPACES) {
      const added = this.oauth.addWorkspace({ teamId: team.id, name: team.name });
      fake.addUser({ id: added.botUserId, name: 'lights-out', real_name: 'Lights Out', is_bot: true, team: team.id });
      const workspace = new LocalWorkspace({
        ...common,
        ...timeout,
        fake,
        teamId: team.id,
        teamName: team.name,
        people: team.people,
        channel: team.channel,
      });
      this.others.set(team.id, workspace);
    }
  }

  /** Every local Slack workspace's id: the only data the local store may hold. */
  get teamIds(): string[] {
    return [this.demo.teamId, ...this.others.keys()];
  }

  /** The bot's settings with the stand-in's OAuth client: the local workspace runs the multi-workspace path. */
  withOAuth(config: Config): Config {
    return { ...config, oauth: this.credentials };
  }

  /** Where Bolt sends the browser after an install: the page, opened on the new workspace. */
  readonly afterInstall = (installation: Installation): string => {
    // Installs at start happen before any page is open; later ones change what open pages list.
    const team = installation.team?.id;
    if (team) this.installedTeams.add(team);
    if (this.connected) this.demo.changed();
    return team ? `/?team=${encodeURIComponent(team)}` : '/';
  };

  /**
   * Once the bot listens: the built-in workspace is installed through the real flow, and so again is every other
   * local workspace the store already holds (tokens and the encryption key are new each start). Returns who the
   * bot is in the built-in workspace, from auth.test with its installed token.
   */
  async install(url: string, installations: Installations, apiUrl: string): Promise<SlackIdentity> {
    this.url = url;
    this.installations = installations;
    // The browser's redirect lands on localhost, the address `npm start` prints (the state cookie is per host).
    this.oauth.redirectUrl = `${url.replace('127.0.0.1', 'localhost')}/slack/oauth_redirect`;
    const stored = new Set((await installations.list()).flatMap((record) => record.teamId ?? []));
    for (const teamId of this.teamIds) {
      if (teamId === this.demo.teamId || stored.has(teamId)) await this.walk(teamId);
    }
    const installation = await installations.fetch({ teamId: this.demo.teamId, isEnterpriseInstall: false });
    const client = createWebClient(installation.bot?.token ?? '', apiUrl, this.logger, 'startup');
    return verifyBotToken(client, apiUrl);
  }

  /** The jobs and nudge settings for every workspace's controls (NUDGE_CHANNEL is the built-in one's). */
  connect(bot: WorkspaceBot): void {
    this.connected = true;
    this.demo.connect(bot);
    const { envChannel: _builtInOnly, ...rest } = bot;
    for (const workspace of this.others.values()) workspace.connect(rest);
  }

  /** The installed local workspaces, the built-in one first. */
  async installed(): Promise<InstalledWorkspace[]> {
    const ids = new Set((await this.requireInstallations().list()).flatMap((record) => record.teamId ?? []));
    return [this.demo, ...this.others.values()]
      .filter((workspace) => ids.has(workspace.teamId))
      .map((workspace) => ({
        id: workspace.teamId,
        name: workspace.teamName,
        channel: workspace.channel.name,
        removable: workspace !== this.demo,
        people: workspace.people.map(({ id, realName }) => ({ id, realName })),
      }));
  }

  /**
   * The workspace removes Lights Out, as in Slack: its tokens stop working, then the stand-in sends the signed
   * app_uninstalled and tokens_revoked events to /slack/events. Resolves once the bot has deleted the workspace.
   */
  async uninstall(teamId: string): Promise<void> {
    const workspace = this.others.get(teamId);
    if (!workspace) {
      const why =
        teamId === this.demo.teamId ? 'The built-in workspace stays installed.' : `There is no workspace ${teamId}.`;
      throw new WorkspaceError(teamId === this.demo.teamId ? 400 : 404, why);
    }
    if (!(await this.isInstalled(teamId))) {
      throw new WorkspaceError(404, `Lights Out is not installed in ${workspace.teamName}.`);
    }
    this.oauth.revoke(teamId);
    for (const type of ['app_uninstalled', 'tokens_revoked'] as const) {
      const res = await this.oauth.sendEvent(this.url, this.options.signingSecret, teamId, type);
      await res.text();
      if (res.status !== 200) throw new Error(`Lights Out answered ${res.status} to ${type}`);
    }
    const deadline = Date.now() + REMOVAL_WAIT_MS;
    while (await this.isInstalled(teamId)) {
      if (Date.now() > deadline)
        throw new WorkspaceError(504, `Lights Out did not remove ${workspace.teamName} in time; see its log.`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    this.installedTeams.delete(teamId);
    this.logger.info({ teamId }, 'local workspace: uninstalled from the page');
    this.demo.changed();
  }

  /** The page and its API, with the install routes in front. */
  readonly routes: RouteHandler = async (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path !== '/local/api/workspaces' && path !== '/local/api/uninstall') return this.demo.routes(req, res);
    if (!isLocalRequest(req)) {
      sendJson(res, 403, { error: 'The local workspace only answers pages opened from localhost.' });
      return true;
    }
    await this.api(path, req, res);
    return true;
  };

  /** Closes the page's streams (the built-in workspace serves them). */
  closeStreams(): void {
    this.demo.closeStreams();
  }

  /** Stops every workspace and the stand-in. Call after the bot has stopped. */
  async stop(): Promise<void> {
    for (const workspace of this.others.values()) await workspace.stop();
    await this.demo.stop();
  }

  private workspaceOf(user: string): LocalWorkspace | undefined {
    return [...this.others.values()].find(
      (workspace) => this.installedTeams.has(workspace.teamId) && workspace.people.some((person) => person.id === user),
    );
  }

  private requireInstallations(): Installations {
    if (!this.installations) throw new WorkspaceError(503, 'Lights Out is still starting; try again in a second.');
    return this.installations;
  }

  private async isInstalled(teamId: string): Promise<boolean> {
    return (await this.requireInstallations().list()).some((record) => record.teamId === teamId);
  }

  /** The browser's walk, done by the bot for itself: /slack/install → Allow in `teamId` → /slack/oauth_redirect. */
  private async walk(teamId: string): Promise<void> {
    const start = await fetch(`${this.url}${INSTALL_PATH}`, { redirect: 'manual' });
    await start.text();
    const authorize = start.headers.get('location') ?? '';
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (start.status !== 302 || !authorize || !cookie) throw new Error(`${INSTALL_PATH} answered ${start.status}`);
    const redirect = new URL(this.oauth.approve(authorize, teamId));
    const done = await fetch(`${this.url}${redirect.pathname}${redirect.search}`, {
      headers: { cookie },
      redirect: 'manual',
    });
    await done.text();
    if (done.status !== 302) throw new Error(`installing the local workspace ${teamId} failed (${done.status})`);
  }

  private async api(path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (path === '/local/api/workspaces' && req.method === 'GET') {
        sendJson(res, 200, { workspaces: await this.installed(), installPath: INSTALL_PATH });
        return;
      }
      if (path === '/local/api/uninstall' && req.method === 'POST') {
        const { team } = parse(uninstallRequest, await readJson(req));
        await this.uninstall(team);
        sendJson(res, 200, { ok: true, workspaces: await this.installed() });
        return;
      }
      throw new WorkspaceError(405, path === '/local/api/uninstall' ? 'Use POST.' : 'Use GET.');
    } catch (error) {
      if (error instanceof WorkspaceError) {
        sendJson(res, error.status, { error: error.message });
        return;
      }
      this.logger.error({ err: error, path }, 'local workspace request failed');
      sendJson(res, 500, { error: `That did not work: ${(error as Error).message}` });
    }
  }
}
