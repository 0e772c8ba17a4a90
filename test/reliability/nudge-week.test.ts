import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { FakeSlack, type Fault } from '../../src/local/fake-slack.js';
import { BOT_TOKEN } from '../helpers/build.js';
import { seeded } from '../helpers/seeded.js';
import { freePort, spawnBot } from '../helpers/spawn.js';
import { wallClock } from '../helpers/wall-clock.js';
import { type Rig, rig, TEAM } from '../nudges/rig.js';

/**
 * Two scheduler instances on one SQLite file, ticking on interleaved clocks through a week that holds the US
 * change to daylight time (Sun 8 Mar 2026, 02:00 → 03:00 in New York), with restarts (some in the middle of a
 * fan-out) and injected 429s and 500s. The expected deliveries are computed here, from Intl alone, following the
 * documented rules, never from the scheduler's own slot code:
 * - one nudge per target per night; a night is the local work date (before 05:00 counts for the day before);
 * - a time that does not exist that day (02:30 on 8 Mar in New York) moves forward by the gap (03:30 EDT); a
 *   repeated time fires at its first occurrence;
 * - people: no Saturday/Sunday nights unless weekends are on, nothing before `resume_on` while paused;
 * - nothing at or before the moment the nudge was set (the simulation start), nothing later than the grace window.
 */

const START = Date.parse('2026-03-05T00:00:00Z'); // Thu 5 Mar
const END = Date.parse('2026-03-12T00:00:00Z'); // Thu 12 Mar
const MINUTE = 60_000;
const ZONES = ['America/Los_Angeles', 'Europe/London', 'Asia/Shanghai', 'America/New_York'] as const;
const NY = 'America/New_York';

type Target =
  | { kind: 'channel'; id: string; zone: string; time: string }
  | {
      kind: 'person';
      id: string;
      zone: string;
      time: string;
      weekends: boolean;
      resumeOn: string | null;
      /** How the scheduler learns the zone. */
      zoneFrom: 'override' | 'slack' | 'default';
    };

// --- Expected slots, from Intl only ---------------------------------------------------------------------------

/** The instant of HH:MM on a local date: its first occurrence; in a spring-forward gap, shifted by the gap. */
function slotInstant(date: string, time: string, zone: string): number {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d, hour, minute);
  const offsets = new Set([-1, 0, 1].map((days) => wallClock(zone, naive + days * 86_400_000).offset));
  const hits = [...offsets]
    .map((offset) => naive - offset * MINUTE)
    .filter((ms) => {
      const wall = wallClock(zone, ms);
      return wall.date === date && wall.hour === hour && wall.minute === minute;
    })
    .sort((a, b) => a - b);
  if (hits[0] !== undefined) return hits[0];
  // The wall time does not exist: read it with the offset in force before the change (moves it forward by the gap).
  return naive - wallClock(zone, naive - 86_400_000).offset * MINUTE;
}

const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

type Expected = { target: Target; night: string; at: number };

function expectedSlots(targets: Target[]): Expected[] {
  const expected: Expected[] = [];
  for (const target of targets) {
    for (let date = '2026-03-03'; date <= '2026-03-13'; date = dayAfter(date)) {
      const at = slotInstant(date, target.time, target.zone);
      const wall = wallClock(target.zone, at);
      const night = wall.hour < 5 ? dayBefore(wall.date) : wall.date;
      if (at <= START || at > END) continue;
      if (target.kind === 'person') {
        if (!target.weekends && isWeekend(night)) continue;
        if (target.resumeOn && night < target.resumeOn) continue;
      }
      expected.push({ target, night, at });
    }
  }
  return expected;
}

// --- The world ----------------------------------------------------------------------------------------------

const CHANNEL_TIMES = ['22:00', '21:30', '23:45', '00:15', '02:30', '19:05', '20:00', '01:59', '22:30', '23:00'];
const PERSON_TIMES = ['22:00', '21:15', '23:30', '00:45', '02:30', '18:00', '22:10', '04:59', '05:00', '20:20'];

