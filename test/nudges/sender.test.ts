import { describe, expect, it } from 'vitest';
import type { Fault } from '../../src/local/fake-slack.js';
import { classifySlackError } from '../../src/nudges/slack-errors.js';
import { MAX_UNCERTAIN_POSTS } from '../../src/store/types.js';
import { controllablePost, type Rig, rig, TEAM } from './rig.js';

/** Saturday 28 Nov 2026, 22:00 in Los Angeles. */
const SLOT = '2026-11-29T06:00:00.000Z';
const at = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
const KEY = `channel:${TEAM}:C0PILE:${SLOT}`;

async function channel(r: Rig, channelId = 'C0PILE') {
  await r.store.nudges.enableChannel({
    teamId: TEAM,
    channelId,
    time: '22:00',
    zone: 'America/Los_Angeles',
    setBy: 'U0SETTER',
    at: at(SLOT, -120),
  });
}

const statuses = (r: Rig) =>
  r.store.handle.prepare('SELECT status, COUNT(*) AS n FROM nudge_deliveries GROUP BY status').all() as Array<{
    status: string;
    n: number;
  }>;

const until = async (check: () => boolean, what: string, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('Slack error classes', () => {
  const http = (statusCode: number) => ({ code: 'slack_webapi_http_error', statusCode });
  const request = (original: object) => ({ code: 'slack_webapi_request_error', original });

  it('counts every 5xx, timeout and dropped connection as "maybe posted", and only those', () => {
    for (const status of [500, 502, 503, 504, 599]) {
      expect(classifySlackError(http(status), 'channel'), String(status)).toMatchObject({ type: 'uncertain' });
    }
    expect(classifySlackError(request({ name: 'TimeoutError' }), 'channel').type).toBe('uncertain');
    expect(classifySlackError(request({ code: 'ECONNRESET' }), 'channel').type).toBe('uncertain');
    expect(classifySlackError(request({ cause: { code: 'UND_ERR_SOCKET' } }), 'person').type).toBe('uncertain');
    // Nothing was sent: refused, retried freely.
    expect(classifySlackError(http(404), 'channel').type).toBe('refused');
    expect(classifySlackError(request({ code: 'ECONNREFUSED' }), 'channel').type).toBe('refused');
    expect(classifySlackError({ code: 'slack_webapi_rate_limited_error', retryAfter: 3 }, 'channel')).toMatchObject({
      type: 'rate_limited',
      retryAfterMs: 3000,
    });
  });
});

describe('nudges that cannot pile up', () => {
  const faults: Array<[string, Fault]> = [
    ['500', { kind: 'after_effect', fails: { kind: 'http', status: 500 } }],
    ['502', { kind: 'after_effect', fails: { kind: 'http', status: 502 } }],
    ['503', { kind: 'after_effect', fails: { kind: 'http', status: 503 } }],
    ['504', { kind: 'after_effect', fails: { kind: 'http', status: 504 } }],
    ['a hang past the timeout', { kind: 'after_effect', fails: { kind: 'hang' } }],
    ['a dropped connection', { kind: 'after_effect', fails: { kind: 'drop' } }],
  ];

  it.each(faults)(
    'Slack stores the post, then answers %s, every time: at most 2 posts for the slot',
    async (_, fault) => {
      // Only the hang needs a short client timeout; the others answer at once.
      const hangs = fault.kind === 'after_effect' && fault.fails.kind === 'hang';
      const r = await rig({ start: SLOT, ...(hangs ? { requestTimeoutMs: 1500 } : {}) });
      await channel(r);
      r.fake.fail('chat.postMessage', fault, 20);
      expect(await r.tickAt(SLOT)).toMatchObject({ sent: 0, failed: 1 });
      expect(r.messagesTo('C0PILE')).toHaveLength(MAX_UNCERTAIN_POSTS);
      expect(await r.store.nudges.getDelivery(KEY)).toMatchObject({
        status: 'failed',
        attempts: 2,
        error: expect.stringMatching(/^gave up/),
      });
      // Later ticks and a restart on the same store add nothing.
      await r.tickAt(at(SLOT, 5));
      const again = await rig({ start: at(SLOT, 10), fake: r.fake, databasePath: r.databasePath });
      await again.tickAt(at(SLOT, 10));
      expect(r.messagesTo('C0PILE')).toHaveLength(MAX_UNCERTAIN_POSTS);
    },
  );

  it('one 5xx after the post: retried once, so the nudge arrives twice at most, and the row says sent', async () => {
    const r = await rig({ start: SLOT });
    await channel(r);
    r.fake.fail('chat.postMessage', { kind: 'after_effect', fails: { kind: 'http', status: 504 } }, 1);
    expect(await r.tickAt(SLOT)).toMatchObject({ sent: 1 });
    expect(r.messagesTo('C0PILE')).toHaveLength(2);
    expect(await r.store.nudges.getDelivery(KEY)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});

describe('stop settles every post in flight before the store closes', () => {
  it('waits for a post that answers within the stop budget: recorded as sent', async () => {
    const r = await rig({ start: SLOT, scheduler: { stopWaitMs: 5000 } });
    await channel(r);
    controllablePost(r.fake, { delayMs: 150 });
    const tick = r.tickAt(SLOT);
    await r.fake.waitForCalls('chat.postMessage', 1);
    await r.scheduler.stop();
    expect(await r.store.nudges.getDelivery(KEY)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await tick).toMatchObject({ sent: 1 });
    expect(statuses(r)).toEqual([{ status: 'sent', n: 1 }]);
  });

  it('records an unanswered post as uncertain and hands the claim back; restarts never exceed 2 posts', async () => {
    const a = await rig({ start: SLOT, scheduler: { stopWaitMs: 50 }, requestTimeoutMs: 1000 });
    await channel(a);
    a.fake.fail('chat.postMessage', { kind: 'after_effect', fails: { kind: 'hang' } }, 10);
    const tick = a.tickAt(SLOT);
    await a.fake.waitForCalls('chat.postMessage', 1);
    await a.scheduler.stop(); // SIGTERM: main closes the store right after this
    await a.store.close();
    await tick.catch(() => undefined);

    const b = await rig({
      start: at(SLOT, 0.5),
      fake: a.fake,
      databasePath: a.databasePath,
      scheduler: { stopWaitMs: 50 },
    });
    const row = await b.store.nudges.getDelivery(KEY);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, error: 'stopped while the post was in flight' });
    // Handed back: the next process sends it at once (no lease to wait out), as the second and last post.
    const second = b.tickAt(at(SLOT, 0.5));
    await until(() => a.fake.callsTo('chat.postMessage').length >= 2, 'the second post');
    await b.scheduler.stop();
    await second.catch(() => undefined);
    expect(await b.store.nudges.getDelivery(KEY)).toMatchObject({ status: 'pending', attempts: 2 });

    const c = await rig({ start: at(SLOT, 1), fake: a.fake, databasePath: a.databasePath });
    expect(await c.tickAt(at(SLOT, 1))).toMatchObject({ sent: 0, failed: 1 });
    expect(a.messagesTo('C0PILE')).toHaveLength(2);
    expect(a.fake.callsTo('chat.postMessage')).toHaveLength(2);
    expect(statuses(c)).toEqual([{ status: 'failed', n: 1 }]);
  });

  it('hands unstarted claims back at once, so a live process sends them without waiting out a lease', async () => {
    const a = await rig({
      start: SLOT,
      scheduler: { stopWaitMs: 50, concurrency: 1, batchSize: 4 },
      requestTimeoutMs: 500,
    });
    for (const id of ['C0A', 'C0B', 'C0C', 'C0D']) await channel(a, id);
    const post = controllablePost(a.fake);
    post.hang = true;
    const tick = a.tickAt(SLOT);
    await a.fake.waitForCalls('chat.postMessage', 1);
    expect(a.scheduler.ledger.holding).toBe(4);
    await a.scheduler.stop();
    await tick.catch(() => undefined);
    post.hang = false;
    const b = await rig({ start: SLOT, fake: a.fake, databasePath: a.databasePath });
    // Same instant: every lease of `a` would still run for two minutes.
    expect(await b.tickAt(SLOT)).toMatchObject({ sent: 4 });
    expect(
      a.fake.messages
        .filter((m) => !m.ephemeral)
        .map((m) => m.channel)
        .sort(),
    ).toEqual(['C0A', 'C0B', 'C0C', 'C0D']);
  });
});
