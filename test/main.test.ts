import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../src/local/fake-slack.js';
import { signedHeaders, slashCommandBody } from '../src/slack/protocol.js';
import { freePort, spawnBot } from './helpers/spawn.js';

const TOKEN = 'xoxb-main-test-token';
const SECRET = 'main-test-signing-secret-123456';
let fake: FakeSlack;

beforeEach(async () => {
  fake = new FakeSlack({ validTokens: [TOKEN] });
  await fake.start();
});
afterEach(async () => {
  await fake.stop();
});

const dbPath = () => join(mkdtempSync(join(tmpdir(), 'lights-out-main-')), 'nested', 'bot.db');

function expectOneClearLine(stderr: string, pattern: RegExp) {
  expect(stderr).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('src/main.ts as a process', () => {
  it('serves /healthz, answers signed requests, refuses unsigned ones, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const bot = spawnBot({
      env: {
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: String(port),
        DATABASE_URL: dbPath(),
      },
    });
    const url = `http://127.0.0.1:${port}`;
    await bot.healthy(url);
    expect(fake.callsTo('auth.test')).toHaveLength(1);

    const body = slashCommandBody({ command: '/hours', text: 'help' });
    const unsigned = await fetch(`${url}/slack/events`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(unsigned.status).toBe(401);
    const signed = await fetch(`${url}/slack/events`, { method: 'POST', body, headers: signedHeaders(SECRET, body) });
    expect(signed.status).toBe(200);

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.stdout()).toContain('"msg":"stopped"');
  });

  it('exits 2 with one message naming every missing or malformed variable', async () => {
    const bot = spawnBot({ env: { SLACK_BOT_TOKEN: TOKEN, NUDGE_TZ: 'Nowhere/Land', DATABASE_URL: dbPath() } });
    expect(await bot.exited).toBe(2);
    expectOneClearLine(bot.stderr(), /SLACK_SIGNING_SECRET is missing: Slack app settings → Basic Information/);
    expect(bot.stderr()).toContain('NUDGE_TZ is not a known IANA time zone');
  });

  it('exits 1 with a clear message when Slack refuses the token', async () => {
    const bot = spawnBot({
      env: {
        SLACK_BOT_TOKEN: 'xoxb-revoked',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        DATABASE_URL: dbPath(),
        PORT: String(await freePort()),
      },
    });
    expect(await bot.exited).toBe(1);
    expectOneClearLine(bot.stderr(), /Slack refused SLACK_BOT_TOKEN \(invalid_auth\)/);
  });

  it('exits 1 with a clear message when Slack cannot be reached', async () => {
    const deadPort = await freePort();
    const bot = spawnBot({
      env: {
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: `http://127.0.0.1:${deadPort}/api/`,
        DATABASE_URL: dbPath(),
        PORT: String(await freePort()),
      },
    });
    expect(await bot.exited).toBe(1);
    expectOneClearLine(bot.stderr(), /Cannot reach the Slack Web API at http:\/\/127\.0\.0\.1:\d+\/api\//);
  });

  it('exits 1 with a clear message when Socket Mode cannot connect', async () => {
    fake.fail('apps.connections.open', { kind: 'slack_error', error: 'invalid_auth' }, 10);
    const bot = spawnBot({
      env: {
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_APP_TOKEN: 'xapp-1-A1-1-test',
        SLACK_API_URL: fake.apiUrl,
        DATABASE_URL: dbPath(),
        PORT: String(await freePort()),
      },
    });
    expect(await bot.exited).toBe(1);
    expectOneClearLine(bot.stderr(), /Socket Mode/);
  });
});