function makeTargets(): Target[] {
  const targets: Target[] = [];
  for (let i = 0; i < 20; i++) {
    targets.push({
      kind: 'channel',
      id: `CWEEK${String(i).padStart(2, '0')}`,
      zone: ZONES[i % 4] as string,
      time: CHANNEL_TIMES[i % CHANNEL_TIMES.length] as string,
    });
  }
  for (let i = 0; i < 40; i++) {
    targets.push({
      kind: 'person',
      id: `UWEEK${String(i).padStart(2, '0')}`,
      zone: ZONES[(i + 1) % 4] as string,
      time: PERSON_TIMES[(i * 3) % PERSON_TIMES.length] as string,
      weekends: i % 3 === 0,
      resumeOn: null,
      zoneFrom: i % 5 === 0 ? 'slack' : 'override',
    });
  }
  // Across the change in New York: 02:30 does not exist on Sun 8 Mar (that slot is Saturday night's).
  targets.push({
    kind: 'person',
    id: 'UDSTWKND',
    zone: NY,
    time: '02:30',
    weekends: true,
    resumeOn: null,
    zoneFrom: 'override',
  });
  targets.push({
    kind: 'person',
    id: 'UDSTWKDY',
    zone: NY,
    time: '02:30',
    weekends: false,
    resumeOn: null,
    zoneFrom: 'slack',
  });
  targets.push({ kind: 'channel', id: 'CDSTNY', zone: NY, time: '02:30' });
  // A busy minute (20:00 in London, 20:00 UTC) for the crash in the middle of a fan-out.
  for (let i = 0; i < 10; i++) targets.push({ kind: 'channel', id: `CBUSY${i}`, zone: 'Europe/London', time: '20:00' });
  // Paused until Tuesday 10 March (their local date).
  targets.push({
    kind: 'person',
    id: 'UPAUSED',
    zone: 'Europe/London',
    time: '21:00',
    weekends: true,
    resumeOn: '2026-03-10',
    zoneFrom: 'override',
  });
  // No zone anywhere: NUDGE_TZ (Los Angeles).
  targets.push({
    kind: 'person',
    id: 'UNOZONE',
    zone: 'America/Los_Angeles',
    time: '22:45',
    weekends: true,
    resumeOn: null,
    zoneFrom: 'default',
  });
  return targets;
}

async function seed(r: Rig, targets: Target[]): Promise<void> {
  const at = new Date(START).toISOString();
  for (const target of targets) {
    if (target.kind === 'channel') {
      await r.store.nudges.enableChannel({
        teamId: TEAM,
        channelId: target.id,
        time: target.time,
        zone: target.zone,
        setBy: 'USETTER',
        at,
      });
      continue;
    }
    const person = { teamId: TEAM, userId: target.id };
    if (target.zoneFrom === 'override') await r.store.people.setTimezoneOverride(person, target.zone);
    if (target.zoneFrom === 'slack') await r.store.people.saveSlackTimezone(person, target.zone, at);
    // Slack tells the same zone when the scheduler refreshes it after a DM.
    r.fake.addUser({
      id: target.id,
      name: target.id.toLowerCase(),
      ...(target.zoneFrom === 'default' ? {} : { tz: target.zone }),
    });
    await r.store.nudges.savePerson({
      ...person,
      enabled: true,
      time: target.time,
      weekends: target.weekends,
      resumeOn: target.resumeOn,
      offReason: null,
      updatedAt: at,
    });
  }
}

type Post = { channel: string; at: number; text: string; maybe: boolean };

/**
 * chat.postMessage as the fake answers it, also noting the simulated time of each message that got through.
 * Faults go through `fail`, which mirrors the fake's queue, so each stored post knows whether Slack then failed
 * it ("maybe posted": the sender may rightly post that slot once more).
 */
function recordPosts(fake: FakeSlack, clock: () => number): { posts: Post[]; fail: (fault: Fault) => void } {
  const posts: Post[] = [];
  const queued: Fault[] = [];
  const failedAfter = new WeakSet<object>();
  fake.on('call', (call: { method: string }) => {
    if (call.method === 'chat.postMessage' && queued.shift()?.kind === 'after_effect') failedAfter.add(call);
  });
  let sequence = 0;
  fake.answer('chat.postMessage', (args, call) => {
    const channel = String(args.channel);
    const ts = `${Math.floor(clock() / 1000)}.${String(++sequence).padStart(6, '0')}`;
    posts.push({ channel, at: clock(), text: String(args.text), maybe: failedAfter.has(call) });
    fake.messages.push({ channel, ts, ephemeral: false, text: String(args.text) });
    return { channel, ts };
  });
  return {
    posts,
    fail: (fault) => {
      queued.push(fault);
      fake.fail('chat.postMessage', fault);
    },
  };
}

