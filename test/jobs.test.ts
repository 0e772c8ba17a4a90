import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startJobs } from '../src/jobs.js';
import { FakeSlack } from '../src/local/fake-slack.js';
import { createWebClient } from '../src/slack/web-client.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { BOT_TOKEN, build } from './helpers/build.js';
import { freePort, spawnBot } from './helpers/spawn.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startJobs (real node-cron, real clock)', () => {
  it('fires a 6-field NUDGE_SCHEDULE on time, once per slot, and stops cleanly', async () => {
    const h = await build({ env: { NUDGE_CHANNEL: 'C0FAST', NUDGE_SCHEDULE: '* * * * * *', NUDGE_TZ: 'UTC' } });
    const jobs = startJobs(h.deps, createWebClient(BOT_TOKEN, h.fake.apiUrl, h.logs.logger, 'background'), {
      botId: h.fake.botId,
      botUserId: h.fake.botUserId,
      teamId: h.fake.teamId,
    });
    onTestFinished(() => jobs.stop());
    await h.fake.waitUntil(
      () => (h.fake.messages.filter((message) => message.channel === 'C0FAST').length >= 2 ? true : undefined),
      6000,
      'two nudges',
    );
    await jobs.stop();
    const sent = h.fake.messages.filter((message) => message.channel === 'C0FAST').length;
    const rows = h.store.handle
      .prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT slot_at) AS slots FROM nudge_deliveries WHERE status = 'sent'")
      .get() as { n: number; slots: number };
    expect(rows).toEqual({ n: sent, slots: sent });
    await sleep(1500);
    expect(h.fake.messages.filter((message) => message.channel === 'C0FAST')).toHaveLength(sent);
  });

  it('sends a channel or a person nudge on demand', async () => {
    const h = await build({ env: { NUDGE_TZ: 'Europe/London' } });
    const jobs = startJobs(
      h.deps,
      createWebClient(BOT_TOKEN, h.fake.apiUrl, h.logs.logger, 'background'),
      { botId: h.fake.botId, botUserId: h.fake.botUserId, teamId: h.fake.teamId },
      { cron: false, catchUp: false },
    );
    onTestFinished(() => jobs.stop());
    await jobs.nudgeChannelNow(h.fake.teamId, 'C0NOW');
    await jobs.nudgePersonNow(h.fake.teamId, 'U0NOW');
    expect(h.fake.messages.map((message) => message.channel)).toEqual(['C0NOW', 'D0NOW']);
    expect(JSON.stringify(h.fake.messages[1]?.blocks)).toContain('Europe/London');
    h.fake.fail('chat.postMessage', { kind: 'slack_error', error: 'not_in_channel' }, 1);
    await expect(jobs.nudgeChannelNow(h.fake.teamId, 'C0OUT')).rejects.toThrow(/not_in_channel/);
  });
});

describe('work that runs on one process at a time', () => {
  it('the directory sync and the pruning run once across processes sharing a store, under leases', async () => {
    const h = await build({ env: { NUDGE_TZ: 'UTC' } });
    h.fake.addUser({ id: 'U0ZONE', name: 'zone', tz: 'Asia/Tokyo' });
    // Someone who uses Lights Out (the sync refreshes only them), last seen in another zone.
    await h.store.people.saveSlackTimezone(
      { teamId: h.fake.teamId, userId: 'U0ZONE' },
      'Europe/London',
      '2026-01-01T00:00:00Z',
    );
    const identity = { botId: h.fake.botId, botUserId: h.fake.botUserId, teamId: h.fake.teamId };
    const client = createWebClient(BOT_TOKEN, h.fake.apiUrl, h.logs.logger, 'background');
    const options = { cron: false, catchUp: false, singletonCheckMs: 20 };
    const processes = [startJobs(h.deps, client, identity, options), startJobs(h.deps, client, identity, options)];
    onTestFinished(async () => {
      await Promise.all(processes.map((jobs) => jobs.stop()));
    });
    await h.fake.waitForCalls('users.list', 1);
    // Many checks later, still one sync: whoever holds the lease keeps it for the sync interval.
    await sleep(300);
    expect(h.fake.callsTo('users.list')).toHaveLength(1);
    expect(await h.store.people.getPerson({ teamId: h.fake.teamId, userId: 'U0ZONE' })).toMatchObject({
      slackTz: 'Asia/Tokyo',
    });
    const holders = await Promise.all(
      processes.map((jobs) => h.store.leases.tryAcquireLease('nudge-prune', jobs.scheduler.owner, 1000)),
    );
    expect(holders.filter(Boolean)).toHaveLength(1);
  });
});

describe('two real processes on one store', () => {
  it('never post the same slot twice', { timeout: 60_000 }, async () => {
    const fake = new FakeSlack();
    await fake.start();
    onTestFinished(() => fake.stop());
    const dir = mkdtempSync(join(tmpdir(), 'lights-out-two-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const databasePath = join(dir, 'shared.db');
    // Create the schema once, so the two processes do not race to migrate a fresh file.
    await new SqliteStore(databasePath).close();
    const env = (port: number) => ({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: 'two-process-secret',
      SLACK_API_URL: fake.apiUrl,
      DATABASE_URL: databasePath,
      PORT: String(port),
      NUDGE_CHANNEL: 'C0TWO',
      NUDGE_SCHEDULE: '*/2 * * * * *',
      NUDGE_TZ: 'UTC',
      LOG_LEVEL: 'info',
    });
    const ports = [await freePort(), await freePort()];
    const bots = ports.map((port) => spawnBot({ env: env(port) }));
    await Promise.all(bots.map((bot, i) => bot.healthy(`http://127.0.0.1:${ports[i]}`, 30_000)));
    await fake.waitUntil(
      () => (fake.messages.filter((message) => message.channel === 'C0TWO').length >= 4 ? true : undefined),
      20_000,
      'four nudges',
    );
    for (const bot of bots) bot.child.kill('SIGTERM');
    expect(await Promise.all(bots.map((bot) => bot.exited))).toEqual([0, 0]);

    const posts = fake.messages.filter((message) => message.channel === 'C0TWO');
    const store = new SqliteStore(databasePath);
    onTestFinished(() => store.close());
    const rows = store.handle
      .prepare("SELECT slot_at, status, owner FROM nudge_deliveries WHERE target_id = 'C0TWO' AND status = 'sent'")
      .all() as Array<{ slot_at: string; owner: string }>;
    expect(rows).toHaveLength(posts.length);
    expect(new Set(rows.map((row) => row.slot_at)).size).toBe(posts.length);
    // Both processes posted through the same ledger (their ticks race for every slot).
    expect(fake.callsTo('chat.postMessage').filter((call) => call.args.channel === 'C0TWO')).toHaveLength(posts.length);
  });
});
