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
function databaseUrl(base: string, name: string): string {
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
  reader.on('error', () => undefined); // DROP … WITH (FORCE) ends whatever is still connected
  onTestFinished(async () => {
    await reader.end();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
  return { url, query: async <R>(sql: string) => (await reader.query(sql)).rows as R[] };
}

type Replica = { bot: BotProcess; url: string };

async function startReplicas(
  count: number,
  fake: FakeSlack,
  databaseUrl: string,
  extra: (index: number) => Record<string, string>,
) {
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
        ...extra(i),
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
      const replicas = await startReplicas(2, fake, db.url, () => ({}));

      // Each person's logs go to alternating replicas, in parallel across people.
      await Promise.all(
        users.map(async (userId, u) => {
          for (let i = 0; i < 4; i++) {
            const replica = replicas[(u + i) % 2] as Replica;
            await command(fake, replica, {
              command: '/hours',
              text: `log ${u + 1} yesterday replica-note-${i}`,
              userId,
            });
          }
        }),
      );
      for (const [u, userId] of users.entries()) {
        const weeks = await Promise.all(
          replicas.map((r) => command(fake, r, { command: '/hours', text: 'day yesterday', userId })),
        );
        // Yesterday: on this real clock, today may hold only minutes yet (the work day starts at 05:00).
        expect(new Set(weeks).size, `${userId}'s day reads the same from every replica`).toBe(1);
        expect(weeks[0]).toContain(String(4 * (u + 1)));
      }
      const [row] = await db.query<{ n: number; minutes: number }>(
        'SELECT COUNT(*)::int AS n, SUM(minutes)::int AS minutes FROM hours_entries',
      );
      expect(row).toEqual({ n: 16, minutes: 4 * 60 * (1 + 2 + 3 + 4) });
      for (const { bot } of replicas) bot.child.kill('SIGTERM');
      for (const { bot } of replicas) expect(await bot.exited).toBe(0);
    });

    it('three replicas, a night of channel and personal nudges, one killed mid fan-out: each owed nudge sent, once unless in flight', {
      timeout: 360_000,
    }, async () => {
      const fake = new FakeSlack({ teamId: TEAM });
      await fake.start();
      onTestFinished(() => fake.stop());
      const db = await freshDatabase(baseUrl);
      const channels = Array.from({ length: 20 }, (_, i) => `C0N${String(i).padStart(2, '0')}`);
      const people = Array.from({ length: 40 }, (_, i) => `U0P${String(i).padStart(2, '0')}`);
      for (const id of channels) fake.addChannel(id, id.toLowerCase());
      for (const id of people) fake.addUser({ id, name: id.toLowerCase(), tz: 'UTC' });
      const targets = new Set([...channels, ...people.map((id) => fake.dmId(id))]);

      // Each replica has its own token, so the fake knows who posts. Every post reaches Slack when it arrives.
      // The victim's posts to tonight's targets are never answered (it is killed with them in flight); the
      // survivors' answers wait until the victim has claimed and posted, at most 5 s (under the 10 s timeout).
      const tokens = ['xoxb-replica-victim', 'xoxb-replica-two', 'xoxb-replica-three'];
      const posts: Array<{ channel: string; token: string | undefined }> = [];
      const victimPosts = () => posts.filter((p) => p.token === tokens[0] && targets.has(p.channel));
      fake.answer('chat.postMessage', async (args, call) => {
        const channel = String(args.channel);
        posts.push({ channel, token: call.token });
        if (targets.has(channel)) {
          if (call.token === tokens[0]) await new Promise(() => undefined);
          const until = Date.now() + 5000;
          while (victimPosts().length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
        }
        return { channel, ts: `${Math.floor(Date.now() / 1000)}.${String(posts.length).padStart(6, '0')}` };
      });

      const replicas = await startReplicas(3, fake, db.url, (i) => ({
        SLACK_BOT_TOKEN: tokens[i] as string,
        NUDGE_CHANNEL: ENV_CHANNEL,
        NUDGE_SCHEDULE: '*/3 * * * * *',
      }));
      // Tonight's slot: a whole minute at least 45 s away, so every command lands before it.
      const slot = new Date(Math.ceil((Date.now() + 45_000) / MINUTE) * MINUTE);
      const hhmm = slot.toISOString().slice(11, 16);
      const commands = [
        ...channels.map((channelId) => ({ command: '/nudge', text: `here ${hhmm} UTC`, userId: 'U0P00', channelId })),
        ...people.flatMap((userId) => [
          { command: '/nudge', text: `me on ${hhmm}`, userId, channelId: fake.dmId(userId) },
          { command: '/nudge', text: 'me weekends on', userId, channelId: fake.dmId(userId) },
        ]),
      ];
      // Spread over the replicas, a few at a time; a person's two commands go in order.
      for (let i = 0; i < commands.length; i += 6) {
        await Promise.all(
          commands
            .slice(i, i + 6)
            .map((input, j) => command(fake, replicas[(i + j) % replicas.length] as Replica, input)),
        );
      }
      expect(Date.now(), 'the commands were all in before the slot').toBeLessThan(slot.getTime());
      const [enabled] = await db.query<{ channels: number; people: number }>(
        `SELECT (SELECT COUNT(*)::int FROM nudge_channels) AS channels,
                (SELECT COUNT(*)::int FROM nudge_people) AS people`,
      );
      expect(enabled).toEqual({ channels: 20, people: 40 });

      // The fan-out: 60 deliveries, more than two replicas claim at once (24 each), so the victim holds some.
      await fake.waitUntil(
        () => (victimPosts().length >= 3 ? true : undefined),
        slot.getTime() - Date.now() + 60_000,
        'the victim to have posts in flight',
      );
      const [victim, ...survivors] = replicas as [Replica, ...Replica[]];
      victim.bot.child.kill('SIGKILL');
      expect(await victim.bot.exited).toBe('SIGKILL');
      const inFlight = new Set(victimPosts().map((p) => p.channel));

      type Row = {
        key: string;
        kind: string;
        owner: string | null;
        status: string;
        attempts: number;
        reclaims: number;
        target_id: string;
      };
      const ledger = () =>
        db.query<Row>(
          `SELECT key, kind, owner, status, attempts, reclaims, target_id FROM nudge_deliveries
           WHERE target_id <> '${ENV_CHANNEL}' ORDER BY key`,
        );
      const channelOf = (row: Row) => (row.kind === 'person' ? fake.dmId(row.target_id) : row.target_id);
      const atKill = await ledger();
      const victimOwner = atKill.find((row) => inFlight.has(channelOf(row)))?.owner;
      expect(victimOwner).toBeTruthy();
      const victimKeys = atKill
        .filter((row) => row.owner === victimOwner && ['claimed', 'sending'].includes(row.status))
        .map((row) => row.key);
      const victimSending = atKill
        .filter((row) => row.owner === victimOwner && row.status === 'sending')
        .map((row) => row.key);

      // The survivors finish theirs, and take over the killed one's after its lease (2 min, on the DB clock).
      const deadline = Date.now() + 240_000;
      let rows = await ledger();
      while (rows.length < 60 || rows.some((row) => row.status !== 'sent')) {
        if (Date.now() > deadline) {
          throw new Error(`not all sent: ${JSON.stringify(rows.filter((r) => r.status !== 'sent'))}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
        rows = await ledger();
      }

      // One row per owed nudge, every one sent: none lost.
      expect(rows).toHaveLength(60);
      expect(new Set(rows.map((row) => row.target_id))).toEqual(new Set([...channels, ...people]));
      // Exactly the killed replica's claims were taken over. Everyone else's nudge arrived once. The victim's
      // arrived once, or twice where its post was in flight; the ledger counts every post that may have landed
      // (a post between markSending and the wire counts too), never fewer than arrived, never more than two.
      // A takeover of a row mid-send counts in `reclaims`; the victim's unstarted claims simply changed hands.
      expect(rows.filter((row) => row.reclaims > 0).map((row) => row.key)).toEqual(victimSending);
      for (const row of rows.filter((r) => victimKeys.includes(r.key))) expect(row.owner).not.toBe(victimOwner);
      for (const row of rows) {
        const arrived = posts.filter((p) => p.channel === channelOf(row)).length;
        if (!victimKeys.includes(row.key)) {
          expect({ arrived, attempts: row.attempts }, row.key).toEqual({ arrived: 1, attempts: 1 });
          continue;
        }
        expect(arrived, row.key).toBe(inFlight.has(channelOf(row)) ? 2 : 1);
        expect(row.attempts, row.key).toBeGreaterThanOrEqual(arrived);
        expect(row.attempts, row.key).toBeLessThanOrEqual(2);
      }
      expect(victimKeys.length).toBeGreaterThanOrEqual(inFlight.size);
      // The fan-out was shared: the survivors each sent some of tonight's nudges.
      for (const token of tokens.slice(1)) {
        expect(posts.filter((p) => p.token === token && targets.has(p.channel)).length, token).toBeGreaterThan(0);
      }

      for (const { bot } of survivors) bot.child.kill('SIGTERM');
      for (const { bot } of survivors) expect(await bot.exited).toBe(0);
      const envRows = await db.query<{ attempts: number }>(
        `SELECT attempts FROM nudge_deliveries WHERE target_id = '${ENV_CHANNEL}'`,
      );
      expect(Math.max(...envRows.map((row) => row.attempts))).toBeLessThanOrEqual(2);
    });
  });
}
