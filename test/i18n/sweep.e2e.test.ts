import { describe, expect, it } from 'vitest';
import { build, type CommandResult, type Harness } from '../helpers/build.js';

/**
 * The promise of the language issue, end to end: a person whose Slack is Chinese never gets an English sentence
 * from Lights Out (except the labelled translation of a quote), and an English one never gets Chinese (except a
 * quote's original). Every command, good and bad input, through the real app.
 */

const NOW = new Date('2026-12-01T04:00:00Z');
const CHEN = 'U0CHEN';
const ADA = 'U0ADA';

type Message = Record<string, unknown>;

async function answerOf(result: CommandResult): Promise<Message> {
  expect(result.status).toBe(200);
  if (result.ack && Object.keys(result.ack).length > 0) return result.ack;
  return (await result.response()).body;
}

/** Every piece of text a person reads in a message: its `text` and every text field of its blocks. */
function textsOf(message: Message): string[] {
  const out: string[] = [];
  const walk = (value: unknown, key?: string) => {
    if (typeof value === 'string') {
      if (key === 'text' || key === 'alt_text' || key === 'placeholder') out.push(value);
      return;
    }
    if (Array.isArray(value)) for (const item of value) walk(item, key);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, typeof v === 'string' ? k : k === 'text' ? 'text' : k);
  };
  walk(message);
  return out;
}

/** Code spans (commands to type), emoji names, links, mentions and the product's name are not sentences. */
const prose = (text: string) =>
  text
    .replace(/`[^`]*`/g, ' ')
    .replace(/:[a-z0-9_+-]+:/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/Lights Out/g, ' ');
const englishSentence = (text: string) => /[A-Za-z]{2,}[,.]?\s+[A-Za-z]{2,}[,.]?\s+[A-Za-z]{2,}/.exec(prose(text));
const han = (text: string) => /\p{Script=Han}/u.exec(prose(text));

const CHINESE_INPUT = [
  ['/hours', 'help'],
  ['/hours', 'log 8小时 昨天'],
  ['/hours', 'log 7小时30分 前天 修评测'],
  ['/hours', 'week'],
  ['/hours', 'week last'],
  ['/hours', 'month'],
  ['/hours', 'day 昨天'],
  ['/hours', 'tz'],
  ['/hours', 'team'],
  ['/hours', 'export'],
  ['/hours', 'undo'],
  ['/hours', 'log 很多'],
  ['/hours', 'log -3'],
  ['/hours', 'log 30小时'],
  ['/hours', 'edit'],
  ['/hours', 'delete 昨天 9'],
  ['/hours', 'tz Mars/Olympus'],
  ['/hours', 'forget'],
  ['/hours', 'bogus'],
  ['/nudge', 'status'],
  ['/nudge', 'me on 22:00'],
  ['/nudge', 'me pause 3'],
  ['/nudge', 'me off'],
  ['/nudge', 'here 25:00'],
  ['/nudge', 'bogus'],
  ['/quote', 'nobody-at-all'],
  ['/fact', 'zzzzzz'],
] as const;

const ENGLISH_INPUT = CHINESE_INPUT.map(([command, text]) => [
  command,
  text
    .replace('8小时 昨天', '8 yesterday')
    .replace('7小时30分 前天 修评测', '7h30 2 days ago fixing evals')
    .replace('day 昨天', 'day yesterday')
    .replace('很多', 'lots')
    .replace('30小时', '30h')
    .replace('delete 昨天 9', 'delete yesterday 9'),
]);

/** Chen and Ada already use Lights Out: the directory sync keeps their Slack zone and locale. */
async function start(): Promise<Harness> {
  const harness = await build({ now: () => NOW });
  harness.fake.addUser({ id: CHEN, name: 'chen', tz: 'Asia/Shanghai', locale: 'zh-CN' });
  harness.fake.addUser({ id: ADA, name: 'ada', tz: 'America/Los_Angeles', locale: 'en-US' });
  const at = NOW.toISOString();
  await harness.store.people.saveSlackTimezone(
    { teamId: harness.fake.teamId, userId: CHEN },
    'Asia/Shanghai',
    at,
    'zh-CN',
  );
  await harness.store.people.saveSlackTimezone(
    { teamId: harness.fake.teamId, userId: ADA },
    'America/Los_Angeles',
    at,
    'en-US',
  );
  return harness;
}

describe('one language per person, in every answer', () => {
  it('a Chinese Slack gets no English sentence from any command', async () => {
    const harness = await start();
    for (const [command, text] of CHINESE_INPUT) {
      const answer = await answerOf(await harness.command(command, text, { userId: CHEN }));
      for (const shown of textsOf(answer)) {
        expect(englishSentence(shown)?.[0], `${command} ${text} → ${shown}`).toBeUndefined();
      }
      expect(
        textsOf(answer).some((shown) => han(shown)),
        `${command} ${text} is in Chinese`,
      ).toBe(true);
    }
  }, 120_000);

  it('an English Slack gets no Chinese from any command', async () => {
    const harness = await start();
    for (const [command, text] of ENGLISH_INPUT) {
      const answer = await answerOf(await harness.command(command as string, text as string, { userId: ADA }));
      for (const shown of textsOf(answer)) {
        expect(han(shown)?.[0], `${command} ${text} → ${shown}`).toBeUndefined();
      }
    }
  }, 120_000);

  it('/hours lang switches one person’s language at once, and auto goes back to their Slack', async () => {
    const harness = await start();
    const say = async (text: string) => textsOf(await answerOf(await harness.command('/hours', text, { userId: ADA })));
    expect((await say('lang zh')).some((shown) => han(shown))).toBe(true);
    expect((await say('week')).some((shown) => han(shown))).toBe(true);
    expect((await say('lang auto')).some((shown) => han(shown))).toBe(false);
    expect((await say('week')).some((shown) => han(shown))).toBe(false);
  }, 60_000);
});
