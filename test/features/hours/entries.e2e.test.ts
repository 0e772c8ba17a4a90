import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACTION_ENTRY_DELETE, ACTION_ENTRY_EDIT } from '../../../src/features/hours/render-entries.js';
import type { PersonKey } from '../../../src/store/types.js';
import { expectValidMessage } from '../../helpers/block-kit.js';
import { build, type Harness } from '../../helpers/build.js';

const TEAM = 'T0LIGHTS';
const ADA = 'U0ADA';
const BOB = 'U0BOB';
const ada: PersonKey = { teamId: TEAM, userId: ADA };
type Message = { text?: unknown; blocks?: unknown; replace_original?: unknown };
type Button = { action_id: string; value: string; text: { text: string } };

afterEach(() => {
  vi.useRealTimers();
});

/** Wed 25 Nov 2026, noon in Los Angeles (see hours.e2e.test.ts for why Date is faked with the clock). */
async function start(iso = '2026-11-25T20:00:00Z') {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
  const now = new Date(iso);
  const harness = await build({ now: () => now, env: { NUDGE_TZ: 'America/Los_Angeles' } });
  for (const userId of [ADA, BOB]) {
    await harness.store.people.saveSlackTimezone({ teamId: TEAM, userId }, 'America/Los_Angeles', iso);
  }
  return harness;
}

async function hours(harness: Harness, text: string, userId = ADA): Promise<Message> {
  const result = await harness.command('/hours', text, { userId, teamId: TEAM });
  const answer = result.ack && Object.keys(result.ack).length > 0 ? result.ack : (await result.response()).body;
  expectValidMessage(answer, { requireBlocks: true });
  return answer;
}

async function press(harness: Harness, button: Button, userId = ADA): Promise<Message> {
  const result = await harness.action({ actionId: button.action_id, value: button.value, userId, teamId: TEAM });
  const answer = (await result.response()).body;
  expectValidMessage(answer, { requireBlocks: true });
  return answer;
}

const buttons = (message: Message): Button[] =>
  (message.blocks as Array<{ type: string; elements?: Button[] }>)
    .filter((block) => block.type === 'actions')
    .flatMap((block) => block.elements ?? []);

const button = (message: Message, label: string): Button => {
  const found = buttons(message).find((b) => b.text.text === label);
  if (!found) throw new Error(`no "${label}" button in ${JSON.stringify(message.blocks)}`);
  return found;
};

describe('fixing any entry', () => {
  it('lists a day from the week view and deletes one entry by its button, only for its owner', async () => {
    const harness = await start();
    await hours(harness, 'log 3 mon first');
    await hours(harness, 'log 2 mon second');
    await hours(harness, 'log 1 today latest');

    const week = await hours(harness, '');
    const fixMonday = button(week, 'Fix Mon 23');
    const day = await press(harness, fixMonday);
    expect(String(day.text)).toBe('2 entries for Mon 23 Nov: 5h.');
    expect(JSON.stringify(day.blocks)).toContain('1. *3h* — “first”');
    expect(JSON.stringify(day.blocks)).toContain('2. *2h* — “second”');

    // Bob presses Ada's buttons: nothing changes, and he is told why.
    expect(String((await press(harness, fixMonday, BOB)).text)).toContain("belong to someone else's entries");
    const deleteFirst = button(day, 'Delete 1');
    expect(String((await press(harness, deleteFirst, BOB)).text)).toContain("belong to someone else's entries");
    // A forged value naming Bob cannot reach Ada's entry: the store is keyed by the presser.
    const forged = { ...deleteFirst, value: deleteFirst.value.replace(ADA, BOB) };
    expect(String((await press(harness, forged, BOB)).text)).toContain('already gone');
    expect(await harness.store.hours.countEntries(ada)).toBe(3);

    const deleted = await press(harness, deleteFirst);
    expect(deleted).toMatchObject({ replace_original: true });
    expect(String(deleted.text)).toBe('Deleted 3h — “first” from Mon 23 Nov. Day: 5h → *2h*.');
    expect((await press(harness, deleteFirst)).text).toContain('already gone');
    expect((await harness.store.hours.allEntries(ada)).map((e) => e.note)).toEqual(['second', 'latest']);
  });

  it('lists Edit and Delete for each entry; /hours edit changes the entry and shows the day before and after', async () => {
    const harness = await start();
    await hours(harness, 'log 3 yesterday review');
    await hours(harness, 'log 2 yesterday');
    const day = await hours(harness, 'day yesterday');
    expect(buttons(day).filter((b) => b.action_id === ACTION_ENTRY_EDIT)).toHaveLength(2);
    expect(buttons(day).filter((b) => b.action_id === ACTION_ENTRY_DELETE)).toHaveLength(2);

    const edited = await hours(harness, 'edit 2026-11-24 1 4h30 design review');
    expect(String(edited.text)).toBe(
      'Changed an entry of yesterday, Tue 24 Nov: 3h → *4h30m*. Note: “review” → “design review”. Day: 5h → *6h30m*.',
    );
    // Without a note, the note stays.
    expect(String((await hours(harness, 'edit yesterday 1 4')).text)).toContain('Day: 6h30m → *6h*');
    expect((await harness.store.hours.entriesOn(ada, '2026-11-24')).map((e) => [e.minutes, e.note])).toEqual([
      [240, 'design review'],
      [120, null],
    ]);
    expect(String((await hours(harness, 'delete yesterday 2')).text)).toBe(
      'Deleted 2h from yesterday, Tue 24 Nov. Day: 6h → *4h*.',
    );
    expect(String((await hours(harness, 'delete yesterday 2')).text)).toContain('has 1 entry, so there is no entry 2');
  });

  it('keeps the day cap on edits: 24h on a past day, and today only what has passed', async () => {
    const harness = await start(); // noon: 7h of today has passed since 05:00
    await hours(harness, 'log 20 yesterday');
    await hours(harness, 'log 3 yesterday');
    const refused = await hours(harness, 'edit yesterday 2 4h01m');
    expect(String(refused.text)).toContain('Yesterday, Tue 24 Nov can hold at most 24h; it has 20h logged');
    expect(String(refused.text)).toContain('Nothing was changed');

    await hours(harness, 'log 2 today');
    const tooMuch = await hours(harness, 'edit today 1 8');
    expect(String(tooMuch.text)).toContain('Today, Wed 25 Nov began at 05:00 and only 7h of it has passed');
    expect(String((await hours(harness, 'edit today 1 7')).text)).toContain('Day: 2h → *7h*');
    expect(String((await hours(harness, 'log 8 today')).text)).toContain('only 7h of it has passed');
    expect(await harness.store.hours.dailyTotals(ada, '2026-11-24', '2026-11-25')).toEqual([
      { date: '2026-11-24', minutes: 23 * 60 },
      { date: '2026-11-25', minutes: 7 * 60 },
    ]);
  });

  it('refuses tomorrow and other future days like a future date', async () => {
    const harness = await start();
    for (const text of ['log 8 tomorrow', 'log 8 next thu', 'log 8 26 Nov', 'log 8 2026-11-26']) {
      expect(String((await hours(harness, text)).text)).toContain("Thu 26 Nov (2026-11-26) hasn't begun yet");
    }
    expect(await harness.store.hours.countEntries(ada)).toBe(0);
    expect(String((await hours(harness, 'log 8 last friday')).text)).toContain('Logged 8h for Fri 20 Nov');
    expect(String((await hours(harness, 'log 8 Nov 23')).text)).toContain('Logged 8h for Mon 23 Nov');
  });
});
