import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseHours } from '../../../src/features/hours/parse.js';
import { ACTION_UNDO } from '../../../src/features/hours/render.js';
import { ACTION_ENTRY_EDIT } from '../../../src/features/hours/render-entries.js';
import type { PersonKey } from '../../../src/store/types.js';
import { expectValidMessage, expectValidModal } from '../../helpers/block-kit.js';
import { build, type Harness } from '../../helpers/build.js';
import { storeSnapshot } from '../../reliability/snapshot.js';

/**
 * `/hours` end to end in both languages, through really signed requests: Chen's Slack is Chinese, Ada's English,
 * and `/hours lang` changes which one a person gets, from that very answer on.
 */

const TEAM = 'T0LIGHTS';
const CHEN = 'U0CHEN';
const ADA = 'U0ADA';
const chen: PersonKey = { teamId: TEAM, userId: CHEN };
const ada: PersonKey = { teamId: TEAM, userId: ADA };
type Button = { action_id: string; value: string; text: { text: string } };
type Message = { text?: unknown; blocks?: unknown; response_type?: unknown };

afterEach(() => {
  vi.useRealTimers();
});

/** Wed 25 Nov 2026, 20:00Z: 04:00 Thursday in Shanghai (still Wednesday's work day), noon in Los Angeles. */
async function start(): Promise<Harness> {
  const iso = '2026-11-25T20:00:00Z';
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
  const harness = await build({ now: () => new Date(iso), env: { NUDGE_TZ: 'America/Los_Angeles' } });
  harness.fake.addUser({ id: CHEN, name: 'chen', tz: 'Asia/Shanghai', locale: 'zh-CN' });
  harness.fake.addUser({ id: ADA, name: 'ada', tz: 'America/Los_Angeles', locale: 'en-US' });
  return harness;
}

async function hours(harness: Harness, text: string, userId: string): Promise<Message> {
  const result = await harness.command('/hours', text, { userId, teamId: TEAM });
  expect(result.status).toBe(200);
  const answer = result.ack && Object.keys(result.ack).length > 0 ? result.ack : (await result.response()).body;
  expect(answer.response_type).toBe('ephemeral');
  expectValidMessage(answer, { requireBlocks: true });
  return answer;
}

