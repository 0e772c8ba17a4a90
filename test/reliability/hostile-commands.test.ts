import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NudgeScheduler } from '../../src/nudges/scheduler.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';
import { createWebClient } from '../../src/slack/web-client.js';
import type { PersonKey } from '../../src/store/types.js';
import { expectValidMessage } from '../helpers/block-kit.js';
import { BOT_TOKEN, build, type Harness } from '../helpers/build.js';
import { expectInert, expectWithinLimits, HOSTILE, hostileString, RTL_OVERRIDE, slackEscape, ZWJ } from './hostile.js';
import { storeSnapshot } from './snapshot.js';

/**
 * The end-to-end half of the hostile-text suite: hostile text sent, really signed, to every command that takes
 * free text, as typed and as Slack sends it. Everything that reaches Slack (ack bodies, response_url posts, Web
 * API arguments) is checked: no control sequence, within Slack's limits, valid Block Kit; refusals are private,
 * say what to type, and store nothing.
 */

type Message = Record<string, unknown>;
const TEAM = 'T0LIGHTS';
/** Tuesday 10 March 2026, 18:00 UTC (10:00 in Los Angeles, the workspace zone). */
const NOW = new Date('2026-03-10T18:00:00Z');

type Command = {
  name: string;
  command: string;
  prefix: string;
  /** Refused: answered privately with a problem (as opposed to a real answer). */
  refused: (answer: Message) => boolean;
};

const text = (answer: Message) => JSON.stringify(answer);
const COMMANDS: Command[] = [
  {
    name: '/hours log 3 <note>',
    command: '/hours',
    prefix: 'log 3 ',
    refused: (answer) => !text(answer).includes('hours_undo'),
  },
  { name: '/quote <kw>', command: '/quote', prefix: '', refused: (answer) => answer.response_type !== 'in_channel' },
  { name: '/fact <kw>', command: '/fact', prefix: '', refused: (answer) => answer.response_type !== 'in_channel' },
  { name: '/nudge <junk>', command: '/nudge', prefix: '', refused: (answer) => text(answer).includes(':warning:') },
  {
    name: '/hours tz <junk>',
    command: '/hours',
    prefix: 'tz ',
    refused: (answer) => text(answer).includes(':thinking_face:'),
  },
  {
    name: '/hours week <junk>',
    command: '/hours',
    prefix: 'week ',
    refused: (answer) => text(answer).includes(':thinking_face:'),
  },
];

async function start(): Promise<Harness> {
  return build({ now: () => NOW, env: { NUDGE_TZ: 'America/Los_Angeles' } });
}

let people = 0;
/**
 * A new person per request (so a day's 24 h cap never interferes): every other one has a cached zone (answer in
 * the ack), the rest are first-timers whose zone comes from users.info (answer through response_url).
 */
async function newPerson(harness: Harness): Promise<PersonKey> {
  const userId = `UHOSTILE${++people}`;
  if (people % 2 === 0)
    await harness.store.people.saveSlackTimezone({ teamId: TEAM, userId }, 'Asia/Shanghai', NOW.toISOString());
  else harness.fake.addUser({ id: userId, name: `p${people}`, tz: 'Europe/London' });
  return { teamId: TEAM, userId };
}

/** The answer: the ack's body, or the response_url post after an empty ack. */
async function ask(harness: Harness, command: string, typed: string, person: PersonKey): Promise<Message> {
  const result = await harness.command(command, typed, { userId: person.userId });
  expect(result.status).toBe(200);
  if (result.ack && Object.keys(result.ack).length > 0) return result.ack;
  return (await result.response()).body;
}

/** Everything the app sent Slack so far, besides the acks: response_url posts and Web API arguments. */
const sentToSlack = (harness: Harness) => [
  ...harness.fake.responses.map((post) => post.body),
  ...harness.fake.calls.map((call) => call.args),
];

async function check(harness: Harness, spec: Command, typed: string, label: string): Promise<Message> {
  const person = await newPerson(harness);
  const before = storeSnapshot(harness.databasePath);
  const sent = spec.prefix + typed;
  const answer = await ask(harness, spec.command, sent, person);
  const what = `${spec.name} with ${label}`;
  expectInert(answer, what);
  expectValidMessage(answer as { text?: unknown; blocks?: unknown });
  expectWithinLimits(answer);
  if (spec.refused(answer)) {
    expect(answer.response_type, what).toBe('ephemeral');
    // Says what to type instead: a usage example of the same command.
    expect(text(answer), what).toMatch(new RegExp(`\`${spec.command}[ \`]`));
    expect(storeSnapshot(harness.databasePath), `${what} stored something`).toEqual(before);
  } else if (spec.command === '/hours') {
    expect(answer.response_type).toBe('ephemeral');
    const [entry] = await harness.store.hours.allEntries(person);
    if (spec.prefix.startsWith('log')) expect(entry?.note ?? '').not.toMatch(/<\s*(?:[!@#]|https?:|mailto:)/i);
  }
  if (sent.length >= 10_000) {
    // Long input is refused or cut, and the answer says so: it is short, and any quoted part ends in "…".
    expect(text(answer).length, what).toBeLessThan(5000);
    const head = escapeMrkdwn(typed.trim().slice(0, 30));
    if (text(answer).includes(head)) expect(text(answer), what).toMatch(/…|characters/);
    expect(spec.refused(answer), `${what}: long input accepted`).toBe(true);
  }
  return answer;
}

describe('hostile text in every free-text command', () => {
  it.each(COMMANDS)('$name: the named hostile inputs, raw and as Slack sends them', async (spec) => {
    const harness = await start();
    for (const [label, typed] of HOSTILE) {
      await check(harness, spec, typed, `${label} (raw)`);
      await check(harness, spec, slackEscape(typed), `${label} (as Slack sends it)`);
    }
    for (const payload of sentToSlack(harness)) expectInert(payload, 'a response_url post or Web API call');
  });

  it('generated hostile strings, any command, raw or escaped', async () => {
    const harness = await start();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...COMMANDS), hostileString, fc.boolean(), async (spec, typed, escaped) => {
        await check(harness, spec, escaped ? slackEscape(typed) : typed, JSON.stringify(typed.slice(0, 60)));
      }),
      { numRuns: 150 },
    );
    for (const payload of sentToSlack(harness)) expectInert(payload, 'a response_url post or Web API call');
  });
});

