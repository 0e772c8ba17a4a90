import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { FakeSlack } from '../src/local/fake-slack.js';
import { eventually } from './helpers/eventually.js';
import { freePort, spawnBot } from './helpers/spawn.js';

const BOT_TOKEN = 'xoxb-socket-mode-test';
const APP_TOKEN = 'xapp-1-socket-mode-test';

/** Slack's side of Socket Mode: apps.connections.open on the fake Web API hands out this WebSocket. */
async function socketModeSlack() {
  const fake = new FakeSlack({ validTokens: [BOT_TOKEN, APP_TOKEN] });
  await fake.start();
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const received: Array<Record<string, unknown>> = [];
  let socket: WebSocket | undefined;
  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => received.push(JSON.parse(String(data)) as Record<string, unknown>));
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0LIGHTS' } }));
  });
  fake.answer('apps.connections.open', () => ({ url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link` }));
  return {
    fake,
    received,
    send: (message: unknown) => socket?.send(JSON.stringify(message)),
    connected: () => socket !== undefined,
    stop: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await fake.stop();
    },
  };
}

describe('Socket Mode', () => {
  it('connects with SLACK_APP_TOKEN, answers a slash command over the socket, serves /healthz, stops cleanly', async () => {
    const slack = await socketModeSlack();
    try {
      const port = await freePort();
      const bot = spawnBot({
        env: {
          SLACK_BOT_TOKEN: BOT_TOKEN,
          SLACK_APP_TOKEN: APP_TOKEN,
          SLACK_API_URL: slack.fake.apiUrl,
          PORT: String(port),
          DATABASE_URL: join(mkdtempSync(join(tmpdir(), 'lights-out-socket-')), 'bot.db'),
        },
      });
      await bot.healthy(`http://127.0.0.1:${port}`);
      await eventually(() => bot.stdout().includes('Lights Out is running') || undefined, 10_000, 'the connection');
      expect(slack.connected()).toBe(true);
      expect(slack.fake.callsTo('apps.connections.open')[0]?.token).toBe(APP_TOKEN);
      expect(bot.stdout()).toContain('"mode":"socket"');

      slack.send({
        envelope_id: 'env-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          token: 'x',
          team_id: 'T0LIGHTS',
          channel_id: 'C0LATE',
          user_id: 'U0ADA',
          command: '/quote',
          text: 'batson',
          api_app_id: 'A0LIGHTS',
          response_url: slack.fake.responseUrl('socket'),
          trigger_id: '1.2',
        },
      });
      const ack = await eventually(
        () => slack.received.find((message) => message.envelope_id === 'env-1'),
        10_000,
        'the ack over the socket',
      );
      expect(JSON.stringify(ack.payload)).toContain('— Josh Batson, Anthropic');
      expect(ack.payload).toMatchObject({ response_type: 'in_channel' });

      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
    } finally {
      await slack.stop();
    }
  });
});
