import { describe, expect, it } from 'vitest';
import { Pacer } from '../../src/nudges/pacer.js';
import { controllablePost, rig, TEAM } from './rig.js';

/** Saturday 28 Nov 2026, 22:00 in Los Angeles. */
const SLOT = '2026-11-29T06:00:00.000Z';
const at = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
const BEFORE = at(SLOT, -120);

type R = Awaited<ReturnType<typeof rig>>;

async function channels(r: R, count: number, setBy = 'U0SETTER') {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const channelId = `C${String(i).padStart(3, '0')}FAN`;
    ids.push(channelId);
    await r.store.nudges.enableChannel({
      teamId: TEAM,
      channelId,
      time: '22:00',
      zone: 'America/Los_Angeles',
      setBy,
      at: BEFORE,
    });
  }
  return ids;
}

async function person(r: R, userId: string, zone = 'America/Los_Angeles', time = '22:00', weekends = true) {
  await r.store.people.setTimezoneOverride({ teamId: TEAM, userId }, zone);
  await r.store.nudges.savePerson({
    teamId: TEAM,
    userId,
    enabled: true,
    time,
    weekends,
    resumeOn: null,
    offReason: null,
    updatedAt: BEFORE,
  });
}

const until = async (check: () => boolean, what: string, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('Slack rate limits', () => {
  it('rides out a 429 storm: waits Retry-After, then sends every nudge exactly once', async () => {
    const r = await rig({ start: SLOT, scheduler: { concurrency: 6 } });
    const ids = await channels(r, 8);
    r.fake.fail('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 1 }, 5);
    const report = await r.tickAt(SLOT);
    expect(report.sent).toBe(8);
    for (const id of ids) expect(r.messagesTo(id)).toHaveLength(1);
    const calls = r.fake.callsTo('chat.postMessage');
    expect(calls).toHaveLength(13);
    // The first six went out together (concurrency 6); five were refused; nobody called again for a second.
    const firstBatchEnd = Math.max(...calls.slice(0, 6).map((call) => call.at));
    for (const call of calls.slice(6)) expect(call.at - firstBatchEnd).toBeGreaterThanOrEqual(900);
    for (const id of ids) {
      expect(await r.store.nudges.getDelivery(`channel:${TEAM}:${id}:${SLOT}`)).toMatchObject({
        status: 'sent',
        attempts: 1,
      });
    }
  });

  it('gives up loudly, not silently, when the grace window closes while it waits', async () => {
    const r = await rig({ start: SLOT });
    const [id] = await channels(r, 1);
    r.fake.fail('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 1 }, 1);
    r.fake.once('call', () => {
      r.clock.now = new Date(at(SLOT, 121));
    });
    const report = await r.scheduler.tick(new Date(SLOT));
    expect(report).toMatchObject({ sent: 0, failed: 1 });
    expect(r.messagesTo(id as string)).toHaveLength(0);
    expect(await r.store.nudges.getDelivery(`channel:${TEAM}:${id}:${SLOT}`)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^expired/),
    });
    expect(r.logs.records().some((log) => log.level === 50 && String(log.msg).includes('grace window'))).toBe(true);
  });
});

describe('a restart in the middle of a fan-out', () => {
  it('finishes the fan-out once: unclaimed slots are sent, in-flight ones retried once after the lease', async () => {
    const a = await rig({ start: SLOT, scheduler: { stopWaitMs: 50, concurrency: 6 } });
    const ids = await channels(a, 14);
    // Slack answers four posts, then stops answering: six posts hang in flight (concurrency 6), four wait.
    controllablePost(a.fake, { hangAfter: 4 });
    const running = a.tickAt(SLOT);
    running.catch(() => undefined);
    await until(() => a.fake.callsTo('chat.postMessage').length >= 10, 'six hanging posts');
    // The process dies: nothing it does from here reaches the store.
    await a.store.close();

    // Slack answers again; the process starts again three minutes later (past the two-minute lease).
    controllablePost(a.fake);
    const b = await rig({ start: at(SLOT, 3), fake: a.fake, databasePath: a.databasePath });
    const report = await b.tickAt(at(SLOT, 3));
    expect(report).toMatchObject({ reclaimed: 6, sent: 10 });
    for (const id of ids) expect(a.messagesTo(id), id).toHaveLength(1);
    const warned = b.logs.records().filter((log) => String(log.msg).includes('it may arrive twice'));
    expect(warned).toHaveLength(6);
    // A third instance later finds it all done.
    const c = await rig({ start: at(SLOT, 10), fake: a.fake, databasePath: a.databasePath });
    expect(await c.tickAt(at(SLOT, 10))).toMatchObject({ sent: 0, reclaimed: 0 });
  });

  it('does not take over a claim whose lease is still running', async () => {
    const a = await rig({ start: SLOT, scheduler: { stopWaitMs: 50 } });
    await channels(a, 1);
    const post = controllablePost(a.fake);
    post.hang = true;
    const running = a.tickAt(SLOT);
    running.catch(() => undefined);
    await until(() => a.fake.callsTo('chat.postMessage').length >= 1, 'the hanging post');
    const b = await rig({ start: at(SLOT, 1), fake: a.fake, databasePath: a.databasePath });
    expect(await b.tickAt(at(SLOT, 1))).toMatchObject({ sent: 0, reclaimed: 0 });
    expect(a.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });
});

describe('targets that are gone', () => {
  it('turns a channel off on not_in_channel and tells whoever turned it on, once, by DM', async () => {
    const r = await rig({ start: SLOT });
    const [id] = await channels(r, 1, 'U0SETTER');
    r.fake.fail('chat.postMessage', { kind: 'slack_error', error: 'not_in_channel' }, 1);
    expect(await r.tickAt(SLOT)).toMatchObject({ sent: 0, failed: 1 });
    expect(await r.store.nudges.getChannel(TEAM, id as string)).toMatchObject({
      enabled: false,
      offReason: 'not_in_channel',
    });
    const opens = r.fake.callsTo('conversations.open');
    expect(opens.map((call) => call.args.users)).toEqual(['U0SETTER']);
    const dm = r.fake.messages.find((message) => message.channel === 'D0SETTER');
    expect(dm?.text).toContain('/invite @Lights Out');
    expect(dm?.text).toContain(`<#${id}>`);
    // The next night nothing is attempted there.
    expect(await r.tickAt(at(SLOT, 24 * 60))).toMatchObject({ sent: 0, failed: 0 });
    expect(r.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === id)).toHaveLength(1);
  });

  it('turns the NUDGE_CHANNEL off on channel_not_found and logs how to fix it', async () => {
    const r = await rig({ start: at(SLOT, -60), env: { NUDGE_CHANNEL: 'C0GONE' } });
    await r.tickAt(at(SLOT, -60));
    r.fake.fail('chat.postMessage', { kind: 'slack_error', error: 'channel_not_found' }, 1);
    expect(await r.tickAt(SLOT)).toMatchObject({ failed: 1 });
    expect(await r.store.nudges.getChannel(TEAM, 'C0GONE')).toMatchObject({
      enabled: false,
      offReason: 'channel_not_found',
    });
    const log = r.logs.records().find((record) => String(record.msg).includes('NUDGE_CHANNEL'));
    expect(String(log?.msg)).toContain('/invite @Lights Out');
    expect(r.fake.callsTo('conversations.open')).toHaveLength(0);
  });

  it('turns a person’s DM nudge off on user_not_found', async () => {
    const r = await rig({ start: SLOT });
    await person(r, 'U0GONE');
    r.fake.fail('conversations.open', { kind: 'slack_error', error: 'user_not_found' }, 1);
    expect(await r.tickAt(SLOT)).toMatchObject({ failed: 1 });
    expect(await r.store.nudges.getPerson({ teamId: TEAM, userId: 'U0GONE' })).toMatchObject({
      enabled: false,
      offReason: 'user_not_found',
    });
  });

  it('on account_inactive, asks users.info: a deactivated person is turned off, an active one is not', async () => {
    const r = await rig({ start: SLOT });
    r.fake.addUser({ id: 'U0LEFT', name: 'left', deleted: true });
    await person(r, 'U0LEFT');
    r.fake.fail('chat.postMessage', { kind: 'slack_error', error: 'account_inactive' }, 1);
    await r.tickAt(SLOT);
    expect(await r.store.nudges.getPerson({ teamId: TEAM, userId: 'U0LEFT' })).toMatchObject({ enabled: false });

    r.fake.addUser({ id: 'U0HERE', name: 'here' });
    await person(r, 'U0HERE');
    r.fake.fail('chat.postMessage', { kind: 'slack_error', error: 'account_inactive' }, 1);
    await r.tickAt(at(SLOT, 24 * 60));
    expect(await r.store.nudges.getPerson({ teamId: TEAM, userId: 'U0HERE' })).toMatchObject({ enabled: true });
    expect(r.logs.records().some((log) => String(log.msg).includes('token is likely deactivated'))).toBe(true);
  });
});

describe('transient failures', () => {
  it('retries a 5xx once, counting it as a post that may have landed (a gateway may answer after Slack posted)', async () => {
    const r = await rig({ start: SLOT });
    const [id] = await channels(r, 1);
    r.fake.fail('chat.postMessage', { kind: 'http', status: 503 }, 1);
    expect(await r.tickAt(SLOT)).toMatchObject({ sent: 1 });
    expect(r.messagesTo(id as string)).toHaveLength(1);
    expect(r.fake.callsTo('chat.postMessage')).toHaveLength(2);
    expect(await r.store.nudges.getDelivery(`channel:${TEAM}:${id}:${SLOT}`)).toMatchObject({ attempts: 2 });
  });

  it('retries refusals that posted nothing freely: a 4xx from a proxy, a refused connection', async () => {
    const r = await rig({ start: SLOT });
    const [id] = await channels(r, 1);
    r.fake.fail('chat.postMessage', { kind: 'http', status: 404 }, 3);
    expect(await r.tickAt(SLOT)).toMatchObject({ sent: 1 });
    expect(r.fake.callsTo('chat.postMessage')).toHaveLength(4);
    expect(await r.store.nudges.getDelivery(`channel:${TEAM}:${id}:${SLOT}`)).toMatchObject({ attempts: 1 });
  });

  it('retries a dropped connection once (it may have posted), and gives up after two uncertain posts', async () => {
    const r = await rig({ start: SLOT });
    const [once, twice] = await channels(r, 2);
    r.fake.fail('chat.postMessage', { kind: 'drop' }, 1);
    expect(await r.tickAt(SLOT)).toMatchObject({ sent: 2 });

    await r.store.nudges.enableChannel({
      teamId: TEAM,
      channelId: 'C0TWICE',
      time: '22:30',
      zone: 'America/Los_Angeles',
      setBy: 'U1',
      at: BEFORE,
    });
    r.fake.fail('chat.postMessage', { kind: 'drop' }, 5);
    const report = await r.tickAt(at(SLOT, 30));
    expect(report).toMatchObject({ sent: 0, failed: 1 });
    expect(r.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === 'C0TWICE')).toHaveLength(2);
    expect(await r.store.nudges.getDelivery(`channel:${TEAM}:C0TWICE:${at(SLOT, 30)}`)).toMatchObject({
      status: 'failed',
      attempts: 2,
      error: expect.stringMatching(/^gave up/),
    });
    expect([once, twice].map((id) => r.messagesTo(id as string).length)).toEqual([1, 1]);
  });

  it('never lets one bad slot crash the tick: other targets are still sent', async () => {
    const r = await rig({ start: SLOT });
    const ids = await channels(r, 3);
    r.fake.fail('chat.postMessage', { kind: 'slack_error', error: 'invalid_blocks' }, 1);
    const report = await r.tickAt(SLOT);
    expect(report).toMatchObject({ sent: 2, failed: 1 });
    expect(ids.map((id) => r.messagesTo(id).length).sort()).toEqual([0, 1, 1]);
  });
});

