import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { FakeSlack } from '../src/local/fake-slack.js';
import { signedHeaders, slashCommandBody } from '../src/slack/protocol.js';
import { freePort, spawnBot } from './helpers/spawn.js';

const TOKEN = 'xoxb-metrics-main-token';
const SECRET = 'metrics-main-signing-secret-123';

describe('METRICS_PORT in the config', () => {
  const env = { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET };

  it('is off when unset or blank, a port number when set', () => {
    expect(loadConfig(env).metricsPort).toBeUndefined();
    expect(loadConfig({ ...env, METRICS_PORT: '  ' }).metricsPort).toBeUndefined();
    expect(loadConfig({ ...env, METRICS_PORT: '9464' }).metricsPort).toBe(9464);
  });

  it.each([
    ['not a number', { METRICS_PORT: 'nine' }],
    ['out of range', { METRICS_PORT: '70000' }],
    ['the public port', { PORT: '8080', METRICS_PORT: '8080' }],
  ])('refuses a METRICS_PORT that is %s', (_name, extra) => {
    expect(() => loadConfig({ ...env, ...extra })).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, ...extra })).toThrow(/METRICS_PORT/);
  });
});

describe('src/main.ts with METRICS_PORT', () => {
  it('serves /metrics on its own port only, with process metrics and counted acks', async () => {
    const fake = new FakeSlack({ validTokens: [TOKEN] });
    await fake.start();
    onTestFinished(() => fake.stop());
    const [port, metricsPort] = [await freePort(), await freePort()];
    const bot = spawnBot({
      env: {
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: String(port),
        METRICS_PORT: String(metricsPort),
        DATABASE_URL: join(mkdtempSync(join(tmpdir(), 'lights-out-metrics-')), 'bot.db'),
      },
    });
    const url = `http://127.0.0.1:${port}`;
    await bot.healthy(url);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const body = slashCommandBody({ command: '/hours', text: 'help' });
    expect(
      (await fetch(`${url}/slack/events`, { method: 'POST', body, headers: signedHeaders(SECRET, body) })).status,
    ).toBe(200);

    expect((await fetch(`${url}/metrics`)).status).toBe(404);
    const scrape = async () => (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    // The ack is counted once its response has been handed to the OS: poll rather than race it.
    let scraped = await scrape();
    for (let i = 0; i < 100 && !scraped.includes('lightsout_ack_latency_seconds_count{kind="command"} 1'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      scraped = await scrape();
    }
    expect(scraped).toMatch(/^lightsout_ack_latency_seconds_count\{kind="command"\} 1$/m);
    expect(scraped).toMatch(/^lightsout_slack_api_calls_total\{method="auth\.test",status="200"\} 1$/m);
    expect(scraped).toContain('process_resident_memory_bytes');

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });
});
