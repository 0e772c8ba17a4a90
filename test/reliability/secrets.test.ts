import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeSlack } from '../../src/local/fake-slack.js';
import { signedHeaders, slashCommandBody } from '../../src/slack/protocol.js';
import { freePort, spawnBot } from '../helpers/spawn.js';

// Shaped like real credentials, so a leak in any form (whole, or the distinctive middle) is caught.
// Assembled at run time so the source holds nothing a secret scanner would take for a real token.
const BOT_TOKEN = ['xoxb', '112233445566', '778899001122', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('-');
const SIGNING_SECRET = '8f2d6c1e0b9a4f7d3c5e1a2b6d8f0c4e';

describe('secrets never reach the logs', () => {
  it('a full run at debug level logs no token or signing secret', async () => {
    const fake = new FakeSlack({ validTokens: [BOT_TOKEN] });
    await fake.start();
    try {
      const port = await freePort();
      const bot = spawnBot({
        env: {
          SLACK_BOT_TOKEN: BOT_TOKEN,
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: fake.apiUrl,
          PORT: String(port),
          DATABASE_URL: join(mkdtempSync(join(tmpdir(), 'lights-out-secrets-')), 'bot.db'),
          LOG_LEVEL: 'debug',
        },
      });
      const url = `http://127.0.0.1:${port}`;
      await bot.healthy(url);
      const commands: Array<[string, string]> = [
        ['/quote', 'batson'],
        ['/fact', ''],
        ['/hours', 'log 3'],
        ['/hours', 'week'],
        ['/nudge', 'status'],
      ];
      for (const [command, text] of commands) {
        const body = slashCommandBody({ command, text, responseUrl: fake.responseUrl() });
        const res = await fetch(`${url}/slack/events`, {
          method: 'POST',
          body,
          headers: signedHeaders(SIGNING_SECRET, body),
        });
        expect(res.status).toBe(200);
      }
      // A refused request logs too.
      await fetch(`${url}/slack/events`, { method: 'POST', body: 'x', headers: signedHeaders('wrong', 'x') });
      await new Promise((resolve) => setTimeout(resolve, 300));
      bot.child.kill('SIGTERM');
      await bot.exited;

      const output = bot.stdout() + bot.stderr();
      expect(output.split('\n').filter(Boolean).length).toBeGreaterThan(5); // debug logging did run
      for (const secret of [
        BOT_TOKEN,
        BOT_TOKEN.slice(5),
        '778899001122-AbCdEf',
        SIGNING_SECRET,
        SIGNING_SECRET.slice(4, 24),
      ]) {
        expect(output).not.toContain(secret);
      }
    } finally {
      await fake.stop();
    }
  });
});
