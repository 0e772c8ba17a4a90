import { randomBytes } from 'node:crypto';
import { onTestFinished } from 'vitest';
import { FakeOAuth, type FakeOAuthOptions } from '../../src/local/fake-oauth.js';
import { FakeSlack } from '../../src/local/fake-slack.js';
import type { Store } from '../../src/store/types.js';
import { build, type Harness, SIGNING_SECRET } from '../helpers/build.js';
import type { TestDatabase } from '../store/contract/kit.js';

export const CLIENT_ID = '1111.2222';
export const CLIENT_SECRET = 'test-client-secret';
export const STATE_SECRET = 'test-state-secret';

export function oauthEnv(encryptionKey = randomBytes(32).toString('base64')): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: '',
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET: CLIENT_SECRET,
    SLACK_STATE_SECRET: STATE_SECRET,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    TOKEN_ENCRYPTION_KEY: encryptionKey,
  };
}

export type OAuthHarness = Harness<Store> & {
  /** The database under the store when `database` was given (read it from its catalogue). */
  database: TestDatabase | undefined;
  oauth: FakeOAuth;
  /** The browser's walk: /slack/install → consent (Allow in `teamId`) → /slack/oauth_redirect. */
  install(teamId: string): Promise<{ status: number; html: string }>;
  /** The first half only: the authorize URL Slack would show, and the state cookie the app set. */
  startInstall(): Promise<{ authorizeUrl: string; cookie: string }>;
  finish(redirectUrl: string, cookie: string): Promise<{ status: number; html: string }>;
  uninstall(teamId: string, type: 'app_uninstalled' | 'tokens_revoked', eventTime?: number): Promise<Response>;
};

/** The whole app in OAuth mode on a real port against the fake Slack with its OAuth side. */
export async function buildOAuth(
  options: {
    oauth?: Partial<FakeOAuthOptions>;
    databasePath?: string;
    encryptionKey?: string;
    fake?: FakeSlack;
    /** Run on a store of this database (SQLite file or Postgres schema, see kit.ts), disposed when the test ends. */
    database?: TestDatabase;
  } = {},
): Promise<OAuthHarness> {
  const ownFake = !options.fake;
  const fake = options.fake ?? new FakeSlack();
  if (ownFake) {
    await fake.start();
    onTestFinished(() => fake.stop());
  }
  const oauth = new FakeOAuth(fake, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...options.oauth });
  const { database } = options;
  const harness = await build<Store>({
    fake,
    env: oauthEnv(options.encryptionKey),
    ...(options.databasePath ? { databasePath: options.databasePath } : {}),
    ...(database ? { store: await database.open() } : {}),
  });
  if (database) {
    onTestFinished(async () => {
      await harness.close();
      await database.dispose();
    });
  }
  oauth.redirectUrl = `${harness.url}/slack/oauth_redirect`;

  const startInstall = async () => {
    const res = await fetch(`${harness.url}/slack/install`, { redirect: 'manual' });
    const authorizeUrl = res.headers.get('location') ?? '';
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (res.status !== 302 || !authorizeUrl || !cookie) throw new Error(`/slack/install answered ${res.status}`);
    return { authorizeUrl, cookie };
  };
  const finish = async (redirectUrl: string, cookie: string) => {
    const res = await fetch(redirectUrl, { headers: { cookie }, redirect: 'manual' });
    return { status: res.status, html: await res.text() };
  };
  return {
    ...harness,
    database,
    oauth,
    startInstall,
    finish,
    install: async (teamId) => {
      const { authorizeUrl, cookie } = await startInstall();
      return finish(oauth.approve(authorizeUrl, teamId), cookie);
    },
    uninstall: (teamId, type, eventTime) => {
      oauth.revoke(teamId);
      return oauth.sendEvent(harness.url, SIGNING_SECRET, teamId, type, eventTime);
    },
  };
}
