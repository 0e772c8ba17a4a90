import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BLOCK_AMOUNT,
  BLOCK_NOTE,
  INPUT_AMOUNT,
  INPUT_NOTE,
  VIEW_ENTRY_EDIT,
} from '../../../src/features/hours/render-modal.js';
import type { PersonKey } from '../../../src/store/types.js';
import { expectValidMessage, expectValidModal } from '../../helpers/block-kit.js';
import { build, type Harness } from '../../helpers/build.js';

const TEAM = 'T0LIGHTS';
const ADA = 'U0ADA';
const BOB = 'U0BOB';
const ada: PersonKey = { teamId: TEAM, userId: ADA };
type Message = { text?: unknown; blocks?: unknown };
type Button = { action_id: string; value: string; text: { text: string } };
type Input = { block_id?: string; type: string; element?: { initial_value?: string; action_id: string } };
type View = { callback_id: string; private_metadata: string; blocks: Input[] };

afterEach(() => {
  vi.useRealTimers();
});

/** Wed 25 Nov 2026, noon in Los Angeles: 7h of today has passed since 05:00. */
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
  return result.ack && Object.keys(result.ack).length > 0 ? result.ack : (await result.response()).body;
}

const button = (message: Message, label: string): Button => {
  const found = (message.blocks as Array<{ type: string; elements?: Button[] }>)
    .filter((block) => block.type === 'actions')
    .flatMap((block) => block.elements ?? [])
    .find((b) => b.text.text === label);
  if (!found) throw new Error(`no "${label}" button in ${JSON.stringify(message.blocks)}`);
  return found;
};

/** Presses Edit n on the day list and returns the modal Slack was asked to open, and where the answer goes. */
async function openEdit(harness: Harness, day: string, n: number) {
  const list = await hours(harness, `day ${day}`);
  const edit = button(list, `Edit ${n}`);
  const opened = harness.fake.views.length;
  const pressed = await harness.action({ actionId: edit.action_id, value: edit.value, userId: ADA, teamId: TEAM });
  const calls = await harness.fake.waitForCalls('views.open', opened + 1);
  const call = calls[opened];
  if (!call) throw new Error('views.open was not called');
  return { view: call.args.view as View, triggerId: call.args.trigger_id, pressed };
}

const field = (view: View, blockId: string) => view.blocks.find((block) => block.block_id === blockId);

function submit(harness: Harness, view: View, amount: string, note: string, userId = ADA) {
  return harness.submitView({
    callbackId: view.callback_id,
    privateMetadata: view.private_metadata,
    values: { [BLOCK_AMOUNT]: { [INPUT_AMOUNT]: amount }, [BLOCK_NOTE]: { [INPUT_NOTE]: note } },
    userId,
    teamId: TEAM,
  });
}

const fieldErrors = (result: { ack?: Record<string, unknown> }) => (result.ack?.errors ?? {}) as Record<string, string>;

const entries = async (harness: Harness, date: string) =>
  (await harness.store.hours.entriesOn(ada, date)).map((e) => [e.minutes, e.note]);

