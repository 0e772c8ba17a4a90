import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSlack } from '../src/local/fake-slack.js';
import { signedHeaders, slashCommandBody } from '../src/slack/protocol.js';
import { median } from './load.js';
import { BOT_SCRIPT, rssMb, serve } from './proc.js';
import { BENCH_TEAM, benchUser, seedEntries } from './seed.js';

const SECRET = 'bench-signing-secret-0123456789';
const TOKEN = 'xoxb-bench-token';

export type FootprintRow = { target: string; readyMs: number; idleRssMb: number; loadedRssMb?: number };

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Time from spawn to the first /healthz 200, and RSS once idle, for the bot and the bare Bolt app, alternately.
 * Then the bot's RSS on a store of one million entries after every person asked for their week and month.
 */
export async function benchFootprint(options: { rounds: number; millionPath?: string }): Promise<FootprintRow[]> {
  const fake = new FakeSlack();
  await fake.start();
  const targets = [
    { name: 'Lights Out', script: BOT_SCRIPT },
    { name: 'bare Bolt + better-sqlite3', script: 'bench/bare-bolt.mjs' },
  ];
  const samples = new Map<string, { ready: number[]; rss: number[] }>();
  const env = (databaseUrl: string) => ({
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    DATABASE_URL: databaseUrl,
  });
  try {
    for (let round = 0; round < options.rounds; round++) {
      for (const target of targets) {
        const dir = mkdtempSync(join(tmpdir(), 'lights-out-footprint-'));
        const served = await serve(target.script, env(join(dir, 'idle.db')));
        await settle(1500);
        const pid = served.child.pid as number;
        const entry = samples.get(target.name) ?? { ready: [], rss: [] };
        entry.ready.push(served.readyMs);
        entry.rss.push(rssMb(pid));
        samples.set(target.name, entry);
        await served.stop();
      }
    }
    const rows: FootprintRow[] = targets.map((target) => {
      const entry = samples.get(target.name) ?? { ready: [], rss: [] };
      return { target: target.name, readyMs: median(entry.ready), idleRssMb: median(entry.rss) };
    });

    // One million entries across 1,000 people; every person asks for week and month once.
    const millionPath = options.millionPath ?? join(mkdtempSync(join(tmpdir(), 'lights-out-1m-')), 'million.db');
    if (!options.millionPath) seedEntries(millionPath, 1_000_000, 1000, new Date().toISOString().slice(0, 10));
    const served = await serve(BOT_SCRIPT, env(millionPath));
    for (let person = 0; person < 1000; person++) {
      fake.addUser({ id: benchUser(person), name: `p${person}`, tz: 'America/Los_Angeles' });
    }
    for (let person = 0; person < 1000; person++) {
      for (const text of ['week', 'month']) {
        const body = slashCommandBody({
          command: '/hours',
          text,
          userId: benchUser(person),
          teamId: BENCH_TEAM,
          responseUrl: fake.responseUrl(),
        });
        const res = await fetch(`${served.origin}/slack/events`, {
          method: 'POST',
          body,
          headers: signedHeaders(SECRET, body),
        });
        await res.text();
      }
    }
    await settle(1500);
    const bot = rows[0] as FootprintRow;
    bot.loadedRssMb = rssMb(served.child.pid as number);
    await served.stop();
    return rows;
  } finally {
    await fake.stop();
  }
}
