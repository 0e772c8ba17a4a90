import { describe, expect, it } from 'vitest';
import { ACTION_UNDO, undoValue } from '../../src/features/hours/render.js';
import { blockActionsBody, signature, signedHeaders, slashCommandBody } from '../../src/slack/protocol.js';
import type { PersonKey } from '../../src/store/types.js';
import { build, type Harness, SIGNING_SECRET } from '../helpers/build.js';
import { rowCount, storeSnapshot } from './snapshot.js';

/**
 * A request that Slack did not sign (or signed too long ago, or "in the future") must change nothing: no entry,
 * no person row, no undo, and not one call to Slack. Each case sends a REAL command or button press that would
 * do all of those if it were accepted; the last test shows that the same bodies, correctly signed, do.
 */

const ADA = 'U0ADA';
const ada: PersonKey = { teamId: 'T0LIGHTS', userId: ADA };
/** An injected app clock: the signature window is measured against it, not the machine's. */
const NOW = new Date('2026-03-10T18:00:00Z');
const nowSeconds = () => Math.floor(NOW.getTime() / 1000);

type Headers = Record<string, string>;
const withoutHeader = (headers: Headers, name: string): Headers =>
  Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));

/** Every way a request can fail verification; each gets the body it would carry. */
const FORGERIES: Array<[string, (body: string) => Headers]> = [
  [
    'a bad signature',
    (body) => ({ ...signedHeaders(SIGNING_SECRET, body, nowSeconds()), 'x-slack-signature': 'v0=00' }),
  ],
  [
    'a signature of the right length that is wrong',
    (body) => {
      const good = signedHeaders(SIGNING_SECRET, body, nowSeconds());
      const sig = good['x-slack-signature'] as string;
      const flipped = `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`;
      return { ...good, 'x-slack-signature': flipped };
    },
  ],
  ['the wrong secret', (body) => signedHeaders('not-the-signing-secret', body, nowSeconds())],
  ['no signature', (body) => withoutHeader(signedHeaders(SIGNING_SECRET, body, nowSeconds()), 'x-slack-signature')],
  [
    'no timestamp',
    (body) => withoutHeader(signedHeaders(SIGNING_SECRET, body, nowSeconds()), 'x-slack-request-timestamp'),
  ],
  [
    'a timestamp that is not a number',
    (body) => ({ ...signedHeaders(SIGNING_SECRET, body, nowSeconds()), 'x-slack-request-timestamp': 'soon' }),
  ],
  ['a stale timestamp (5 min 1 s old)', (body) => signedHeaders(SIGNING_SECRET, body, nowSeconds() - 301)],
  ['a stale timestamp (6 min old)', (body) => signedHeaders(SIGNING_SECRET, body, nowSeconds() - 360)],
  ['a stale timestamp (a day old)', (body) => signedHeaders(SIGNING_SECRET, body, nowSeconds() - 86_400)],
  ['a far-future timestamp (1 h ahead)', (body) => signedHeaders(SIGNING_SECRET, body, nowSeconds() + 3600)],
  ['a future timestamp (5 min 1 s ahead)', (body) => signedHeaders(SIGNING_SECRET, body, nowSeconds() + 301)],
  [
    'a replay whose timestamp header was moved to now (signature of an old one)',
    (body) => ({
      ...signedHeaders(SIGNING_SECRET, body, nowSeconds()),
      'x-slack-signature': signature(SIGNING_SECRET, nowSeconds() - 3600, body),
    }),
  ],
  [
    'a signature of a different body (tampered text)',
    (body) => signedHeaders(SIGNING_SECRET, body.replace(/5/g, '4'), nowSeconds()),
  ],
];

async function start(): Promise<Harness> {
  const harness = await build({ now: () => NOW, env: { NUDGE_TZ: 'America/Los_Angeles' } });
  // Ada's zone is not cached: an accepted `/hours log` would call users.info.
  harness.fake.addUser({ id: ADA, name: 'ada', tz: 'Europe/London' });
  return harness;
}

function logBody(harness: Harness, responseId: string): string {
  return slashCommandBody({
    command: '/hours',
    text: 'log 5 note',
    userId: ADA,
    responseUrl: harness.fake.responseUrl(responseId),
  });
}

