import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Fault } from '../../src/local/fake-slack.js';
import { signedHeaders, slashCommandBody } from '../../src/slack/protocol.js';
import { REQUEST_TIMEOUT_MS } from '../../src/slack/web-client.js';
import type { PersonKey } from '../../src/store/types.js';
import { expectValidMessage } from '../helpers/block-kit.js';
import { build, type Harness, SIGNING_SECRET } from '../helpers/build.js';
import { storeSnapshot } from './snapshot.js';

/**
 * Slack misbehaving while a person waits for an answer. The rule: the person always gets an answer (privately),
 * what was acknowledged is stored exactly once, the failure is logged clearly, and the very next command works.
 */

const TEAM = 'T0LIGHTS';
/**
 * Tuesday 10 March 2026, 23:00 UTC: 16:00 on Tue 10 Mar in Los Angeles (NUDGE_TZ, the fallback) but 07:00 on
 * Wed 11 Mar in Shanghai (the person's Slack zone), so the day an entry lands on says which zone was used.
 */
const NOW = new Date('2026-03-10T23:00:00Z');
const FALLBACK_DAY = '2026-03-10';
const SLACK_DAY = '2026-03-11';

type Message = Record<string, unknown>;

async function start(): Promise<Harness> {
  return build({ now: () => NOW, env: { NUDGE_TZ: 'America/Los_Angeles' } });
}

function newcomer(harness: Harness, userId: string): PersonKey {
  harness.fake.addUser({ id: userId, name: userId.toLowerCase(), tz: 'Asia/Shanghai' });
  return { teamId: TEAM, userId };
}

const logsWith = (harness: Harness, msg: string) =>
  harness.logs.records().filter((record) => String(record.msg).startsWith(msg));

/** After a fault: the next command is answered (in the ack, no Slack call needed) and the app is healthy. */
async function stillAnswers(harness: Harness, person: PersonKey): Promise<void> {
  const week = await harness.command('/hours', 'week', { userId: person.userId });
  expect(week.status).toBe(200);
  expect(week.ack).toMatchObject({ response_type: 'ephemeral' });
  expect(String(week.ack?.text)).toMatch(/^Your week/);
  expect((await fetch(`${harness.url}/healthz`)).status).toBe(200);
}

describe('users.info fails while a first-time /hours log waits for its zone', () => {
  const FAULTS: Array<[string, Fault[]]> = [
    [
      '429 with Retry-After (twice)',
      [
        { kind: 'rate_limited', retryAfterSeconds: 1 },
        { kind: 'rate_limited', retryAfterSeconds: 1 },
      ],
    ],
    [
      '500 (twice)',
      [
        { kind: 'http', status: 500 },
        { kind: 'http', status: 500 },
      ],
    ],
    ['503 then a dropped connection', [{ kind: 'http', status: 503 }, { kind: 'drop' }]],
    ['a dropped connection (twice)', [{ kind: 'drop' }, { kind: 'drop' }]],
    ['a Slack error answer', [{ kind: 'slack_error', error: 'internal_error' }]],
    // One hang costs the client's whole timeout (REQUEST_TIMEOUT_MS.interactive); the retry then drops.
    ['a hang, then a dropped connection', [{ kind: 'hang' }, { kind: 'drop' }]],
  ];

  it.each(FAULTS)(
    '%s: logged once on the fallback zone, answered, logged, next command fine',
    async (_name, faults) => {
      const harness = await start();
      const person = newcomer(harness, 'U0NEW');
      for (const fault of faults) harness.fake.fail('users.info', fault);

      const startedAt = Date.now();
      const result = await harness.command('/hours', 'log 5 first day', { userId: person.userId });
      expect(result.status).toBe(200);
      // Acked empty at once (the zone needs Slack), answered through response_url.
      expect(result.ack).toBeUndefined();
      const answer = (await result.response(REQUEST_TIMEOUT_MS.interactive * 2 + 5000)).body as Message;
      const waited = Date.now() - startedAt;
      expect(answer.response_type).toBe('ephemeral');
      expectValidMessage(answer as { text?: unknown; blocks?: unknown });
      expect(String(answer.text)).toMatch(/^Logged 5h for today, Tue 10 Mar/);

      const entries = await harness.store.hours.allEntries(person);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ workDate: FALLBACK_DAY, minutes: 300, note: 'first day' });
      // Nothing was cached from the failed lookup, so the next command asks Slack again.
      expect((await harness.store.people.getPerson(person))?.slackTzFetchedAt ?? null).toBeNull();
      // Bounded: at most one retry, and the hang cost at most the client's timeout (plus the retry's pause).
      const calls = harness.fake.callsTo('users.info');
      expect(calls.length).toBeGreaterThanOrEqual(1);
      expect(calls.length).toBeLessThanOrEqual(2);
      expect(waited).toBeLessThan(2 * REQUEST_TIMEOUT_MS.interactive + 3000);

      const warning = logsWith(harness, 'users.info failed');
      expect(warning).toHaveLength(1);
      expect(warning[0]).toMatchObject({ level: 40, userId: person.userId, teamId: TEAM });
      expect(logsWith(harness, '/hours failed')).toEqual([]);

      // Slack is back: the next log asks again, gets Shanghai, and lands on Shanghai's day.
      const next = await harness.command('/hours', 'log 1 second', { userId: person.userId });
      expect(String((await next.response()).body.text)).toMatch(/^Logged 1h for today, Wed 11 Mar/);
      expect((await harness.store.hours.allEntries(person)).map((entry) => entry.workDate)).toEqual([
        FALLBACK_DAY,
        SLACK_DAY,
      ]);
      await stillAnswers(harness, person);
    },
  );
});

