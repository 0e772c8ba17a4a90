import { existsSync, mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeSlack } from '../../src/local/fake-slack.js';
import { signedHeaders, slashCommandBody } from '../../src/slack/protocol.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { type BotProcess, freePort, spawnBot } from '../helpers/spawn.js';

const dataDir = () => mkdtempSync(join(tmpdir(), 'lights-out-local-main-'));
const URL_LINE = /^Lights Out is running in a local workspace: open http:\/\/localhost:(\d+)\n$/;

async function urlLine(bot: BotProcess, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (bot.stdout().includes('\n')) return bot.stdout();
    if (bot.child.exitCode !== null) throw new Error(`bot exited (${bot.child.exitCode}): ${bot.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no line from the bot: ${bot.stderr()}`);
}

/** Resolves true when something accepts a TCP connection at host:port. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function postCommand(port: number, as: string, text: string) {
  const res = await fetch(`http://localhost:${port}/local/api/command`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as, channel: 'C0LATE', text }),
  });
  return res.json() as Promise<{ ok: boolean; outcome: string }>;
}

async function stateOf(port: number, as: string) {
  const res = await fetch(`http://localhost:${port}/local/api/state?as=${as}`);
  return (await res.json()) as { messages: Array<{ text?: string; blocks?: unknown[]; visibleTo?: string }> };
}

describe('npm start without Slack tokens', () => {
  it('prints exactly one line, the URL to open, on PORT, bound to 127.0.0.1 only', async () => {
    const port = await freePort();
    const dir = dataDir();
    const bot = spawnBot({ env: { PORT: String(port), LOCAL_DATABASE_URL: join(dir, 'store', 'local.db') } });
    const stdout = await urlLine(bot);
    expect(stdout).toMatch(URL_LINE);
    expect(URL_LINE.exec(stdout)?.[1]).toBe(String(port));

    expect(await accepts('127.0.0.1', port)).toBe(true);
    const elsewhere = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && address.family === 'IPv4' && !address.internal)
      .map((address) => address?.address as string);
    for (const address of elsewhere) expect(await accepts(address, port), address).toBe(false);

    const page = await fetch(`http://localhost:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Lights Out — local workspace</title>');
    // The store is the local workspace's own, at LOCAL_DATABASE_URL.
    expect(existsSync(join(dir, 'store', 'local.db'))).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bot.stdout()).toMatch(URL_LINE); // still one line: the logs stay quiet locally

    // An open page does not hold up shutdown: its event stream is ended properly, not cut.
    const events = await fetch(`http://localhost:${port}/local/api/events`);
    const reader = (events.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('data: 0');
    bot.child.kill('SIGTERM');
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(await bot.exited).toBe(0);
  });

  it('answers a typed command through the real bot: /quote batson appears for everyone', async () => {
    const port = await freePort();
    const bot = spawnBot({ env: { PORT: String(port), LOCAL_DATABASE_URL: join(dataDir(), 'bot.db') } });
    await urlLine(bot);
    expect(await postCommand(port, 'U0ADA', '/quote batson')).toEqual({ ok: true, outcome: 'acked' });
    const seenByBen = await stateOf(port, 'U0BEN');
    expect(JSON.stringify(seenByBen.messages)).toContain('Batson');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });

  it('keeps what was logged across a restart (the store is LOCAL_DATABASE_URL)', async () => {
    const port = await freePort();
    const env = { PORT: String(port), LOCAL_DATABASE_URL: join(dataDir(), 'bot.db') };
    const first = spawnBot({ env });
    await urlLine(first);
    // Yesterday: today holds only the hours that have passed since 05:00, and this test runs at any hour.
    expect(await postCommand(port, 'U0CHEN', '/hours log 14 yesterday')).toEqual({ ok: true, outcome: 'acked' });
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = spawnBot({ env });
    await urlLine(second);
    expect(await postCommand(port, 'U0CHEN', '/hours day yesterday')).toEqual({ ok: true, outcome: 'acked' });
    const week = (await stateOf(port, 'U0CHEN')).messages.at(-1);
    expect(week?.visibleTo).toBe('U0CHEN');
    // Chen's Slack is Chinese: 14小时.
    expect(JSON.stringify(week)).toContain('14小时');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('--local runs the workspace even with Slack tokens set, and never calls the real Slack', async () => {
    const slack = new FakeSlack();
    await slack.start();
    try {
      const port = await freePort();
      const bot = spawnBot({
        env: {
          SLACK_BOT_TOKEN: 'xoxb-a-real-looking-token',
          SLACK_SIGNING_SECRET: 'a-real-looking-signing-secret',
          SLACK_API_URL: slack.apiUrl,
          PORT: String(port),
          LOCAL_DATABASE_URL: join(dataDir(), 'bot.db'),
        },
        args: ['--local'],
      });
      expect(await urlLine(bot)).toMatch(URL_LINE);
      expect(await postCommand(port, 'U0ADA', '/fact')).toEqual({ ok: true, outcome: 'acked' });
      expect(slack.calls).toEqual([]);
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
    } finally {
      await slack.stop();
    }
  });

  it('says clearly when PORT is taken', async () => {
    const port = await freePort();
    const blocker = spawnBot({ env: { PORT: String(port), LOCAL_DATABASE_URL: join(dataDir(), 'a.db') } });
    await urlLine(blocker);
    const bot = spawnBot({ env: { PORT: String(port), LOCAL_DATABASE_URL: join(dataDir(), 'b.db') } });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr()).toContain(`Port ${port} is already in use: stop the other process or set PORT.`);
    expect(bot.stdout()).not.toContain('open http');
    blocker.child.kill('SIGTERM');
    expect(await blocker.exited).toBe(0);
  });
});

describe('the local workspace never touches real data', () => {
  it('uses ./data/local.db by default and never opens DATABASE_URL', async () => {
    const cwd = dataDir();
    const production = join(dataDir(), 'prod', 'lights-out.db');
    const port = await freePort();
    const bot = spawnBot({ cwd, env: { PORT: String(port), DATABASE_URL: production } });
    await urlLine(bot);
    expect(await postCommand(port, 'U0ADA', '/hours log 2')).toEqual({ ok: true, outcome: 'acked' });
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(existsSync(production)).toBe(false);
    const local = new SqliteStore(join(cwd, 'data', 'local.db'));
    expect(await local.workspaceIds()).toEqual(['T0LIGHTS']);
    await local.close();
  });

  it('refuses, with exit code 2 and one message, a store that holds another workspace', async () => {
    const path = join(dataDir(), 'real.db');
    const real = new SqliteStore(path);
    await real.hours.addEntry(
      {
        teamId: 'T0REAL',
        userId: 'U0REAL',
        workDate: '2026-11-30',
        minutes: 600,
        note: null,
        loggedAt: new Date().toISOString(),
      },
      1440,
    );
    await real.close();
    const bot = spawnBot({ env: { PORT: String(await freePort()), LOCAL_DATABASE_URL: path } });
    expect(await bot.exited).toBe(2);
    expect(bot.stderr()).toBe(
      `The local workspace will not use LOCAL_DATABASE_URL (${path}): it holds data of another Slack workspace (T0REAL). Set LOCAL_DATABASE_URL to a file of its own, such as ./data/local.db.\n`,
    );
    expect(bot.stdout()).not.toContain('open http');
    const after = new SqliteStore(path);
    expect(await after.workspaceIds()).toEqual(['T0REAL']);
    await after.close();
  });

  it('signs with a fresh secret each start: a request signed with a guessable secret is refused', async () => {
    const port = await freePort();
    const bot = spawnBot({ env: { PORT: String(port), LOCAL_DATABASE_URL: join(dataDir(), 'bot.db') } });
    await urlLine(bot);
    const body = slashCommandBody({ command: '/hours', text: 'forget confirm', teamId: 'T0LIGHTS', userId: 'U0ADA' });
    for (const secret of ['local-workspace-signing-secret', '']) {
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        body,
        headers: signedHeaders(secret, body),
      });
      expect(res.status).toBe(401);
    }
    // The page's own requests, signed with this start's secret, still work.
    expect(await postCommand(port, 'U0ADA', '/hours help')).toEqual({ ok: true, outcome: 'acked' });
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });
});
