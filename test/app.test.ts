import { describe, expect, it } from 'vitest';
import type { Feature } from '../src/features/index.js';
import { onCommand } from '../src/slack/listen.js';
import { signedHeaders, slashCommandBody } from '../src/slack/protocol.js';
import { build, SIGNING_SECRET } from './helpers/build.js';
import { eventually } from './helpers/eventually.js';

/** A minimal feature for exercising the transport; real features have their own suites. */
function probeFeature(seen: string[]): Feature {
  return (app, { logger }) => {
    onCommand(app, logger, '/probe', async ({ command }, ack) => {
      seen.push(command.text);
      if (command.text === 'throw-early') throw new Error('boom before ack');
      if (command.text === 'throw-late') {
        await ack();
        throw new Error('boom after ack');
      }
      await ack({ response_type: 'ephemeral', text: `probe: ${command.text}` });
    });
  };
}

describe('the HTTP transport', () => {
  it('answers /healthz 200 while the store answers and 503 when it does not', async () => {
    const harness = await build({ features: [] });
    const ok = await fetch(`${harness.url}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok' });
    await harness.store.close();
    const down = await fetch(`${harness.url}/healthz`);
    expect(down.status).toBe(503);
  });

  it('answers a correctly signed slash command with 200 and the ack body', async () => {
    const seen: string[] = [];
    const harness = await build({ features: [probeFeature(seen)] });
    const result = await harness.command('/probe', 'hello');
    expect(result.status).toBe(200);
    expect(result.ack).toEqual({ response_type: 'ephemeral', text: 'probe: hello' });
    expect(seen).toEqual(['hello']);
  });

  it.each([
    ['a bad signature', (body: string) => ({ ...signedHeaders(SIGNING_SECRET, body), 'x-slack-signature': 'v0=00' })],
    ['the wrong secret', (body: string) => signedHeaders('another-secret', body)],
    [
      'no signature',
      (body: string) => {
        const { 'x-slack-signature': _omit, ...rest } = signedHeaders(SIGNING_SECRET, body);
        return rest;
      },
    ],
    ['no timestamp', () => ({ 'content-type': 'application/x-www-form-urlencoded', 'x-slack-signature': 'v0=1' })],
    ['a stale timestamp (6 min old)', (body: string) => signedHeaders(SIGNING_SECRET, body, nowSeconds() - 360)],
    ['a far-future timestamp', (body: string) => signedHeaders(SIGNING_SECRET, body, nowSeconds() + 3600)],
  ])('refuses %s with 401 and runs nothing', async (_name, headersFor) => {
    const seen: string[] = [];
    const harness = await build({ features: [probeFeature(seen)] });
    const body = slashCommandBody({ command: '/probe', text: 'sneaky' });
    const res = await harness.post(body, headersFor(body));
    expect(res.status).toBe(401);
    expect(seen).toEqual([]);
  });

  it('tells the user privately when a handler fails before acking, and logs it with context', async () => {
    const harness = await build({ features: [probeFeature([])] });
    const result = await harness.command('/probe', 'throw-early', { userId: 'U9' });
    expect(result.status).toBe(200);
    expect(result.ack).toMatchObject({ response_type: 'ephemeral' });
    expect(String(result.ack?.text)).toMatch(/could not finish \/probe.*error [0-9a-f]{8}/);
    const failure = harness.logs.records().find((record) => record.msg === '/probe failed');
    expect(failure).toMatchObject({ command: '/probe', userId: 'U9', level: 50 });
    expect(String(result.ack?.text)).toContain(String(failure?.errorId));
  });

  it('tells the user through response_url when a handler fails after acking', async () => {
    const harness = await build({ features: [probeFeature([])] });
    const result = await harness.command('/probe', 'throw-late');
    expect(result.status).toBe(200);
    const reply = await result.response();
    expect(reply.body).toMatchObject({ response_type: 'ephemeral' });
    expect(String(reply.body.text)).toContain('could not finish /probe');
  });

  it('checks signatures against the app clock, so an injected past clock works end to end', async () => {
    const seen: string[] = [];
    const past = new Date('2026-03-08T09:30:00Z');
    const harness = await build({ features: [probeFeature(seen)], now: () => past });
    const result = await harness.command('/probe', 'from the past');
    expect(result.status).toBe(200);
    // The same request signed at the real clock is, from the app's point of view, months in the future.
    const late = await harness.command('/probe', 'from now', { timestamp: nowSeconds() });
    expect(late.status).toBe(401);
    expect(seen).toEqual(['from the past']);
  });

  it('refuses bodies over 1 MB with 413 before verifying anything', async () => {
    const seen: string[] = [];
    const harness = await build({ features: [probeFeature(seen)] });
    const body = slashCommandBody({ command: '/probe', text: 'x'.repeat(1024 * 1024) });
    const res = await harness.post(body, signedHeaders(SIGNING_SECRET, body));
    expect(res.status).toBe(413);
    expect(seen).toEqual([]);
  });

  it('answers a slash command it does not know privately instead of letting Slack time out', async () => {
    const harness = await build({ features: [probeFeature([])] });
    const result = await harness.command('/unknown', 'x');
    expect(result.status).toBe(200);
    expect(result.ack).toMatchObject({ response_type: 'ephemeral' });
    expect(String(result.ack?.text)).toContain('does not know /unknown');
    expect(harness.logs.records().some((record) => record.command === '/unknown' && record.level === 40)).toBe(true);
  });

  it('acknowledges a button it does not know, so Slack shows no error', async () => {
    const harness = await build({ features: [probeFeature([])] });
    const result = await harness.action({ actionId: 'from_an_old_message', value: 'x' });
    expect(result.status).toBe(200);
    expect(harness.logs.records().some((record) => record.action === 'from_an_old_message')).toBe(true);
  });

  it('answers unknown paths with 404', async () => {
    const harness = await build({ features: [] });
    expect((await fetch(`${harness.url}/nope`)).status).toBe(404);
  });
});

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

describe('lifecycle events', () => {
  it('logs a clear warning when the app is uninstalled', async () => {
    const harness = await build();
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: 'T0LIGHTS',
      api_app_id: 'A0LIGHTS',
      event: { type: 'app_uninstalled', event_ts: '1.0' },
      event_id: 'Ev1',
      event_time: 1,
    });
    const res = await harness.post(body, {
      ...signedHeaders(SIGNING_SECRET, body),
      'content-type': 'application/json',
    });
    expect(res.status).toBe(200);
    const line = await eventually(
      () => harness.logs.records().find((record) => String(record.msg).startsWith('Lights Out was uninstalled')),
      2000,
      'the uninstall log line',
    );
    expect(line).toMatchObject({ level: 40, teamId: 'T0LIGHTS' });
  });
});