const all = (message: unknown) => JSON.stringify(message);
const HAN = /\p{Script=Han}/u;
/** Chinese prose: once code spans, emoji, names and quoted notes are out, no English word is left. */
const chineseOnly = (message: Message) => {
  const text = all(message)
    .replace(/“[^”]*”/g, '') // a quoted note is the person's own words
    .replace(/"(?:type|action_id|block_id|value|style|response_type)":"[^"]*"/g, '')
    .replace(/`[^`]*`/g, '')
    .replace(/:[a-z0-9_+-]+:/g, '')
    .replace(/Lights Out|Slack|CSV|Asia\/Shanghai|mrkdwn|plain_text|text|blocks|elements|true|false/g, '');
  expect(text, text).not.toMatch(/[A-Za-z]{2,}/);
  expect(text).toMatch(HAN);
};

const buttons = (message: Message): Button[] =>
  (message.blocks as Array<{ type: string; elements?: Button[] }>)
    .filter((block) => block.type === 'actions')
    .flatMap((block) => block.elements ?? []);

describe('/hours in the person’s language', () => {
  it('Chen (Chinese Slack) logs `/hours log 8小时 昨天` and is answered in Chinese, on the right day', async () => {
    const harness = await start();
    const answer = await hours(harness, 'log 8小时 昨天', CHEN);
    // 04:00 Thursday in Shanghai is still Wednesday's work day, so 昨天 is Tuesday 24 Nov.
    expect(answer.text).toBe('已为昨天（11月24日 周二）记下 8小时。当天共 8小时。');
    chineseOnly(answer);
    expect(buttons(answer).map((b) => b.text.text)).toEqual(['撤销']);
    const entries = await harness.store.hours.allEntries(chen);
    expect(entries.map((e) => [e.workDate, e.minutes, e.note])).toEqual([['2026-11-24', 480, null]]);
  });

  it('Ada (English Slack) typing the Chinese form gets the same entry, answered in English', async () => {
    const harness = await start();
    const answer = await hours(harness, 'log 8小时 昨天', ADA);
    expect(answer.text).toBe('Logged 8h for yesterday, Tue 24 Nov. Day: 8h.');
    expect(all(answer)).not.toMatch(HAN);
    const entries = await harness.store.hours.allEntries(ada);
    expect(entries.map((e) => [e.workDate, e.minutes])).toEqual([['2026-11-24', 480]]);
  });

  it('`/hours lang zh` answers in Chinese at once, and so does everything after, buttons and form included', async () => {
    const harness = await start();
    await hours(harness, 'log 7.5 yesterday evals', ADA);
    const switched = await hours(harness, 'lang zh', ADA);
    expect(switched.text).toContain('Lights Out 以后用简体中文和你说话');
    chineseOnly(switched);
    expect((await harness.store.people.getPerson(ada))?.localeOverride).toBe('zh');

    chineseOnly(await hours(harness, '', ADA));
    chineseOnly(await hours(harness, 'help', ADA));
    const refused = await hours(harness, 'log lots', ADA);
    chineseOnly(refused);
    expect(all(refused)).toContain('/hours log 7.5小时 昨天 修评测');

    const day = await hours(harness, 'day 昨天', ADA);
    chineseOnly(day);
    const edit = buttons(day).find((b) => b.action_id === ACTION_ENTRY_EDIT);
    if (!edit) throw new Error('no Edit button');
    expect(edit.text.text).toBe('修改第 1 条');
    await harness.action({ actionId: edit.action_id, value: edit.value, userId: ADA, teamId: TEAM });
    const [opened] = await harness.fake.waitForCalls('views.open');
    const view = opened?.args.view as { title: { text: string }; submit: { text: string } };
    expectValidModal(view);
    expect([view.title.text, view.submit.text]).toEqual(['修改第 1 条记录', '保存']);

    const logged = await hours(harness, 'log 1小时', ADA);
    const undo = buttons(logged).find((b) => b.action_id === ACTION_UNDO);
    if (!undo) throw new Error('no Undo button');
    const pressed = await harness.action({ actionId: ACTION_UNDO, value: undo.value, userId: ADA, teamId: TEAM });
    const undone = (await pressed.response()).body as Message;
    expect(String(undone.text)).toMatch(/^已撤销：从 11月25日 周三 删去了 1小时/);
  });

  it('`/hours lang auto` goes back to the Slack language and says so in it; `/hours lang` shows the language', async () => {
    const harness = await start();
    // Her first command asks Slack for her zone, and her locale comes with it: the week view is already Chinese.
    chineseOnly(await hours(harness, '', CHEN));
    expect((await harness.store.people.getPerson(chen))?.slackLocale).toBe('zh-CN');
    await hours(harness, 'lang en', CHEN);
    expect(String((await hours(harness, 'lang', CHEN)).text)).toContain('Lights Out speaks English to you');
    const back = await hours(harness, 'lang auto', CHEN);
    expect(back.text).toBe('好了：Lights Out 重新跟随你的 Slack 语言（简体中文）。');
    expect((await harness.store.people.getPerson(chen))?.localeOverride).toBeNull();
    const english = await hours(harness, 'lang en', CHEN);
    expect(String(english.text)).toMatch(/^Done: Lights Out now speaks English to you/);
  });

  it('a problem in either language changes nothing in the store (property, signed requests)', async () => {
    const harness = await start();
    await hours(harness, 'log 3 yesterday', CHEN);
    const noise = fc.constantFrom(
      'log',
      'lang',
      '小时',
      '昨天',
      '25小时',
      '-3',
      '2月30日',
      'fr',
      '0',
      '７：７５',
      'delete',
      'x',
    );
    const text = fc.array(noise, { minLength: 1, maxLength: 4 }).map((words) => words.join(' '));
    const refused = text.filter((t) => {
      const parsed = parseHours(t);
      return !parsed.ok;
    });
    await fc.assert(
      fc.asyncProperty(refused, fc.constantFrom(CHEN, ADA), async (typed, userId) => {
        const before = storeSnapshot(harness.databasePath);
        const answer = await hours(harness, typed, userId);
        if (userId === CHEN) chineseOnly(answer);
        else expect(all(answer)).not.toMatch(/\p{Script=Han}(?![^`]*`)/u);
        expect(storeSnapshot(harness.databasePath)).toEqual(before);
      }),
      { numRuns: 25 },
    );
  });
});
