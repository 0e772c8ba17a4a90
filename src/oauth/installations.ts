import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Installation, InstallationStore } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { LightsOutError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { InstallationRecord, Store } from '../store/types.js';
import { open, seal } from './crypto.js';

/** Bolt refreshes within 2 h of expiry; refreshing a little earlier means Bolt never refreshes without our lock. */
export const REFRESH_BEFORE_EXPIRY_S = 2 * 60 * 60 + 10 * 60;
/** How long an installation read from the store is reused; uninstall clears it at once in this process. */
const CACHE_MS = 10_000;
const LOCK_LEASE_MS = 30_000;
const LOCK_WAIT_MS = 15_000;

export type InstallationsDeps = {
  store: Store;
  logger: Logger;
  now: () => Date;
  encryptionKey: Buffer;
  /** A client without a token for oauth.v2.access (refresh grants). */
  oauthClient: WebClient;
  clientId: string;
  clientSecret: string;
  /** Waits between lock attempts; tests may pass a fast one. */
  sleep?: (ms: number) => Promise<void>;
};

type Query = { teamId?: string | undefined; enterpriseId?: string | undefined; isEnterpriseInstall?: boolean };

/** Bolt's key: an org-wide install by its enterprise id, anything else by its team id. */
export function installationKey(query: Query): string {
  const key = query.isEnterpriseInstall && query.enterpriseId ? query.enterpriseId : query.teamId;
  if (!key) throw new LightsOutError('installation_missing', 'An installation query names no team or enterprise.');
  return key;
}

const keyOfInstallation = (installation: Installation): string =>
  installationKey({
    teamId: installation.team?.id,
    enterpriseId: installation.enterprise?.id,
    isEnterpriseInstall: installation.isEnterpriseInstall === true,
  });

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * The installations of OAuth mode: sealed into the store, read back through a short cache, and kept fresh
 * under token rotation. A refresh runs under a lease in the store (one per installation, across processes) and
 * re-reads the installation inside it, so a second refresher uses the first one's new token instead of spending
 * the same refresh token again (node-slack-sdk #2504).
 */
export class Installations {
  private readonly cache = new Map<string, { installation: Installation; record: InstallationRecord; at: number }>();
  private readonly refreshing = new Map<string, Promise<Installation>>();
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID()}`;

  constructor(private readonly deps: InstallationsDeps) {}

  /** For Bolt's InstallProvider: the OAuth redirect stores a new installation here. */
  get installationStore(): InstallationStore {
    return {
      storeInstallation: async (installation) => this.install(installation),
      fetchInstallation: async (query) => this.fetch(query),
      deleteInstallation: async (query) => {
        await this.deps.store.installations.removeWorkspace({
          teamId: query.teamId ?? '',
          keys: [installationKey(query)],
          before: this.deps.now().toISOString(),
        });
        this.forget(installationKey(query));
      },
    };
  }

  /** A new installation (or a reinstall): its install time is now, so older uninstall events cannot remove it. */
  async install(installation: Installation): Promise<void> {
    await this.write(installation, this.deps.now().toISOString());
    this.deps.logger.info(
      {
        teamId: installation.team?.id,
        enterpriseId: installation.enterprise?.id,
        key: keyOfInstallation(installation),
      },
      'Lights Out was installed in a workspace',
    );
  }

  /** The installation for a request or a job, refreshed first if its token is about to expire. */
  async fetch(query: Query): Promise<Installation> {
    const key = installationKey(query);
    const found = await this.read(key, true);
    if (!found) {
      throw new LightsOutError('installation_missing', `No installation for ${key}: the app is not installed there.`);
    }
    if (!this.expiresSoon(found.installation)) return found.installation;
    let pending = this.refreshing.get(key);
    if (!pending) {
      pending = this.refresh(key, found.installation).finally(() => this.refreshing.delete(key));
      this.refreshing.set(key, pending);
    }
    return pending;
  }

  /** Every installation's key, team and enterprise (work that runs per workspace). */
  async list(): Promise<InstallationRecord[]> {
    return this.deps.store.installations.list();
  }

  /** Drops the cached copy (uninstall). */
  forget(key: string): void {
    this.cache.delete(key);
  }

  private expiresSoon(installation: Installation): boolean {
    const expiresAt = installation.bot?.expiresAt;
    if (!installation.bot?.refreshToken || expiresAt === undefined) return false;
    return expiresAt - this.nowSeconds() <= REFRESH_BEFORE_EXPIRY_S;
  }

  private nowSeconds(): number {
    return Math.floor(this.deps.now().getTime() / 1000);
  }

  private async read(key: string, cached: boolean) {
    const hit = this.cache.get(key);
    if (cached && hit && this.deps.now().getTime() - hit.at < CACHE_MS) return hit;
    const record = await this.deps.store.installations.get(key);
    if (!record) {
      this.cache.delete(key);
      return undefined;
    }
    const installation = JSON.parse(open(this.deps.encryptionKey, key, record.sealed)) as Installation;
    const entry = { installation, record, at: this.deps.now().getTime() };
    this.cache.set(key, entry);
    return entry;
  }

  private async write(installation: Installation, installedAt: string): Promise<void> {
    const key = keyOfInstallation(installation);
    const at = this.deps.now().toISOString();
    const expiresAt = installation.bot?.expiresAt;
    const record: InstallationRecord = {
      key,
      teamId: installation.team?.id ?? null,
      enterpriseId: installation.enterprise?.id ?? null,
      isEnterpriseInstall: installation.isEnterpriseInstall === true,
      sealed: seal(this.deps.encryptionKey, key, JSON.stringify(installation)),
      expiresAt: expiresAt === undefined ? null : new Date(expiresAt * 1000).toISOString(),
      installedAt,
      updatedAt: at,
    };
    await this.deps.store.installations.save(record);
    this.cache.set(key, { installation, record, at: this.deps.now().getTime() });
  }

  private async refresh(key: string, stale: Installation): Promise<Installation> {
    const { store, logger } = this.deps;
    const sleep = this.deps.sleep ?? defaultSleep;
    const waitUntil = Date.now() + LOCK_WAIT_MS;
    const lease = () => new Date(this.deps.now().getTime() + LOCK_LEASE_MS).toISOString();
    while (!(await store.installations.tryLock(key, this.owner, lease(), this.deps.now().toISOString()))) {
      if (Date.now() > waitUntil) {
        logger.warn({ key }, 'token refresh: another process holds the lock; using the current token');
        return this.usable(key, (await this.read(key, false))?.installation ?? stale);
      }
      await sleep(100 + Math.floor(Math.random() * 150));
    }
    let current = stale;
    try {
      // Inside the lock: another process may have refreshed already, and spent the refresh token we hold.
      const fresh = await this.read(key, false);
      if (!fresh) throw new LightsOutError('installation_missing', `No installation for ${key} (uninstalled).`);
      current = fresh.installation;
      if (!this.expiresSoon(current) || !current.bot?.refreshToken) return current;
      const answer = await this.deps.oauthClient.oauth.v2.access({
        client_id: this.deps.clientId,
        client_secret: this.deps.clientSecret,
        grant_type: 'refresh_token',
        refresh_token: current.bot.refreshToken,
      });
      if (!answer.access_token || !answer.refresh_token || answer.expires_in === undefined) {
        throw new Error('oauth.v2.access answered without a rotated token');
      }
      const updated: Installation = {
        ...current,
        bot: {
          ...current.bot,
          token: answer.access_token,
          refreshToken: answer.refresh_token,
          expiresAt: this.nowSeconds() + answer.expires_in,
        },
      };
      await this.write(updated, fresh.record.installedAt);
      logger.info({ key, expiresAt: updated.bot?.expiresAt }, 'token refresh: rotated the bot token');
      return updated;
    } catch (error) {
      if (error instanceof LightsOutError && error.code === 'installation_missing') throw error;
      logger.error({ err: error, key }, 'token refresh failed');
      return this.usable(key, current);
    } finally {
      await store.installations.unlock(key, this.owner);
    }
  }

  /**
   * After a failed or skipped refresh: a token that still works is used as it is, without its refresh token,
   * so Bolt's own (unlocked) refresh does not run; an expired one fails the request.
   */
  private usable(key: string, installation: Installation): Installation {
    const bot = installation.bot;
    if (!bot || (bot.expiresAt ?? Number.POSITIVE_INFINITY) <= this.nowSeconds()) {
      throw new LightsOutError('token_refresh_failed', `The bot token of ${key} expired and could not be refreshed.`);
    }
    const { refreshToken: _refresh, expiresAt: _expires, ...rest } = bot;
    return { ...installation, bot: rest };
  }
}