describe('two instances, one store, a week with a DST change', () => {
  // A simulated week is ~3,500 tick events (under a minute alone; more on a shared machine).
  it('every owed nudge exactly once, inside its grace window; weekends and pauses respected', {
    timeout: 180_000,
  }, async () => {
    const seedValue = Number(process.env.NUDGE_WEEK_SEED ?? 20260308);
    const random = seeded(seedValue);
    const why = `seed ${seedValue} (NUDGE_WEEK_SEED replays it)`;
    const targets = makeTargets();

    let world = START;
    const clocks = [{ now: new Date(START) }, { now: new Date(START) }];
    const options = { scheduler: { channelSpacingMs: 0 } };
    const first = await rig({ start: new Date(START).toISOString(), clock: clocks[0], ...options });
    const { fake, databasePath } = first;
    const graceMs = first.config.nudge.graceMinutes * MINUTE;
    await seed(first, targets);
    const { posts, fail } = recordPosts(fake, () => world);
    const instances: Rig[] = [
      first,
      await rig({ start: new Date(START).toISOString(), clock: clocks[1], fake, databasePath, ...options }),
    ];
    const owners = new Set(instances.map((instance) => instance.scheduler.owner));
    const everyRig = [...instances];

    const restart = async (index: number) => {
      const clock = clocks[index] as { now: Date };
      instances[index] = await rig({ start: clock.now.toISOString(), clock, fake, databasePath, ...options });
      owners.add((instances[index] as Rig).scheduler.owner);
      everyRig.push(instances[index] as Rig);
    };
    const tick = (index: number, at: number) => (instances[index] as Rig).tickAt(new Date(at).toISOString());

    const next = [START, START + Math.floor(random() * 3) * MINUTE];
    const CRASH_AFTER = Date.parse('2026-03-09T20:00:00Z');
    let crashed = false;
    let events = 0;
    let restarts = 0;
    let midFanOutStops = 0;
    let together = 0;
    // Ticks run a little past the end, so the last slots of the week get their ticks too.
    while (Math.min(...next) <= END + 15 * MINUTE) {
      world = Math.min(...next);
      const due = [0, 1].filter((index) => next[index] === world);
      events++;
      // A few faults, spread over the week (each 429 costs a real second of Retry-After).
      if (events % 1200 === 350) fail({ kind: 'rate_limited', retryAfterSeconds: 1 });
      if (events % 300 === 150) fail({ kind: 'http', status: 500 });
      // Slack (or a gateway) stores the post and then fails: the one fault that may rightly cost a duplicate.
      if (events % 400 === 200) fail({ kind: 'after_effect', fails: { kind: 'http', status: 504 } });
      if (events % 700 === 310) fail({ kind: 'after_effect', fails: { kind: 'drop' } });
      if (events % 500 === 250) fake.fail('conversations.open', { kind: 'http', status: 502 });
      if (events % 600 === 100) fake.fail('users.info', { kind: 'rate_limited', retryAfterSeconds: 1 });

      const roll = random();
      if (!crashed && world >= CRASH_AFTER && due.includes(0)) {
        // Monday's 20:00 fan-out: Slack answers the first post with 429 and the process stops right then, with
        // claims it holds but has not sent. It hands them back; a new process (or the other one) sends them.
        crashed = true;
        fail({ kind: 'rate_limited', retryAfterSeconds: 1 });
        const stopOnFirstPost = (call: { method: string }) => {
          if (call.method !== 'chat.postMessage') return;
          fake.off('call', stopOnFirstPost);
          void (instances[0] as Rig).scheduler.stop();
        };
        fake.on('call', stopOnFirstPost);
        await tick(0, world);
        fake.off('call', stopOnFirstPost);
        // The stop settles the posts already in flight and hands the rest back before the process exits.
        await (instances[0] as Rig).scheduler.stop();
        await restart(0);
        restarts++;
        if (due.includes(1)) await tick(1, world);
      } else if (due.length === 1 && roll < 0.004) {
        // Stop this instance in the middle of whatever it is sending, then start a new one on the same file.
        const index = due[0] as number;
        const running = tick(index, world);
        const stopOnFirstCall = () => void (instances[index] as Rig).scheduler.stop();
        fake.once('call', stopOnFirstCall);
        await running;
        fake.off('call', stopOnFirstCall);
        await (instances[index] as Rig).scheduler.stop();
        midFanOutStops++;
        await restart(index);
        restarts++;
      } else if (due.length === 1 && roll < 0.008) {
        await (instances[due[0] as number] as Rig).scheduler.stop();
        await restart(due[0] as number);
        restarts++;
        await tick(due[0] as number, world);
      } else {
        if (due.length === 2) together++;
        await Promise.all(due.map((index) => tick(index, world)));
      }
      for (const index of due) {
        // Every 1 to 9 minutes, with seconds of jitter; now and then both at the same instant.
        next[index] = world + (1 + Math.floor(random() * 9)) * MINUTE + Math.floor(random() * 50) * 1000;
      }
      if (random() < 0.05) next[1] = next[0] as number;
    }

    // --- What happened, against what was owed --------------------------------------------------------------
    const expected = expectedSlots(targets);
    const channelOf = (target: Target) => (target.kind === 'channel' ? target.id : `D${target.id.slice(1)}`);
    const unmatched = new Set(posts.filter((post) => post.at <= END));
    const problems: string[] = [];
    for (const slot of expected) {
      const channel = channelOf(slot.target);
      const matches = posts.filter(
        (post) => post.channel === channel && post.at >= slot.at && post.at <= slot.at + graceMs,
      );
      for (const post of matches) unmatched.delete(post);
      // Exactly one post Slack confirmed, and one more only after a post it stored and then failed.
      const confirmed = matches.filter((post) => !post.maybe).length;
      const allowed = matches.some((post) => post.maybe) ? 2 : 1;
      if (confirmed !== 1 || matches.length > allowed) {
        problems.push(
          `${slot.target.id} night ${slot.night} (${new Date(slot.at).toISOString()}): ${matches.length} messages`,
        );
      }
    }
    for (const post of unmatched)
      problems.push(`unexpected message to ${post.channel} at ${new Date(post.at).toISOString()}`);
    expect(problems, why).toEqual([]);

    // The store agrees, to the instant: one sent row per owed slot, at the slot this test computed.
    for (const slot of expected) {
      const key = `${slot.target.kind}:${TEAM}:${slot.target.id}:${new Date(slot.at).toISOString()}`;
      const row = await first.store.nudges.getDelivery(key);
      expect(row?.status, `${key} (${why})`).toBe('sent');
      expect(owners.has(row?.owner as string)).toBe(true);
    }

    // The cases the week was built for, spelled out.
    const forTarget = (id: string) => expected.filter((slot) => slot.target.id === id);
    // 02:30 on Sun 8 Mar does not exist in New York: Saturday night's nudge is at 03:30 EDT (07:30 UTC), once.
    const dstNight = forTarget('UDSTWKND').find((slot) => slot.night === '2026-03-07');
    expect(dstNight?.at).toBe(Date.parse('2026-03-08T07:30:00Z'));
    const dstPost = posts.filter(
      (post) =>
        post.channel === 'DDSTWKND' &&
        post.at >= Date.parse('2026-03-08T07:30:00Z') &&
        post.at < Date.parse('2026-03-08T09:30:00Z'),
    );
    expect(dstPost).toHaveLength(1);
    expect(dstPost[0]?.text).toContain('03:30 in America/New_York');
    expect(forTarget('CDSTNY')).toHaveLength(7);
    // Weekends off: a 02:30 slot belongs to the night before, so Saturday 02:30 is Friday night (sent) and the
    // slots of Sunday and Monday mornings are Saturday and Sunday nights (not sent).
    expect(forTarget('UDSTWKDY').map((slot) => slot.night)).toEqual([
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-09',
      '2026-03-10',
    ]);
    expect(forTarget('UDSTWKND')).toHaveLength(7);
    expect(forTarget('UPAUSED').map((slot) => slot.night)).toEqual(['2026-03-10', '2026-03-11']);
    expect(posts.filter((post) => post.channel === 'DPAUSED' && post.at < Date.parse('2026-03-10T21:00:00Z'))).toEqual(
      [],
    );
    expect(forTarget('UNOZONE')).toHaveLength(7);

    // The run did what it claims: both instances sent, restarts and same-instant ticks happened, faults fired.
    const sentBy = new Set<string>();
    for (const slot of expected) {
      const row = await first.store.nudges.getDelivery(
        `${slot.target.kind}:${TEAM}:${slot.target.id}:${new Date(slot.at).toISOString()}`,
      );
      sentBy.add(row?.owner as string);
    }
    expect(sentBy.size, why).toBeGreaterThanOrEqual(2);
    expect(restarts, why).toBeGreaterThanOrEqual(3);
    expect(midFanOutStops, why).toBeGreaterThanOrEqual(1);
    expect(together, why).toBeGreaterThanOrEqual(20);
    // The stop in Monday's fan-out handed its unsent claims back at once (no lease to wait out).
    const handedBack = everyRig
      .flatMap((instance) => instance.logs.records())
      .filter((record) => String(record.msg).startsWith('handed unsent nudges back'));
    expect(handedBack.length, why).toBeGreaterThanOrEqual(1);
    expect(fake.calls.filter((call) => call.method === 'chat.postMessage').length).toBeGreaterThan(posts.length);
  });
});