describe('the Edit modal', () => {
  it('opens with the entry’s amount and note, prefilled, as a valid modal', async () => {
    const harness = await start();
    await hours(harness, 'log 3 yesterday first');
    await hours(harness, 'log 2h30 yesterday design <review> & more');
    const { view, triggerId } = await openEdit(harness, 'yesterday', 2);
    expectValidModal(view);
    expect(view.callback_id).toBe(VIEW_ENTRY_EDIT);
    expect(String(triggerId)).toMatch(/\.trigger$/);
    expect(field(view, BLOCK_AMOUNT)?.element?.initial_value).toBe('2h30m');
    expect(field(view, BLOCK_NOTE)?.element?.initial_value).toBe('design <review> & more');
    expect(JSON.stringify(view.blocks)).toContain('Entry 2 of *yesterday, Tue 24 Nov*');
    // Nothing is posted on opening: the answer comes with the submission.
    expect(harness.fake.responses).toHaveLength(0);
  });

  it('a good submission changes exactly that entry, closes the modal and answers the day before and after', async () => {
    const harness = await start();
    await hours(harness, 'log 3 yesterday review');
    await hours(harness, 'log 2 yesterday');
    await hours(harness, 'log 1 today');
    const { view, pressed } = await openEdit(harness, 'yesterday', 1);
    const result = await submit(harness, view, '4h30', 'design review');
    expect(result.status).toBe(200);
    expect(result.ack).toBeUndefined(); // an empty ack closes the modal
    const answer = (await pressed.response()).body;
    expectValidMessage(answer, { requireBlocks: true });
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(answer.text)).toBe(
      'Changed an entry of yesterday, Tue 24 Nov: 3h → *4h30m*. Note: “review” → “design review”. Day: 5h → *6h30m*.',
    );
    expect(await entries(harness, '2026-11-24')).toEqual([
      [270, 'design review'],
      [120, null],
    ]);
    expect(await entries(harness, '2026-11-25')).toEqual([[60, null]]);
  });

  it('an emptied note removes it', async () => {
    const harness = await start();
    await hours(harness, 'log 3 yesterday review');
    const { view, pressed } = await openEdit(harness, 'yesterday', 1);
    expect((await submit(harness, view, '3h', '')).ack).toBeUndefined();
    expect(String((await pressed.response()).body.text)).toContain('Note: “review” → none.');
    expect(await entries(harness, '2026-11-24')).toEqual([[180, null]]);
  });

  it('a bad amount or note answers under its field and changes nothing', async () => {
    const harness = await start();
    await hours(harness, 'log 3 yesterday review');
    const { view } = await openEdit(harness, 'yesterday', 1);
    const bad = await submit(harness, view, '7:75', 'review');
    expect(bad.ack).toEqual({
      response_action: 'errors',
      errors: { [BLOCK_AMOUNT]: '7:75: minutes go up to 59, like 7:30 or 7h30.' },
    });
    const ping = await submit(harness, view, '4', 'hi <!channel>');
    expect(ping.ack?.response_action).toBe('errors');
    const errors = fieldErrors(ping);
    expect(Object.keys(errors)).toEqual([BLOCK_NOTE]);
    expect(errors[BLOCK_NOTE]).toContain('Notes cannot contain Slack mentions or links (<!channel>');
    expect(await entries(harness, '2026-11-24')).toEqual([[180, 'review']]);
    expect(harness.fake.responses).toHaveLength(0);
  });

  it('an amount over the day’s cap answers under the hours field and changes nothing', async () => {
    const harness = await start();
    await hours(harness, 'log 2 today');
    await hours(harness, 'log 3 today');
    const { view } = await openEdit(harness, 'today', 1);
    const over = await submit(harness, view, '5', '');
    expect(over.ack?.response_action).toBe('errors');
    expect(fieldErrors(over)[BLOCK_AMOUNT]).toBe(
      'Today, Wed 25 Nov began at 05:00 and only 7h of it has passed; it has 3h logged, so an entry of 5h would not fit. Nothing was changed. At most 4h still fits.',
    );
    expect(await entries(harness, '2026-11-25')).toEqual([
      [120, null],
      [180, null],
    ]);
    expect(harness.fake.responses).toHaveLength(0);
  });

  it('another person submitting the form for that entry id changes nothing', async () => {
    const harness = await start();
    await hours(harness, 'log 3 yesterday review');
    await hours(harness, 'log 1 yesterday', BOB);
    const { view } = await openEdit(harness, 'yesterday', 1);
    const forged = await submit(harness, view, '1', 'bob was here', BOB);
    expect(forged.ack).toMatchObject({ response_action: 'errors' });
    expect(fieldErrors(forged)[BLOCK_AMOUNT]).toContain('or it is not yours');
    expect(await entries(harness, '2026-11-24')).toEqual([[180, 'review']]);
    const bob = await harness.store.hours.entriesOn({ teamId: TEAM, userId: BOB }, '2026-11-24');
    expect(bob.map((e) => [e.minutes, e.note])).toEqual([[60, null]]);
  });

  it('when Slack refuses to open the form, Edit answers the command to send instead', async () => {
    const harness = await start();
    await hours(harness, 'log 3 yesterday review');
    harness.fake.fail('views.open', { kind: 'slack_error', error: 'expired_trigger_id' });
    const list = await hours(harness, 'day yesterday');
    const edit = button(list, 'Edit 1');
    const pressed = await harness.action({ actionId: edit.action_id, value: edit.value, userId: ADA, teamId: TEAM });
    const answer = (await pressed.response()).body;
    expectValidMessage(answer, { requireBlocks: true });
    expect(String(answer.text)).toContain('The edit form did not open, so nothing changed.');
    expect(JSON.stringify(answer.blocks)).toContain('`/hours edit 2026-11-24 1 3h review`');
  });
});
