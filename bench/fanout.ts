import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSlack } from '../src/local/fake-slack.js';
import { signedHeaders, slashCommandBody } from '../src/slack/protocol.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { Store } from '../src/store/types.js';
import { percentile } from './load.js';
import { BOT_SCRIPT, type Served, serve } from './proc.js';
import { RateLimiter } from './rate-limiter.js';
import { BENCH_TEAM, benchUser } from './seed.js';

const SECRET = 'bench-signing-secret-0123456789';
const TOKEN = 'xoxb-bench-token';

/** Where the bots keep their data: DATABASE_URL for them, and a store to seed it through. */
export type FanoutDatabase = { url: string; open: () => Promise<Store> };

export type FanoutRow = {
  people: number;
  workspacePerSecond: number;
  seconds: number;
  floorSeconds: number;
  delivered: number;
  lost: number;
  duplicated: number;
  rateLimited: number;
  ackP50ms: number;
  ackP99ms: number;
  acks: number;
};

/**
 * `people` personal nudges all due in the same minute, against the fake Slack behind Slack-like limits (1 post
 * per second per channel, a workspace-wide cap, 429 + Retry-After). Meanwhile /quote is sent every 20 ms and
 * its ack latency measured. The floor is what the workspace cap allows: people / cap seconds.
 */
export async function benchFanout(options: {
  people: number;
  workspacePerSecond: number;
  /** Another database (a fresh Postgres one); default an SQLite file in a temporary folder. */
  database?: FanoutDatabase;
  /** Bot processes sharing the database and the fan-out (default 1). */
  replicas?: number;
}): Promise<FanoutRow> {
  const fake = new FakeSlack({ teamId: BENCH_TEAM });
  await fake.start();
  const limiter = new RateLimiter(fake.apiUrl, {
    perChannelPerSecond: 1,
    workspacePerSecond: options.workspacePerSecond,
  });
  const apiUrl = await limiter.start();
  const databasePath = join(mkdtempSync(join(tmpdir(), 'lights-out-fanout-')), 'fanout.db');
  const database = options.database ?? { url: databasePath, open: async () => new SqliteStore(databasePath) };

  // Everyone's nudge is the minute that just passed (UTC), set up an hour ago: due now, inside the grace window.
  const now = new Date();
  const due = new Date(now.getTime() - 60_000);
  const time = `${String(due.getUTCHours()).padStart(2, '0')}:${String(due.getUTCMinutes()).padStart(2, '0')}`;
  const setUpAt = new Date(now.getTime() - 3_600_000).toISOString();
  const store = await database.open();
  for (let i = 0; i < options.people; i++) {
    const person = { teamId: BENCH_TEAM, userId: benchUser(i) };
    await store.people.setTimezoneOverride(person, 'UTC');
    await store.nudges.savePerson({
      ...person,
      enabled: true,
      time,
      weekends: true,
      resumeOn: null,
      offReason: null,
      updatedAt: setUpAt,
    });
  }
  await store.close();

  const posts = () => fake.callsTo('chat.postMessage');
  const env = {
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: apiUrl,
    DATABASE_URL: database.url,
    NUDGE_TZ: 'UTC',
  };
  // Started together, as a deployment's replicas would be; /quote goes to the first.
  const replicas = await Promise.all(Array.from({ length: options.replicas ?? 1 }, () => serve(BOT_SCRIPT, env)));
  const served = replicas[0] as Served;
  const ackLatencies: number[] = [];
  let firstPostAt: number | undefined;
  let lastPostAt = 0;
  fake.on('call', (call: { method: string; at: number }) => {
    if (call.method !== 'chat.postMessage') return;
    firstPostAt ??= performance.now();
    lastPostAt = performance.now();
  });
  try {
    const deadline = performance.now() + Math.max(60_000, (options.people / options.workspacePerSecond) * 3000);
    while (posts().length < options.people && performance.now() < deadline) {
      const body = slashCommandBody({
        command: '/quote',
        text: '',
        teamId: BENCH_TEAM,
        responseUrl: fake.responseUrl(),
      });
      const t0 = performance.now();
      const res = await fetch(`${served.origin}/slack/events`, {
        method: 'POST',
        body,
        headers: signedHeaders(SECRET, body),
      });
      await res.text();
      if (firstPostAt !== undefined) ackLatencies.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Anything still arriving after the last expected post would be a duplicate: wait a little for it.
    await new Promise((resolve) => setTimeout(resolve, 2000));
  } finally {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await limiter.stop();
    await fake.stop();
  }
  const channels = posts().map((call) => String(call.args.channel));
  const unique = new Set(channels);
  ackLatencies.sort((a, b) => a - b);
  return {
    people: options.people,
    workspacePerSecond: options.workspacePerSecond,
    seconds: ((lastPostAt || performance.now()) - (firstPostAt ?? performance.now())) / 1000,
    floorSeconds: options.people / options.workspacePerSecond,
    delivered: unique.size,
    lost: options.people - unique.size,
    duplicated: channels.length - unique.size,
    rateLimited: limiter.rejected.channel + limiter.rejected.workspace,
    ackP50ms: percentile(ackLatencies, 50),
    ackP99ms: percentile(ackLatencies, 99),
    acks: ackLatencies.length,
  };
}