describe('pacing', () => {
  it('keeps at most the configured number of deliveries in flight', async () => {
    const r = await rig({ start: SLOT, scheduler: { concurrency: 6 } });
    await channels(r, 20);
    const post = controllablePost(r.fake, { delayMs: 30 });
    expect(await r.tickAt(SLOT)).toMatchObject({ sent: 20 });
    expect(post.peak).toBeLessThanOrEqual(6);
    expect(post.peak).toBeGreaterThan(1);
    expect(r.scheduler.pacer.peak).toBeLessThanOrEqual(6);
  });

  it('leaves at least a second between two posts to the same channel', async () => {
    // The pacer on a fake monotonic clock that only its sleeps move: the spacing is measured, not raced.
    const clock = { ms: 0 };
    const slept: number[] = [];
    const pacer = new Pacer({
      concurrency: 4,
      spacingMs: 1000,
      monotonic: () => clock.ms,
      sleep: async (ms) => {
        slept.push(ms);
        clock.ms += ms;
      },
    });
    const r = await rig({ start: SLOT, scheduler: { pacer } });
    const postedAt: number[] = [];
    r.fake.answer('chat.postMessage', async (args) => {
      postedAt.push(clock.ms);
      const channel = String(args.channel);
      const ts = `1800000000.00000${postedAt.length}`;
      r.fake.messages.push({ channel, ts, ephemeral: false });
      return { channel, ts };
    });
    await r.scheduler.sendChannelNow(TEAM, 'C0SAME');
    r.clock.now = new Date(at(SLOT, 0.05));
    await r.scheduler.sendChannelNow(TEAM, 'C0SAME');
    expect(postedAt).toHaveLength(2);
    expect((postedAt[1] ?? 0) - (postedAt[0] ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(slept.reduce((sum, ms) => sum + ms, 0)).toBe(1000);
    expect(r.messagesTo('C0SAME')).toHaveLength(2);
  });
});