describe('Slack fails while a large /hours export is sent to the DM', () => {
  const FAULTS: Array<[string, string, Fault[]]> = [
    [
      'conversations.open',
      '500 (twice)',
      [
        { kind: 'http', status: 500 },
        { kind: 'http', status: 500 },
      ],
    ],
    ['conversations.open', 'a dropped connection (twice)', [{ kind: 'drop' }, { kind: 'drop' }]],
    ['conversations.open', 'a Slack error', [{ kind: 'slack_error', error: 'cannot_dm_bot' }]],
    [
      'files.getUploadURLExternal',
      '429 (twice)',
      [
        { kind: 'rate_limited', retryAfterSeconds: 1 },
        { kind: 'rate_limited', retryAfterSeconds: 1 },
      ],
    ],
    ['files.getUploadURLExternal', 'a Slack error', [{ kind: 'slack_error', error: 'not_allowed_token_type' }]],
    [
      'files.completeUploadExternal',
      '500 (twice)',
      [
        { kind: 'http', status: 500 },
        { kind: 'http', status: 500 },
      ],
    ],
    ['files.completeUploadExternal', 'a Slack error', [{ kind: 'slack_error', error: 'invalid_channel' }]],
  ];

  it.each(FAULTS)(
    '%s answering %s: told privately, logged with an id, nothing changed, next command fine',
    async (method, _name, faults) => {
      const harness = await start();
      const person: PersonKey = { teamId: TEAM, userId: 'U0BIG' };
      await harness.store.people.saveSlackTimezone(person, 'Asia/Shanghai', NOW.toISOString());
      for (let i = 0; i < 60; i++) {
        const added = await harness.store.hours.addEntry(
          {
            ...person,
            workDate: `2026-02-${String(1 + (i % 28)).padStart(2, '0')}`,
            minutes: 60,
            note: `n${i}`,
            loggedAt: NOW.toISOString(),
          },
          1440,
        );
        expect(added.ok).toBe(true);
      }
      const before = storeSnapshot(harness.databasePath);
      for (const fault of faults) harness.fake.fail(method, fault);

      const result = await harness.command('/hours', 'export', { userId: person.userId });
      expect(result.status).toBe(200);
      expect(result.ack).toBeUndefined();
      const answer = (await result.response(10_000)).body as Message;
      expect(answer.response_type).toBe('ephemeral');
      expect(String(answer.text)).toContain('could not finish /hours');
      const failure = logsWith(harness, '/hours failed');
      expect(failure).toHaveLength(1);
      expect(failure[0]).toMatchObject({ level: 50, command: '/hours', userId: person.userId });
      expect(String(answer.text)).toContain(String(failure[0]?.errorId));
      // Nobody was told it worked, and no file reached a conversation.
      expect(harness.fake.responses.filter((post) => String(post.body.text).startsWith('Sent your'))).toEqual([]);
      expect(harness.fake.files.filter((file) => file.channel)).toEqual([]);
      expect(storeSnapshot(harness.databasePath)).toEqual(before);

      await stillAnswers(harness, person);
      // And the export works once Slack does.
      const again = await harness.command('/hours', 'export', { userId: person.userId });
      expect(String((await again.response()).body.text)).toMatch(/^Sent your 60 entries/);
      expect(harness.fake.files.filter((file) => file.channel === 'D0BIG')).toHaveLength(1);
    },
  );
});

describe('the response_url cannot be reached', () => {
  it('the entry is still logged once, the failure is logged, and the app keeps answering', async () => {
    const harness = await start();
    const person = newcomer(harness, 'U0LOST');
    // A port nothing listens on: the post to response_url is refused.
    const deadUrl = `http://127.0.0.1:${await closedPort()}/response/lost`;
    const body = slashCommandBody({
      command: '/hours',
      text: 'log 2 lost answer',
      userId: person.userId,
      responseUrl: deadUrl,
    });
    const res = await harness.post(body, signedHeaders(SIGNING_SECRET, body, Math.floor(NOW.getTime() / 1000)));
    expect(res.status).toBe(200);
    const told = await waitFor(() => logsWith(harness, 'could not tell the user').at(0));
    expect(told).toMatchObject({ level: 50, command: '/hours', userId: person.userId });
    expect(logsWith(harness, '/hours failed')).toHaveLength(1);
    const entries = await harness.store.hours.allEntries(person);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ minutes: 120, note: 'lost answer' });
    await stillAnswers(harness, person);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitFor<T>(check: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