describe('an accepted hostile note comes back escaped everywhere', () => {
  const NOTES = [
    '*bold* ~x~ `code` > quoted',
    'R&D <3 >_< a<b',
    `emoji 👩‍💻🔥 ${RTL_OVERRIDE}gnp.exe zero${ZWJ}width`,
    '&lt;!channel&gt; typed as text',
    '=HYPERLINK("https://evil.example","x")',
    '```fence``` https://evil.example',
  ];

  it('in the log answer, the week view, the inline and the file export, and the nudge DM', async () => {
    const harness = await start();
    const ada: PersonKey = { teamId: TEAM, userId: 'U0ADA' };
    await harness.store.people.saveSlackTimezone(ada, 'Europe/London', NOW.toISOString());
    for (const note of NOTES) {
      const answer = await ask(harness, '/hours', `log 1 ${slackEscape(note)}`, ada);
      expectInert(answer);
      expect(text(answer)).toContain(JSON.stringify(escapeMrkdwn(note)).slice(1, -1));
    }
    // Stored exactly as typed.
    expect((await harness.store.hours.allEntries(ada)).map((entry) => entry.note)).toEqual(NOTES);

    const week = await ask(harness, '/hours', 'week', ada);
    expectInert(week);
    expectValidMessage(week as { text?: unknown; blocks?: unknown });
    expect(text(week)).toContain('6h');

    const inline = await ask(harness, '/hours', 'export', ada);
    expectInert(inline);
    expectValidMessage(inline as { text?: unknown; blocks?: unknown });
    expectWithinLimits(inline);
    expect(text(inline)).toContain('R&amp;D &lt;3 &gt;_&lt; a&lt;b');
    expect(text(inline)).toContain('&amp;lt;!channel&amp;gt; typed as text');
    // A spreadsheet formula is neutralised.
    expect(text(inline)).toContain(`'=HYPERLINK`);

    // Enough entries for the export to go to the DM as a file.
    for (let i = 0; i < 40; i++) {
      await harness.store.hours.addEntry(
        { ...ada, workDate: '2026-02-10', minutes: 1, note: `filler ${i}`, loggedAt: NOW.toISOString() },
        1440,
      );
    }
    const file = await harness.command('/hours', 'export', { userId: ada.userId });
    expect(file.ack).toBeUndefined();
    const told = (await file.response()).body;
    expectInert(told);
    const [uploaded] = harness.fake.files;
    const csv = uploaded?.content.toString('utf8') ?? '';
    const cells = parseCsv(csv).map((row) => row[3]);
    for (const note of NOTES) {
      expect(cells).toContain(note.startsWith('=') ? `'${note}` : note);
    }
    for (const call of harness.fake.calls) expectInert(call.args, `${call.method} arguments`);

    // The nightly DM (the scheduler's composition) carries figures, never a note.
    await harness.store.nudges.savePerson({
      ...ada,
      enabled: true,
      time: '22:00',
      weekends: true,
      resumeOn: null,
      offReason: null,
      updatedAt: NOW.toISOString(),
    });
    const client = createWebClient(BOT_TOKEN, harness.fake.apiUrl, harness.logs.logger, 'background');
    const scheduler = new NudgeScheduler(harness.deps, client, {
      botId: harness.fake.botId,
      botUserId: harness.fake.botUserId,
      teamId: TEAM,
    });
    await scheduler.sendPersonNow(TEAM, ada.userId);
    await scheduler.stop();
    const dm = harness.fake.messages.find((message) => message.channel === 'D0ADA');
    expect(dm).toBeDefined();
    expectInert(dm);
    expectValidMessage(dm as { text?: unknown; blocks?: unknown });
    for (const note of NOTES) expect(JSON.stringify(dm)).not.toContain(note.slice(0, 8));
  });
});

/** RFC 4180, enough for our export: quoted cells with doubled quotes, CRLF rows. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i] as string;
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && csv[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}
