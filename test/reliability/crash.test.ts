import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/hours/calendar.js';
import { FakeSlack } from '../../src/local/fake-slack.js';
import { signedHeaders, slashCommandBody } from '../../src/slack/protocol.js';
import { seeded } from '../helpers/seeded.js';
import { freePort, spawnBot } from '../helpers/spawn.js';

const TOKEN = 'xoxb-crash-test';

const SECRET = 'crash-test-signing-secret-0123';
const USER = 'UCRASH';

describe('crash durability', () => {
  it('keeps every acknowledged /hours log across kill -9, and doubles nothing', async () => {
    const fake = new FakeSlack({ validTokens: [TOKEN] });
    fake.addUser({ id: USER, name: 'crash', tz: 'Europe/London' });
    await fake.start();
    const databasePath = join(mkdtempSync(join(tmpdir(), 'lights-out-crash-')), 'crash.db');
    const env = () => ({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      DATABASE_URL: databasePath,
      LOG_LEVEL: 'warn',
    });
    try {
      const port = await freePort();
      const bot = spawnBot({ entry: 'built', env: { ...env(), PORT: String(port) } });
      const url = `http://127.0.0.1:${port}`;
      await bot.healthy(url);

      // 300 logs of one hour on distinct notes, five per day, so no day reaches the 24 h cap.
      const today = new Date().toISOString().slice(0, 10);
      const acknowledged = new Set<string>();
      const send = async (i: number) => {
        const note = `crash-note-${i}`;
        const responseId = `crash${i}`;
        const body = slashCommandBody({
          command: '/hours',
          text: `log 1 ${addDays(today, -2 - Math.floor(i / 5))} ${note}`,
          userId: USER,
          responseUrl: fake.responseUrl(responseId),
        });
        try {
          const res = await fetch(`${url}/slack/events`, {
            method: 'POST',
            body,
            headers: signedHeaders(SECRET, body),
          });
          const text = await res.text();
          // The confirmation came in the ack itself, or later on the response_url.
          if (res.status === 200 && text.includes(note)) acknowledged.add(note);
          else if (res.status === 200) {
            const reply = await fake.waitForResponse(responseId, 2000).catch(() => undefined);
            if (reply && JSON.stringify(reply.body).includes(note)) acknowledged.add(note);
          }
        } catch {
          // the process died mid-request: not acknowledged
        }
      };
      // Kill once a seeded number of logs were acknowledged (an event, not a moment), with requests in flight.
      const seed = Number(process.env.CRASH_SEED ?? 20261201);
      const killAfter = 20 + Math.floor(seeded(seed)() * 200);
      let next = 0;
      let killed = false;
      const worker = async () => {
        while (next < 300) {
          if (!killed && acknowledged.size >= killAfter) {
            killed = true;
            bot.child.kill('SIGKILL');
          }
          await send(next++);
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      await bot.exited;

      // Restart on the same store: it opens, migrates (nothing to do) and serves.
      const restartPort = await freePort();
      const restarted = spawnBot({ entry: 'built', env: { ...env(), PORT: String(restartPort) } });
      await restarted.healthy(`http://127.0.0.1:${restartPort}`);

      const db = new Database(databasePath, { readonly: true });
      const rows = db.prepare('SELECT note FROM hours_entries WHERE user_id = ?').all(USER) as Array<{ note: string }>;
      db.close();
      const stored = rows.map((row) => row.note);
      expect(new Set(stored).size, 'no entry is doubled').toBe(stored.length);
      for (const note of acknowledged) expect(stored, `${note} was acknowledged`).toContain(note);
      expect(killed, `seed ${seed} (CRASH_SEED replays it)`).toBe(true);
      expect(acknowledged.size, 'the kill happened mid-run, after the chosen number of logs').toBeGreaterThanOrEqual(
        killAfter,
      );
      expect(acknowledged.size).toBeLessThan(300);
      restarted.child.kill('SIGTERM');
      expect(await restarted.exited).toBe(0);
    } finally {
      await fake.stop();
    }
  });
});
