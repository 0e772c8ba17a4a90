import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { describe, expect, it, onTestFinished } from 'vitest';
import { Installations } from '../../src/oauth/installations.js';
import { signedHeaders, slashCommandBody } from '../../src/slack/protocol.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { SIGNING_SECRET } from '../helpers/build.js';
import { captureLogs } from '../helpers/logs.js';
import { freePort, spawnBot } from '../helpers/spawn.js';
import { buildOAuth, CLIENT_ID, CLIENT_SECRET, oauthEnv } from './harness.js';

const rotation = { expiresInSeconds: 3600, refreshedExpiresInSeconds: 12 * 3600 };

/** oauth.v2.access calls with the refresh grant (the install's code grant is one call too). */
const refreshCalls = (app: Awaited<ReturnType<typeof buildOAuth>>) =>
  app.fake.callsTo('oauth.v2.access').filter((call) => call.args.grant_type === 'refresh_token');
const refreshStarted = (app: Awaited<ReturnType<typeof buildOAuth>>, timeoutMs = 5000) =>
  app.fake.waitUntil(() => (refreshCalls(app).length > 0 ? true : undefined), timeoutMs, 'a refresh grant');

describe('token rotation under a per-installation lock', () => {
  it('a request near expiry is answered with a refreshed token, stored for the next one', async () => {
    const app = await buildOAuth({ oauth: rotation });
    app.oauth.addWorkspace({ teamId: 'T0AAA', name: 'Alpha Lab' });
    app.fake.addUser({ id: 'U1', name: 'ada', tz: 'Europe/London' });
    await app.install('T0AAA');
    const first = await app.command('/hours', 'log 1', { teamId: 'T0AAA', userId: 'U1' });
    await first.response();
    expect(app.oauth.refreshes).toEqual({ answered: 1, refused: 0 });
    const [call] = app.fake.callsTo('users.info');
    const used = app.oauth.tokens.get(call?.token ?? '');
    expect(used?.expiresAt).toBeGreaterThan(Date.now() / 1000 + 11 * 3600);
    // No token or refresh token ever reaches the logs.
    const secrets = [...app.oauth.tokens.keys(), ...app.oauth.refreshTokens.keys()];
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    expect(app.logs.lines.filter((line) => secrets.some((secret) => line.includes(secret)))).toEqual([]);
    expect((await app.store.installations.get('T0AAA'))?.expiresAt).toBe(
      new Date((used?.expiresAt ?? 0) * 1000).toISOString(),
    );
  });

  it('two instances on one store refreshing at once spend the refresh token once and both work', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lights-out-rotation-'));
    const key = randomBytes(32).toString('base64');
    const app = await buildOAuth({ oauth: rotation, databasePath: join(dir, 'shared.db'), encryptionKey: key });
    app.oauth.addWorkspace({ teamId: 'T0AAA', name: 'Alpha Lab' });
    await app.install('T0AAA');
    const instance = () => {
      const store = new SqliteStore(join(dir, 'shared.db'));
      onTestFinished(() => store.close());
      return new Installations({
        store,
        logger: captureLogs('silent').logger,
        now: () => new Date(),
        encryptionKey: Buffer.from(key, 'base64'),
        oauthClient: new WebClient(undefined, { slackApiUrl: app.fake.apiUrl, retryConfig: { retries: 0 } }),
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / 5)),
      });
    };
    const release = app.oauth.holdRefreshes();
    const a = instance().fetch({ teamId: 'T0AAA' });
    await refreshStarted(app);
    const b = instance().fetch({ teamId: 'T0AAA' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(refreshCalls(app)).toHaveLength(1); // b waits for a's lock
    release();
    const [tokenA, tokenB] = (await Promise.all([a, b])).map((installation) => installation.bot?.token ?? '');
    expect(tokenA).toBe(tokenB);
    expect(app.oauth.refreshes).toEqual({ answered: 1, refused: 0 });
    const check = await new WebClient(tokenB, { slackApiUrl: app.fake.apiUrl }).auth.test();
    expect(check.team_id).toBe('T0AAA');
  });

  it('two bot processes on one store file: one refresh, both answer with the new token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lights-out-rotation-'));
    const databasePath = join(dir, 'shared.db');
    const key = randomBytes(32).toString('base64');
    const app = await buildOAuth({ oauth: rotation, databasePath, encryptionKey: key });
    app.oauth.addWorkspace({ teamId: 'T0AAA', name: 'Alpha Lab' });
    app.fake.addUser({ id: 'U1', name: 'ada', tz: 'Europe/London' });
    await app.install('T0AAA');
    const release = app.oauth.holdRefreshes();
    const bots = await Promise.all(
      [0, 1].map(async () => {
        const port = await freePort();
        const bot = spawnBot({
          env: {
            ...oauthEnv(key),
            SLACK_API_URL: app.fake.apiUrl,
            DATABASE_URL: databasePath,
            PORT: String(port),
            LOG_LEVEL: 'info',
          },
        });
        return { bot, url: `http://127.0.0.1:${port}` };
      }),
    );
    for (const { bot, url } of bots) await bot.healthy(url, 60_000);
    // Both processes need the workspace's token at once (a command each, and whichever runs the directory sync):
    // one holds the lock, in oauth.v2.access; the other waits for it instead of spending the refresh token too.
    const callsBefore = app.fake.calls.length;
    const answered = bots.map(({ url }, index) => {
      const body = slashCommandBody({
        command: '/hours',
        text: 'log 1 yesterday',
        teamId: 'T0AAA',
        userId: `U${index + 1}`,
        responseUrl: app.fake.responseUrl(`bot${index}`),
      });
      return fetch(`${url}/slack/events`, { method: 'POST', headers: signedHeaders(SIGNING_SECRET, body), body });
    });
    await refreshStarted(app, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(refreshCalls(app)).toHaveLength(1);
    release();
    for (const response of await Promise.all(answered)) expect(response.status).toBe(200);
    await Promise.all([0, 1].map((index) => app.fake.waitForResponse(`bot${index}`, 30_000)));
    expect(app.oauth.refreshes).toEqual({ answered: 1, refused: 0 });
    // Every Web API call either process made after the refresh carried the one new token.
    const tokens = app.fake.calls
      .slice(callsBefore)
      .filter((call) => call.method !== 'oauth.v2.access')
      .map((call) => call.token);
    expect(tokens.length).toBeGreaterThan(0);
    expect(new Set(tokens).size).toBe(1);
    expect(app.oauth.tokens.get(tokens[0] ?? '')?.expiresAt).toBeGreaterThan(Date.now() / 1000 + 11 * 3600);
  }, 120_000);
});
