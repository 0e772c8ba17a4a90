import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACTION_FORGET, ACTION_FORGET_CANCEL, ACTION_UNDO } from '../../../src/features/hours/render.js';
import type { PersonKey } from '../../../src/store/types.js';
import { expectValidMessage as expectValidBlocks } from '../../helpers/block-kit.js';
import { build, type CommandResult, type Harness } from '../../helpers/build.js';

/** Every /hours answer is Block Kit. */
const expectValidMessage = (message: { text?: unknown; blocks?: unknown }) =>
  expectValidBlocks(message, { requireBlocks: true });

const TEAM = 'T0LIGHTS';
const ADA = 'U0ADA';
const BOB = 'U0BOB';
const ada: PersonKey = { teamId: TEAM, userId: ADA };

type Message = { text?: unknown; blocks?: unknown; response_type?: unknown; replace_original?: unknown };

/**
 * A clock the test moves; the app reads it through deps.now. The transport checks a request's timestamp against
 * deps.now while Bolt checks the signature's age against the system clock, so a signed request at an injected
 * time only passes both when the system clock agrees: `Date` alone is faked to the same instant (timers stay real).
 */
function clockAt(iso: string) {
  let current = new Date(iso);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(current);
  return {
    now: () => current,
    set: (next: string) => {
      current = new Date(next);
      vi.setSystemTime(current);
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

async function start(iso = '2026-11-25T20:00:00Z', env: Record<string, string> = {}) {
  const clock = clockAt(iso);
  const harness = await build({ now: clock.now, env: { NUDGE_TZ: 'America/Los_Angeles', ...env } });
  return { harness, clock };
}

/** Gives a person a fresh cached Slack zone, so their commands take the fast path. */
async function knownZone(harness: Harness, person: PersonKey, zone: string, at: Date) {
  await harness.store.people.saveSlackTimezone(person, zone, at.toISOString());
}

/** The answer, from the ack when the app answered there, otherwise from the response_url post. */
async function answerOf(result: CommandResult): Promise<Message> {
  expect(result.status).toBe(200);
  if (result.ack && Object.keys(result.ack).length > 0) return result.ack;
  return (await result.response()).body;
}

async function hours(harness: Harness, text: string, userId = ADA, teamId = TEAM): Promise<Message> {
  const answer = await answerOf(await harness.command('/hours', text, { userId, teamId }));
  expect(answer.response_type).toBe('ephemeral');
  expectValidMessage(answer);
  return answer;
}

const json = (message: unknown) => JSON.stringify(message);

function undoButtonValue(answer: Message): string {
  const actions = (answer.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>)
    .filter((block) => block.type === 'actions')
    .flatMap((block) => block.elements ?? []);
  const undo = actions.find((element) => element.action_id === ACTION_UNDO);
  if (!undo) throw new Error(`no Undo button in ${json(answer)}`);
  return undo.value;
}

/** Records the order of acks (the app's HTTP answers) and Web API calls, in the app's own process. */
function recordOrder(harness: Harness): string[] {
  const events: string[] = [];
  harness.lightsOut.server.prependListener('request', (_req, res) => {
    const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
    res.end = ((...args: unknown[]) => {
      events.push('ack');
      return end(...args);
    }) as typeof res.end;
  });
  harness.fake.on('call', (call: { method: string }) => events.push(`call:${call.method}`));
  return events;
}

describe('/hours log', () => {
  it('logs into the ack when the zone is cached: entry, day, week, band and an Undo button, no Web API call', async () => {
    const { harness, clock } = await start();
    await knownZone(harness, ada, 'America/Los_Angeles', clock.now());
    await hours(harness, 'log 8 2026-11-23');
    const answer = await hours(harness, 'log 7h30 yesterday reading the eval logs');
    expect(answer.text).toContain('Logged 7h30m for yesterday, Tue 24 Nov');
    expect(json(answer.blocks)).toContain('Day: *7h30m* · Week: *15h30m* :seedling: sustainable');
    expect(json(answer.blocks)).toContain('“reading the eval logs”');
    expect(undoButtonValue(answer)).toMatch(/^U0ADA:\d+$/);
    expect(harness.fake.calls).toEqual([]);
    const entries = await harness.store.hours.allEntries(ada);
    expect(entries.map((e) => [e.workDate, e.minutes, e.note])).toEqual([
      ['2026-11-23', 480, null],
      ['2026-11-24', 450, 'reading the eval logs'],
    ]);
    expect(entries[1]?.loggedAt).toBe('2026-11-25T20:00:00.000Z');
  });

  it('asks Slack for the zone after an empty ack, then answers through response_url and caches the zone', async () => {
    // 20:00Z on Wed 25 Nov is Thu 26 Nov 04:00 in Shanghai (the night rule: Wed 25) and Wed 12:00 in LA.
    const { harness, clock } = await start('2026-11-25T20:00:00Z');
    harness.fake.addUser({ id: ADA, name: 'ada', tz: 'Asia/Shanghai' });
    const order = recordOrder(harness);
    const result = await harness.command('/hours', 'log 6', { userId: ADA });
    expect(result.ack).toBeUndefined();
    const answer = (await result.response()).body;
    expectValidMessage(answer);
    expect(answer.text).toContain('Logged 6h for today, Wed 25 Nov');
    expect(json(answer.blocks)).toContain("It's before 05:00");
    expect(order.slice(0, 2)).toEqual(['ack', 'call:users.info']);
    expect(await harness.store.people.getPerson(ada)).toMatchObject({ slackTz: 'Asia/Shanghai' });

    // Cached now: the next log answers in the ack without calling Slack.
    clock.set('2026-11-26T02:00:00Z'); // 10:00 Thu in Shanghai
    const second = await harness.command('/hours', 'log 1', { userId: ADA });
    expect(String(second.ack?.text)).toContain('Logged 1h for today, Thu 26 Nov');
    expect(harness.fake.callsTo('users.info')).toHaveLength(1);

    // A day later the cache is stale and Slack is asked again.
    clock.set('2026-11-27T03:00:00Z');
    await answerOf(await harness.command('/hours', 'log 1', { userId: ADA }));
    expect(harness.fake.callsTo('users.info')).toHaveLength(2);
  });

  it('never makes a Web API call before the ack, even when Slack is slow to answer', async () => {
    const { harness } = await start();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    harness.fake.answer('users.info', async () => {
      await gate;
      return { user: { id: ADA, tz: 'Europe/London' } };
    });
    const order = recordOrder(harness);
    const result = await harness.command('/hours', 'log 2', { userId: ADA });
    // The ack came back while users.info is still unanswered.
    expect(result.status).toBe(200);
    await harness.fake.waitForCalls('users.info');
    expect(order).toEqual(['ack', 'call:users.info']);
    release();
    expect(String((await result.response()).body.text)).toContain('Logged 2h');
  });

  it('falls back to NUDGE_TZ cleanly when users.info fails', async () => {
    // 07:00Z Thu 26 Nov: 23:00 Wed in Los Angeles (the fallback), 15:00 Thu in Shanghai.
    const { harness } = await start('2026-11-26T07:00:00Z');
    harness.fake.addUser({ id: ADA, name: 'ada', tz: 'Asia/Shanghai' });
    harness.fake.fail('users.info', { kind: 'http', status: 500 }, 2);
    const answer = await hours(harness, 'log 3');
    expect(answer.text).toContain('Logged 3h for today, Wed 25 Nov');
    expect((await harness.store.hours.allEntries(ada))[0]?.workDate).toBe('2026-11-25');
    expect(
      harness.logs.records().some((r) => r.msg === 'users.info failed; using the cached or default time zone'),
    ).toBe(true);
  });

  it('counts a log between 00:00 and 04:59 for the night before, and says which date it used', async () => {
    const { harness, clock } = await start('2026-11-24T12:59:00Z'); // 04:59 Tue in Los Angeles
    await knownZone(harness, ada, 'America/Los_Angeles', clock.now());
    const night = await hours(harness, 'log 2');
    expect(night.text).toContain('Logged 2h for today, Mon 23 Nov');
    expect(json(night.blocks)).toContain("It's before 05:00, so your day is still Mon 23 Nov");
    clock.set('2026-11-24T14:00:00Z'); // 06:00: an hour of Tuesday has passed
    const morning = await hours(harness, 'log 1');
    expect(morning.text).toContain('Logged 1h for today, Tue 24 Nov');
    expect(json(morning.blocks)).not.toContain('before 05:00');
    expect(await harness.store.hours.dailyTotals(ada, '2026-11-23', '2026-11-24')).toEqual([
      { date: '2026-11-23', minutes: 120 },
      { date: '2026-11-24', minutes: 60 },
    ]);
  });

  it('refuses a log that would take a day past 24 h, and stores nothing', async () => {
    const { harness, clock } = await start();
    await knownZone(harness, ada, 'America/Los_Angeles', clock.now());
    await hours(harness, 'log 20 yesterday');
    const refused = await hours(harness, 'log 4h01m yesterday');
    expect(refused.text).toMatch(
      /Yesterday, Tue 24 Nov can hold at most 24h; it has 20h logged, so 4h01m more would not fit\. Nothing was changed/,
    );
    expect(json(refused.blocks)).not.toContain(ACTION_UNDO);
    await hours(harness, 'log 4 yesterday');
    expect(await harness.store.hours.dailyTotals(ada, '2026-11-24', '2026-11-24')).toEqual([
      { date: '2026-11-24', minutes: 1440 },
    ]);
    expect((await hours(harness, 'log 1m yesterday')).text).toContain('it has 24h logged');
    expect(await harness.store.hours.countEntries(ada)).toBe(2);
  });

  it('refuses future dates and dates more than a year back', async () => {
    const { harness, clock } = await start();
    await knownZone(harness, ada, 'America/Los_Angeles', clock.now());
    expect((await hours(harness, 'log 8 2026-11-26')).text).toMatch(/hasn't begun yet/);
    expect((await hours(harness, 'log 8 2025-11-24')).text).toMatch(/more than a year back/);
    expect(await harness.store.hours.countEntries(ada)).toBe(0);
  });

  it.each([
    ['abc', /I don't know `\/hours abc`/],
    ['log abc', /can't read `abc`/],
    ['log -3', /negative/],
    ['log 0', /zero/],
    ['log 25', /more than a day/],
    ['log 1e9', /scientific notation/],
    ['log 7.555', /more than two decimals/],
    ['log', /need an amount/],
    [`log 8 ${'n'.repeat(5000)}`, /5000 characters/],
    ['log 8 <!channel> ship it', /cannot contain Slack mentions or links/],
    ['log 8 2026-02-30', /not a real date/],
  ])('answers %j privately with the problem and the right form, storing nothing', async (text, why) => {
    const { harness } = await start();
    const result = await harness.command('/hours', text, { userId: ADA });
    expect(result.ack).toMatchObject({ response_type: 'ephemeral' });
    expectValidMessage(result.ack as Message);
    expect(String(result.ack?.text)).toMatch(why);
    expect(json(result.ack)).toContain('/hours');
    expect(await harness.store.hours.countEntries(ada)).toBe(0);
    expect(harness.fake.calls).toEqual([]);
  });

  it('shows notes escaped, so they can never ping or link', async () => {
    const { harness, clock } = await start();
    await knownZone(harness, ada, 'America/Los_Angeles', clock.now());
    // Slack sends &, < and > as entities; the note is stored as typed and escaped again when shown.
    const answer = await hours(harness, 'log 1 R&amp;D -&gt; evals');
    expect((await harness.store.hours.allEntries(ada))[0]?.note).toBe('R&D -> evals');
    expect(json(answer.blocks)).toContain('R&amp;D -&gt; evals');
  });

  it('lands all of 40 concurrent logs from one person, exactly', async () => {
    const { harness, clock } = await start();
    await knownZone(harness, ada, 'America/Los_Angeles', clock.now());
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => harness.command('/hours', `log 30m yesterday n${i}`, { userId: ADA })),
    );
    for (const result of answers) expect(String(result.ack?.text)).toContain('Logged 30m');
    const entries = await harness.store.hours.allEntries(ada);
    expect(entries).toHaveLength(40);
    expect(new Set(entries.map((e) => e.note)).size).toBe(40);
    expect(await harness.store.hours.dailyTotals(ada, '2026-11-24', '2026-11-24')).toEqual([
      { date: '2026-11-24', minutes: 1200 },
    ]);
  });

  it('keeps the 24 h cap under 30 concurrent one-hour logs: exactly 24 land, 6 are refused', async () => {
    const { harness, clock } = await start();
    await knownZone(harness, ada, 'America/Los_Angeles', clock.now());
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => harness.command('/hours', 'log 1 yesterday', { userId: ADA })),
    );
    const texts = answers.map((result) => String(result.ack?.text));
    expect(texts.filter((text) => text.startsWith('Logged 1h'))).toHaveLength(24);
    expect(texts.filter((text) => text.includes('Nothing was changed'))).toHaveLength(6);
    expect(await harness.store.hours.dailyTotals(ada, '2026-11-24', '2026-11-24')).toEqual([
      { date: '2026-11-24', minutes: 1440 },
    ]);
  });

  it('keeps workspaces apart: the same user id in another team has its own ledger', async () => {
    const { harness, clock } = await start();
    await knownZone(harness, ada, 'America/Los_Angeles', clock.now());
    await knownZone(harness, { teamId: 'T0OTHER', userId: ADA }, 'America/Los_Angeles', clock.now());
    await hours(harness, 'log 20 yesterday');
    const other = await hours(harness, 'log 20 yesterday', ADA, 'T0OTHER');
    expect(other.text).toContain('Day: 20h');
    expect(await harness.store.hours.countEntries({ teamId: 'T0OTHER', userId: ADA })).toBe(1);
  });
});

describe('undo', () => {
  it('/hours undo removes the most recent entry and says which; then says when there is none', async () => {
    const { harness, clock } = await start();
    await knownZone(harness, ada, 'America/Los_Angeles', clock.now());
    await hours(harness, 'log 3 today');
    await hours(harness, 'log 2 2026-11-20 late review');
    const undone = await hours(harness, 'undo');
    expect(undone.text).toBe('Undone: removed 2h from Fri 20 Nov — “late review”. That day now has 0h.');
    expect((await hours(harness, 'undo')).text).toContain('removed 3h from Wed 25 Nov');
    expect((await hours(harness, 'undo')).text).toContain("There's nothing to undo");
  });

  it('the Undo button removes exactly that entry, only for its owner', async () => {
    const { harness, clock } = await start();
    await knownZone(harness, ada, 'America/Los_Angeles', clock.now());
    const first = await hours(harness, 'log 3 today first');
    await hours(harness, 'log 2 today second');
    const value = undoButtonValue(first);

    // Bob presses Ada's button: nothing happens to Ada's ledger.
    const bobPress = await harness.action({ actionId: ACTION_UNDO, value, userId: BOB });
    const bobAnswer = (await bobPress.response()).body;
    expect(bobAnswer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(bobAnswer.text)).toContain('belongs to someone else');
    // Even a forged value naming Bob cannot reach Ada's entry: the store checks the owner.
    const forged = await harness.action({ actionId: ACTION_UNDO, value: value.replace(ADA, BOB), userId: BOB });
    expect(String((await forged.response()).body.text)).toContain('already gone');
    expect(await harness.store.hours.countEntries(ada)).toBe(2);

    const press = await harness.action({ actionId: ACTION_UNDO, value, userId: ADA });
    const answer = (await press.response()).body;
    expectValidMessage(answer);
    expect(answer).toMatchObject({ replace_original: true });
    expect(String(answer.text)).toBe('Undone: removed 3h from Wed 25 Nov — “first”. That day now has 2h.');
    expect((await harness.store.hours.allEntries(ada)).map((e) => e.note)).toEqual(['second']);

    const again = await harness.action({ actionId: ACTION_UNDO, value, userId: ADA });
    expect(String((await again.response()).body.text)).toContain('already gone');
    expect(await harness.store.hours.countEntries(ada)).toBe(1);
  });
});

describe('week and month views', () => {
  it('shows the ISO week with days, bars, total, band, change and streak', async () => {
    const { harness, clock } = await start('2026-11-27T20:00:00Z'); // Fri 27 Nov, noon in LA
    await knownZone(harness, ada, 'America/Los_Angeles', clock.now());
    for (const [amount, date] of [
      ['10', '2026-11-16'],
      ['12', '2026-11-23'],
      ['13', '2026-11-24'],
      ['12:30', '2026-11-25'],
      ['14', '2026-11-26'],
    ]) {
      await hours(harness, `log ${amount} ${date}`);
    }
    const week = await hours(harness, '');
    const blocks = json(week.blocks);
    expect(blocks).toContain('*Your week so far* · Mon 23 Nov – Sun 29 Nov');
    expect(blocks).toContain(`Mon 23   12h    ${'█'.repeat(6)}`);
    expect(blocks).toContain(`Thu 26   14h    ${'█'.repeat(7)}`);
    expect(blocks).toContain('Fri 27 ◂ ·');
    expect(blocks).toContain('Total: *51h30m* :hourglass_flowing_sand: long');
    expect(blocks).toContain('+41h30m against the week before (10h)');
    expect(blocks).toContain('4 days in a row at 12h or more, as of today, Fri 27 Nov');
    expect(await hours(harness, 'week')).toEqual(week);

    const last = json((await hours(harness, 'week last')).blocks);
    expect(last).toContain('*Your week* · Mon 16 Nov – Sun 22 Nov');
    expect(last).toContain('Total: *10h*');
    // A past week still says the streak, as of today.
    expect(last).toContain('4 days in a row at 12h or more, as of today, Fri 27 Nov');
  });

  it('puts entries on the right days in a DST week in Los Angeles (fall back, Sun 1 Nov 2026)', async () => {
    const { harness, clock } = await start('2026-10-26T19:00:00Z'); // Mon 26 Oct, 12:00 PDT
    await knownZone(harness, ada, 'America/Los_Angeles', clock.now());
    // One log each noon; the Sunday ones straddle the change: 12:30Z is 04:30 PST (still Saturday's night).
    for (const instant of ['2026-10-26T19:00:00Z', '2026-10-28T19:00:00Z', '2026-10-31T19:00:00Z']) {
      clock.set(instant);
      await hours(harness, 'log 1');
    }
    clock.set('2026-11-01T12:30:00Z');
    expect((await hours(harness, 'log 2')).text).toContain('Sat 31 Oct');
    clock.set('2026-11-01T19:00:00Z'); // noon PST
    expect((await hours(harness, 'log 4')).text).toContain('today, Sun 1 Nov');
    clock.set('2026-11-02T07:59:00Z'); // Sun 1 Nov 23:59 PST: still the same week
    const week = json((await hours(harness, 'week')).blocks);
    expect(week).toContain('Mon 26 Oct – Sun 1 Nov');
    expect(week).toContain('Sat 31   3h');
    expect(week).toContain('Sun 1  ◂ 4h');
    expect(week).toContain('Total: *9h*');
    clock.set('2026-11-02T08:00:00Z'); // 00:00 Mon 2 Nov PST: the night rule keeps the old week until 05:00
    expect(json((await hours(harness, 'week')).blocks)).toContain('Mon 26 Oct – Sun 1 Nov');
    clock.set('2026-11-02T13:00:00Z'); // 05:00 PST Monday: a new week
    expect(json((await hours(harness, 'week')).blocks)).toContain('Mon 2 Nov – Sun 8 Nov');
  });

  it('puts entries on the right days in a DST week in London (spring forward, Sun 29 Mar 2026)', async () => {
    const { harness, clock } = await start('2026-03-29T03:30:00Z'); // 03:30 BST on Sunday: Saturday's night
    await knownZone(harness, ada, 'Europe/London', clock.now());
    expect((await hours(harness, 'log 5')).text).toContain('Sat 28 Mar');
    clock.set('2026-03-29T11:30:00Z'); // 12:30 BST: 7h30m since 05:00 BST (a fixed GMT offset would say 6h30m)
    expect((await hours(harness, 'log 7h30')).text).toContain('today, Sun 29 Mar');
    const week = json((await hours(harness, 'week')).blocks);
    expect(week).toContain('Mon 23 Mar – Sun 29 Mar');
    expect(week).toContain('Sat 28   5h');
    expect(week).toContain('Total: *12h30m*');
  });

  it('uses the zone east of UTC for days and weeks (Asia/Shanghai)', async () => {
    // 16:30Z Sun 22 Nov is 00:30 Mon 23 Nov in Shanghai: the night rule keeps it on Sunday, in last week.
    const { harness, clock } = await start('2026-11-22T16:30:00Z');
    await harness.store.people.setTimezoneOverride(ada, 'Asia/Shanghai');
    expect((await hours(harness, 'log 3')).text).toContain('Sun 22 Nov');
    clock.set('2026-11-23T01:00:00Z'); // 09:00 Mon 23 Nov in Shanghai, still Sunday in the Americas
    expect((await hours(harness, 'log 4')).text).toContain('today, Mon 23 Nov');
    const week = json((await hours(harness, 'week')).blocks);
    expect(week).toContain('Mon 23 Nov – Sun 29 Nov');
    expect(week).toContain('Total: *4h*');
    expect(week).toContain('+1h against the week before (3h)');
    expect(harness.fake.calls).toEqual([]);
  });

  it('shows the last four full weeks and this one, the average and the longest 12 h streak', async () => {
    const { harness, clock } = await start('2026-11-25T20:00:00Z');
    await knownZone(harness, ada, 'America/Los_Angeles', clock.now());
    for (const date of ['2026-10-27', '2026-10-28', '2026-10-29', '2026-11-10']) await hours(harness, `log 20 ${date}`);
    await hours(harness, 'log 20 2026-11-09');
    const month = await hours(harness, 'month');
    const blocks = json(month.blocks);
    expect(blocks).toContain('26 Oct – 1 Nov  60h     crunch');
    expect(blocks).toContain('2 Nov – 8 Nov   0h      ·');
    expect(blocks).toContain('9 Nov – 15 Nov  40h     long');
    expect(blocks).toContain('23 Nov – 29 Nov 0h      · (so far)');
    expect(blocks).toContain('Average of the four full weeks: *25h*');
    expect(blocks).toContain('Longest run at 12h+: 3 days (Tue 27 Oct – Thu 29 Oct)');
  });
});

describe('/hours tz', () => {
  it('shows the zone and where it came from, sets an override, refuses an unknown zone and resets', async () => {
    const { harness, clock } = await start('2026-11-25T20:00:00Z');
    await knownZone(harness, ada, 'America/Los_Angeles', clock.now());
    expect((await hours(harness, 'tz')).text).toBe(
      "Your time zone: *America/Los_Angeles*, from your Slack profile. It's 12:00 there.",
    );
    const unknown = await hours(harness, 'tz Mars/Olympus');
    expect(unknown.text).toContain("I don't know the time zone `Mars/Olympus`");
    expect(json(unknown.blocks)).toContain('/hours tz Europe/London');
    expect((await harness.store.people.getPerson(ada))?.tzOverride).toBeNull();

    expect((await hours(harness, 'tz asia/shanghai')).text).toBe(
      "Done: your hours now follow *Asia/Shanghai* (it's 04:00 there).",
    );
    expect((await hours(harness, 'tz')).text).toContain('*Asia/Shanghai*, set by you with `/hours tz`');
    // The override decides the date: 04:00 Thursday in Shanghai is still Wednesday's night.
    expect((await hours(harness, 'log 1')).text).toContain('Wed 25 Nov');
    clock.set('2026-11-25T22:00:00Z');
    expect((await hours(harness, 'log 1')).text).toContain('today, Thu 26 Nov');

    const reset = await hours(harness, 'tz reset');
    expect(reset.text).toContain('Your own setting is gone. Your time zone: *America/Los_Angeles*');
    expect(harness.fake.calls).toEqual([]);
  });
});

describe('/hours export', () => {
  it('answers a small export inline, as safe CSV', async () => {
    const { harness, clock } = await start();
    await knownZone(harness, ada, 'America/Los_Angeles', clock.now());
    await hours(harness, 'log 7:20 2026-11-23 =HYPERLINK("http://x","y")');
    await hours(harness, 'log 1 today a, b');
    const answer = await hours(harness, 'export');
    expect(answer.text).toContain('Your 2 entries as CSV');
    const csv = (answer.blocks as Array<{ text?: { text: string } }>)[1]?.text?.text ?? '';
    expect(csv).toContain('"2026-11-23","7.3333","440","\'=HYPERLINK(""http://x"",""y"")",');
    expect(csv).toContain('"2026-11-25","1","60","a, b","2026-11-25T20:00:00.000Z"');
    expect(harness.fake.calls).toEqual([]);
  });

  it('says so when there is nothing to export', async () => {
    const { harness } = await start();
    expect((await hours(harness, 'export')).text).toContain('Nothing to export yet');
  });

  it('sends 2,000 entries as a CSV file to the person’s DM, after the ack', async () => {
    const { harness } = await start();
    for (let i = 0; i < 2000; i++) {
      const date = new Date(Date.UTC(2026, 10, 25) - (i % 365) * 86_400_000).toISOString().slice(0, 10);
      const note = i % 3 === 0 ? `-${i}+1` : i % 3 === 1 ? `note ${i}, with "quotes"` : null;
      const added = await harness.store.hours.addEntry(
        {
          ...ada,
          workDate: date,
          minutes: 1 + (i % 180),
          note,
          loggedAt: `2026-11-25T00:00:00.${String(i % 1000).padStart(3, '0')}Z`,
        },
        1440,
      );
      expect(added.ok).toBe(true);
    }
    const order = recordOrder(harness);
    const result = await harness.command('/hours', 'export', { userId: ADA });
    expect(result.ack).toBeUndefined();
    const answer = (await result.response(10_000)).body;
    expectValidMessage(answer);
    expect(String(answer.text)).toBe(
      'Sent your 2000 entries as `lights-out-hours-2026-11-25.csv` to our DM. Only you can see it there.',
    );
    expect(order[0]).toBe('ack');
    expect(order.filter((event) => event.startsWith('call:'))).toEqual([
      'call:conversations.open',
      'call:files.getUploadURLExternal',
      'call:files.completeUploadExternal',
    ]);
    expect(harness.fake.callsTo('conversations.open')[0]?.args.users).toBe(ADA);
    const file = harness.fake.files[0];
    expect(file?.filename).toBe('lights-out-hours-2026-11-25.csv');
    expect(file?.channel).toBe('D0ADA');
    const lines = (file?.content ?? Buffer.alloc(0)).toString('utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(2001);
    expect(lines[0]).toBe('"date","hours","minutes","note","logged_at"');
    // Oldest first, every formula-looking note neutralised, quotes doubled.
    expect(lines.some((line) => /,"-\d+\+1",/.test(line))).toBe(false);
    expect(lines.filter((line) => line.includes(`,"'-`)).length).toBe(667);
    expect(lines.filter((line) => line.includes('"note 1, with ""quotes"""')).length).toBe(1);
    const minutes = lines.slice(1).reduce((sum, line) => sum + Number(line.split(',')[2]?.replace(/"/g, '')), 0);
    const expected = Array.from({ length: 2000 }, (_, i) => 1 + (i % 180)).reduce((a, b) => a + b, 0);
    expect(minutes).toBe(expected);
  });
});

describe('/hours forget', () => {
  it('asks first, then deletes every entry and preference with `/hours forget confirm`', async () => {
    const { harness, clock } = await start();
    await harness.store.people.setTimezoneOverride(ada, 'Europe/London');
    await knownZone(harness, { teamId: TEAM, userId: BOB }, 'America/Los_Angeles', clock.now());
    await hours(harness, 'log 3 today');
    await hours(harness, 'log 2 yesterday');
    await hours(harness, 'log 1 today', BOB);
    const ask = await hours(harness, 'forget');
    expect(ask.text).toContain('This deletes all your hours (2 entries)');
    expect(json(ask.blocks)).toContain(ACTION_FORGET);
    expect(await harness.store.hours.countEntries(ada)).toBe(2);

    const done = await hours(harness, 'forget confirm');
    expect(done.text).toContain('Deleted 2 entries');
    expect(await harness.store.hours.countEntries(ada)).toBe(0);
    expect(await harness.store.people.getPerson(ada)).toBeUndefined();
    expect(await harness.store.hours.countEntries({ teamId: TEAM, userId: BOB })).toBe(1);
  });

  it('deletes with the button, only for the person it was for; Keep it deletes nothing', async () => {
    const { harness, clock } = await start();
    await knownZone(harness, ada, 'America/Los_Angeles', clock.now());
    await hours(harness, 'log 3 today');
    await hours(harness, 'forget');

    const keep = await harness.action({ actionId: ACTION_FORGET_CANCEL, value: ADA, userId: ADA });
    expect(String((await keep.response()).body.text)).toBe('Kept. Nothing was deleted.');
    const bob = await harness.action({ actionId: ACTION_FORGET, value: ADA, userId: BOB });
    expect(String((await bob.response()).body.text)).toContain('nothing was deleted');
    expect(await harness.store.hours.countEntries(ada)).toBe(1);

    const press = await harness.action({ actionId: ACTION_FORGET, value: ADA, userId: ADA });
    const answer = (await press.response()).body;
    expectValidMessage(answer);
    expect(answer).toMatchObject({ replace_original: true });
    expect(String(answer.text)).toContain('Deleted 1 entry');
    expect(await harness.store.hours.countEntries(ada)).toBe(0);
  });
});

describe('/hours team', () => {
  it('shows last week without the asker, only once 5 others logged it, and nothing the asker logs moves it', async () => {
    const { harness, clock } = await start('2026-11-28T20:00:00Z'); // Sat 28 Nov: last week is 16–22 Nov
    const others = ['U0B', 'U0C', 'U0D', 'U0E', 'U0F'];
    for (const userId of [ADA, ...others]) {
      await knownZone(harness, { teamId: TEAM, userId }, 'America/Los_Angeles', clock.now());
    }
    await hours(harness, 'log 17 2026-11-16', 'U0B');
    await hours(harness, 'log 20 2026-11-17', 'U0C');
    await hours(harness, 'log 7 2026-11-18', 'U0C');
    await hours(harness, 'log 22 2026-11-16', 'U0D');
    await hours(harness, 'log 22 2026-11-17', 'U0D');
    await hours(harness, 'log 22 2026-11-18', 'U0D');
    await hours(harness, 'log 5 today', 'U0E'); // this week: does not count
    await hours(harness, 'log 8 2026-11-19', 'U0E');
    await hours(harness, 'log 9 2026-11-20', ADA); // the asker: never counts
    await hours(harness, 'log 5 2026-11-18', 'T0OTHERGUY', 'T0OTHER'); // another workspace never counts
    expect((await hours(harness, 'team')).text).toContain('appear once at least 5 other people logged it');

    for (const date of ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19']) {
      await hours(harness, `log 21 ${date}`, 'U0F');
    }
    const team = await hours(harness, 'team');
    expect(team.text).toBe(
      'Team figures for last week (Mon 16 Nov – Sun 22 Nov), anonymously: 5 others logged · median 27h · ' +
        'sustainable 3 · long 0 · crunch 1 · frontier-lab hours 1 · 0-0-2 0.',
    );
    for (const userId of [ADA, ...others]) expect(json(team)).not.toContain(userId);

    // The attack from the report: log a minute, then 48 h, into the same week, and ask each time.
    for (const move of ['log 1m 2026-11-16', 'log 24 2026-11-21', 'log 24 2026-11-22', 'undo', 'log 3']) {
      await hours(harness, move);
      expect(await hours(harness, 'team')).toEqual(team);
    }
    await harness.command('/hours', 'forget confirm', { userId: ADA });
    expect((await hours(harness, 'team')).text).toBe(team.text);
  });
});

describe('/hours help', () => {
  it('shows usage with examples and the bands from the one band table', async () => {
    const { harness } = await start();
    const help = json((await hours(harness, 'help')).blocks);
    expect(help).toContain('/hours log 7.5 yesterday');
    expect(help).toContain('frontier-lab hours 80–100h');
    expect(help).toContain('0-0-2 100h+');
    expect(harness.fake.calls).toEqual([]);
  });
});