describe('real bot processes, killed and stopped in the middle of a post', () => {
  type Row = { key: string; status: string; attempts: number; owner: string | null };
  const ledger = (path: string) => {
    const db = new Database(path, { readonly: true });
    try {
      return db
        .prepare("SELECT key, status, attempts, owner FROM nudge_deliveries WHERE target_id = 'C0KILL' ORDER BY key")
        .all() as Row[];
    } finally {
      db.close();
    }
  };

  it('SIGKILL and SIGTERM while a post hangs: every post is in the ledger, none left sending, at most 2 per slot', {
    timeout: 120_000,
  }, async () => {
    const fake = new FakeSlack();
    await fake.start();
    onTestFinished(() => fake.stop());
    const dir = mkdtempSync(join(tmpdir(), 'lights-out-kill-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const databasePath = join(dir, 'kill.db');
    const schedule = { NUDGE_CHANNEL: 'C0KILL', NUDGE_SCHEDULE: '*/2 * * * * *', NUDGE_TZ: 'UTC' };
    const start = async () => {
      const port = await freePort();
      const bot = spawnBot({
        entry: 'built',
        env: {
          SLACK_BOT_TOKEN: BOT_TOKEN,
          SLACK_SIGNING_SECRET: 'kill-test-signing-secret',
          SLACK_API_URL: fake.apiUrl,
          DATABASE_URL: databasePath,
          PORT: String(port),
          LOG_LEVEL: 'warn',
          ...schedule,
        },
      });
      await bot.healthy(`http://127.0.0.1:${port}`, 30_000);
      return bot;
    };
    const posts = () => fake.callsTo('chat.postMessage').filter((call) => call.args.channel === 'C0KILL').length;
    const hangNextPost = () => fake.fail('chat.postMessage', { kind: 'after_effect', fails: { kind: 'hang' } });

    // A: its first post reaches Slack and is never answered; kill -9 while it waits.
    hangNextPost();
    const a = await start();
    await fake.waitForCalls('chat.postMessage', 1, 20_000);
    a.child.kill('SIGKILL');
    expect(await a.exited).toBe('SIGKILL');
    const killed = ledger(databasePath).filter((row) => row.status === 'sending');
    expect(killed).toHaveLength(1);

    // B: the same on a graceful stop. It settles its post (uncertain) and hands it back before it exits.
    const beforeB = posts();
    const b = await start();
    await fake.waitUntil(() => (posts() >= beforeB + 1 ? true : undefined), 20_000, 'B to post');
    hangNextPost();
    await fake.waitUntil(() => (posts() >= beforeB + 2 ? true : undefined), 20_000, 'B to post again');
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
    const afterB = ledger(databasePath);
    // Only the killed process's row is still `sending`; B's hanging post was settled as a possible post.
    expect(afterB.filter((row) => row.status === 'sending')).toEqual(killed);
    expect(afterB.filter((row) => row.status === 'pending' && row.attempts === 1)).toHaveLength(1);

    // A later process, past the killed one's lease: it retries each unsettled slot once, as its last post.
    const later = new Date(Date.now() + 3 * MINUTE).toISOString();
    const c = await rig({ start: later, fake, databasePath, env: schedule });
    await c.tickAt(later);
    await c.scheduler.stop();
    const rows = ledger(databasePath);
    expect(rows.filter((row) => !['sent', 'failed', 'skipped'].includes(row.status))).toEqual([]);
    expect(Math.max(...rows.map((row) => row.attempts))).toBeLessThanOrEqual(2);
    // Every post that reached Slack is counted in the ledger, and both interrupted slots reached the bound.
    expect(rows.reduce((sum, row) => sum + row.attempts, 0)).toBe(posts());
    expect(rows.filter((row) => row.attempts === 2).map((row) => row.status)).toEqual(['sent', 'sent']);
    expect(rows.find((row) => row.key === killed[0]?.key)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
