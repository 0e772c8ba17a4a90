import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../src/local/fake-slack.js';
import { projectPath } from '../src/paths.js';
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

  it('--help prints the usage with every variable and exits 0, whatever the environment', async () => {
    const bot = spawnBot({ env: { PORT: 'not a port' }, args: ['--help'] });
    expect(await bot.exited).toBe(0);
    expect(bot.stdout()).toMatch(/^Usage: npm start/);
    for (const name of [
      'SLACK_BOT_TOKEN',
      'SLACK_APP_TOKEN',
      'PORT',
      'DATABASE_URL',
      'LOCAL_DATABASE_URL',
      'LOG_LEVEL',
    ]) {
      expect(bot.stdout()).toContain(`  ${name} `);
    }
    expect(bot.stderr()).toBe('');
  });

  it('exits 2, saying SLACK_BOT_TOKEN is missing, when only SLACK_APP_TOKEN is set', async () => {
    const bot = spawnBot({ env: { SLACK_APP_TOKEN: 'xapp-1-A1-1-test', PORT: String(await freePort()) } });
    expect(await bot.exited).toBe(2);
    expectOneClearLine(bot.stderr(), /SLACK_BOT_TOKEN is missing \(SLACK_APP_TOKEN is set;/);
    expect(bot.stdout()).not.toContain('local workspace');
  });

  it('exits 2 on an unsupported DATABASE_URL scheme, and creates no folder named after it', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'lights-out-mysql-'));
    const bot = spawnBot({
      cwd,
      env: { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, DATABASE_URL: 'mysql://root@db/lights' },
    });
    expect(await bot.exited).toBe(2);
    expectOneClearLine(bot.stderr(), /DATABASE_URL has the scheme mysql:, which Lights Out does not support/);
    expect(existsSync(join(cwd, 'mysql:'))).toBe(false);
  });

  it('exits 2 with one message when the store folder cannot be created (no spinning in /proc)', async () => {
    const bot = spawnBot({
      env: {
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        DATABASE_URL: '/proc/nope/x.db',
        PORT: String(await freePort()),
      },
    });
    // A generous bound: today's code never exits by itself (Node's recursive mkdir loops under /proc).
    const timeout = setTimeout(() => bot.child.kill('SIGKILL'), 15_000);
    const code = await bot.exited;
    clearTimeout(timeout);
    expect(code).toBe(2);
    expectOneClearLine(
      bot.stderr(),
      /^DATABASE_URL is \/proc\/nope\/x\.db, but the folder \/proc\/nope cannot be created \(ENOENT\)/,
    );
  });

  it('exits 2 with one message when the Postgres server of DATABASE_URL does not answer', async () => {
    const bot = spawnBot({
      env: {
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/test',
        PORT: String(await freePort()),
      },
    });
    expect(await bot.exited).toBe(2);
    expectOneClearLine(
      bot.stderr(),
      /^Cannot open the Postgres store at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/test/,
    );
    expect(bot.stderr()).not.toContain('secret');
  });
});

describe('the production module graph', () => {
  /** Runs the built bot with a loader hook that records every module it loads; returns their URLs. */
  async function modulesLoaded(env: Record<string, string>) {
    const record = join(mkdtempSync(join(tmpdir(), 'lights-out-modules-')), 'modules.txt');
    const port = await freePort();
    const bot = spawnBot({
      entry: 'built',
      env: {
        ...env,
        PORT: String(port),
        NODE_OPTIONS: `--import=${projectPath('test', 'helpers', 'record-modules.mjs')}`,
        RECORD_MODULES_TO: record,
      },
    });
    await bot.healthy(`http://127.0.0.1:${port}`);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    return readFileSync(record, 'utf8').split('\n').filter(Boolean);
  }

  it('never loads src/local (the Slack stand-in) when the bot talks to real Slack', async () => {
    const loaded = await modulesLoaded({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      DATABASE_URL: dbPath(),
    });
    expect(loaded.some((url) => url.endsWith('/dist/src/app.js'))).toBe(true);
    expect(loaded.filter((url) => url.includes('/src/local/'))).toEqual([]);
  });

  it('loads it in local mode (so the check above can see it)', async () => {
    const loaded = await modulesLoaded({ LOCAL_DATABASE_URL: dbPath() });
    expect(loaded.some((url) => url.endsWith('/dist/src/local/workspace.js'))).toBe(true);
  });
});
