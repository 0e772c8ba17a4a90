import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { FakeSlack } from '../../src/local/fake-slack.js';
import { signedHeaders, slashCommandBody } from '../../src/slack/protocol.js';
import { BOT_TOKEN } from '../helpers/build.js';
import { type BotProcess, freePort, spawnBot } from '../helpers/spawn.js';

/**
 * Several real bot processes (the built entry) on one Postgres database and one fake Slack: any replica answers
 * any command, and a night of nudges fanned out across three replicas, one of them killed with SIGKILL while its
 * posts are in flight, still sends every owed nudge, once (twice at most for a post that was in flight, the
 * documented bound). Registered only when TEST_DATABASE_URL is set, like the store contract suite.
 */
const baseUrl = process.env.TEST_DATABASE_URL;
const TEAM = 'T0LIGHTS';
const SECRET = 'replicas-test-signing-secret';
/** NUDGE_CHANNEL on a three-second schedule: it makes every replica tick every three seconds, not every minute. */
const ENV_CHANNEL = 'C0TICKER';
const MINUTE = 60_000;

/** The URL of database `name` on the server of `base` (a child process cannot be handed a schema otherwise). */
export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

describe('the URL a replica is given', () => {
  it('names the fresh database on the same server, keeping user, host and query', () => {
    expect(databaseUrl('postgres://postgres@127.0.0.1:5432/test?sslmode=disable', 'lo_x')).toBe(
      'postgres://postgres@127.0.0.1:5432/lo_x?sslmode=disable',
    );
  });
});

/** A database of its own for one test, dropped afterwards (with any connection a killed replica left). */
async function freshDatabase(base: string): Promise<{ url: string; query: <R>(sql: string) => Promise<R[]> }> {
  const name = `lo_replicas_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = databaseUrl(base, name);
  const reader = new pg.Pool({ connectionString: url, max: 1 });
  onTestFinished(async () => {
    await reader.end();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
  return { url, query: async <R>(sql: string) => (await reader.query(sql)).rows as R[] };
}

type Replica = { bot: BotProcess; url: string };

async function startReplicas(count: number, fake: FakeSlack, databaseUrl: string, extra: Record<string, string>) {
  const replicas: Replica[] = [];
  // One after another: the first migrates, the rest find the schema ready (they would wait on the lock anyway).
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    const bot = spawnBot({
      entry: 'built',
      env: {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        NUDGE_TZ: 'UTC',
        ...extra,
      },
    });
    const url = `http://127.0.0.1:${port}`;
    await bot.healthy(url, 30_000);
    replicas.push({ bot, url });
  }
  return replicas;
}

/** A signed slash command to one replica; the reply text, from the ack or from the response_url. */
async function command(
  fake: FakeSlack,
  replica: Replica,
  input: { command: string; text: string; userId: string; channelId?: string },
): Promise<string> {
  const responseId = `r${randomBytes(4).toString('hex')}`;
  const body = slashCommandBody({ ...input, teamId: TEAM, responseUrl: fake.responseUrl(responseId) });
  const res = await fetch(`${replica.url}/slack/events`, {
    method: 'POST',
    body,
    headers: signedHeaders(SECRET, body),
  });
  expect(res.status, `${input.command} ${input.text}`).toBe(200);
  const ack = await res.text();
  if (ack.trim() !== '') {
    const text = (JSON.parse(ack) as { text?: string }).text;
    if (text) return text;
  }
  return String((await fake.waitForResponse(responseId, 10_000)).body.text ?? '');
}

if (baseUrl) {
  describe('replicas on one Postgres database', () => {
    it('two replicas: /hours logs spread across them, the same totals from each', { timeout: 90_000 }, async () => {
      const fake = new FakeSlack({ teamId: TEAM });
      await fake.start();
      onTestFinished(() => fake.stop());
      const db = await freshDatabase(baseUrl);
      const users = ['U0R1', 'U0R2', 'U0R3', 'U0R4'];
      for (const id of users) fake.addUser({ id, name: id.toLowerCase(), tz: 'UTC' });
      const replicas = await startReplicas(2, fake, db.url, {});

      // Each person's logs go to alternating replicas, in parallel across people.
      await Promise.all(
        users.map(async (userId, u) => {
          for (let i = 0; i < 4; i++) {
            const replica = replicas[(u + i) % 2] as Replica;
            await command(fake, replica, { command: '/hours', text: `log ${u + 1} replica-note-${i}`, userId });
          }
        }),
      );
      for (const [u, userId] of users.entries()) {
        const weeks = await Promise.all(
          replicas.map((r) => command(fake, r, { command: '/hours', text: 'week', userId })),
        );
        expect(new Set(weeks).size, `${userId}'s week reads the same from every replica`).toBe(1);
        expect(weeks[0]).toContain(String(4 * (u + 1)));
      }
      const [row] = await db.query<{ n: number; minutes: number }>(
        'SELECT COUNT(*)::int AS n, SUM(minutes)::int AS minutes FROM hours_entries',
      );
      expect(row).toEqual({ n: 16, minutes: 4 * 60 * (1 + 2 + 3 + 4) });
      for (const { bot } of replicas) bot.child.kill('SIGTERM');
      for (const { bot } of replicas) expect(await bot.exited).toBe(0);
    });
  });
}