function undoBody(harness: Harness, entryId: number, responseId: string): string {
  return blockActionsBody({
    actionId: ACTION_UNDO,
    value: undoValue(ADA, entryId),
    blockId: 'hours_logged',
    userId: ADA,
    responseUrl: harness.fake.responseUrl(responseId),
  });
}

/** Gives the app a moment to do anything it (wrongly) started after answering. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('requests Slack did not sign change nothing', () => {
  it.each(FORGERIES)(
    '/hours log 5 note with %s: 401, no entry, no person, no Slack call',
    async (_name, headersFor) => {
      const harness = await start();
      const before = storeSnapshot(harness.databasePath);
      const body = logBody(harness, 'forged-log');
      const res = await harness.post(body, headersFor(body));
      expect(res.status).toBe(401);
      expect(await res.text()).toBe('');
      await settle();
      expect(await harness.store.hours.countEntries(ada)).toBe(0);
      expect(await harness.store.people.getPerson(ada)).toBeUndefined();
      expect(storeSnapshot(harness.databasePath)).toEqual(before);
      expect(harness.fake.calls).toEqual([]);
      expect(harness.fake.responses).toEqual([]);
      // And it was logged as a refusal, without the signature itself.
      const refusal = harness.logs.records().find((record) => String(record.msg).startsWith('refused a request'));
      expect(refusal).toMatchObject({ level: 40 });
      expect(JSON.stringify(refusal)).not.toContain(SIGNING_SECRET);
    },
  );

  it.each(FORGERIES)('an Undo press with %s: 401, the entry stays, no Slack call', async (_name, headersFor) => {
    const harness = await start();
    // A real entry, logged through a correctly signed command (this one does call users.info).
    const logged = await harness.command('/hours', 'log 5 note', { userId: ADA });
    expect(logged.status).toBe(200);
    expect(String((await logged.response()).body.text)).toContain('Logged 5h');
    const [entry] = await harness.store.hours.allEntries(ada);
    expect(entry).toBeDefined();
    const before = storeSnapshot(harness.databasePath);
    const callsBefore = harness.fake.calls.length;
    const responsesBefore = harness.fake.responses.length;

    const body = undoBody(harness, entry?.id as number, 'forged-undo');
    const res = await harness.post(body, headersFor(body));
    expect(res.status).toBe(401);
    await settle();
    expect(await harness.store.hours.allEntries(ada)).toEqual([entry]);
    expect(storeSnapshot(harness.databasePath)).toEqual(before);
    expect(harness.fake.calls).toHaveLength(callsBefore);
    expect(harness.fake.responses).toHaveLength(responsesBefore);
    expect(harness.fake.responses.some((post) => post.id === 'forged-undo')).toBe(false);
  });

  it('the same bodies, correctly signed at the edge of the window, do log and undo (the cases above can fail)', async () => {
    const harness = await start();
    const empty = storeSnapshot(harness.databasePath);
    const log = logBody(harness, 'real-log');
    // 300 s old is still inside Slack's window.
    const res = await harness.post(log, signedHeaders(SIGNING_SECRET, log, nowSeconds() - 300));
    expect(res.status).toBe(200);
    await harness.fake.waitForResponse('real-log');
    expect(harness.fake.callsTo('users.info')).toHaveLength(1);
    const [entry] = await harness.store.hours.allEntries(ada);
    expect(entry).toMatchObject({ minutes: 300, note: 'note' });
    expect(await harness.store.people.getPerson(ada)).toMatchObject({ slackTz: 'Europe/London' });
    expect(rowCount(storeSnapshot(harness.databasePath))).toBeGreaterThan(rowCount(empty));

    const undo = undoBody(harness, entry?.id as number, 'real-undo');
    const pressed = await harness.post(undo, signedHeaders(SIGNING_SECRET, undo, nowSeconds() + 300));
    expect(pressed.status).toBe(200);
    expect(String((await harness.fake.waitForResponse('real-undo')).body.text)).toContain('Undone');
    expect(await harness.store.hours.countEntries(ada)).toBe(0);
  });
});
