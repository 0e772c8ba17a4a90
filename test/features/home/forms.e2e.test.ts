import { afterEach, describe, expect, it, vi } from 'vitest';
import { INPUT, LOG, NUDGE, VIEW_LOG, VIEW_NUDGE, VIEW_ZONE, ZONE } from '../../../src/features/home/ids.js';
import type { ViewStateValue } from '../../../src/slack/protocol.js';
import { expectValidModal } from '../../helpers/block-kit.js';
import type { Harness } from '../../helpers/build.js';
import { eventually } from '../../helpers/eventually.js';
import { ADA, ada, openHome, startHome, TEAM } from './rig.js';

afterEach(() => {
  vi.useRealTimers();
});

type Modal = { callback_id: string; blocks: Array<{ block_id?: string; element?: Record<string, unknown> }> };

/** Presses a Home button (a press on the home view, as Slack sends it) and returns the form Slack was asked to open. */
async function press(harness: Harness, actionId: string): Promise<Modal> {
  const before = harness.fake.callsTo('views.open').length;
  await harness.action({ actionId, userId: ADA, teamId: TEAM, view: { id: 'VHOME', type: 'home' } });
  const calls = await harness.fake.waitForCalls('views.open', before + 1);
  const view = calls[before]?.args.view as Modal;
  expectValidModal(view);
  return view;
}

const typed = (value: string) => ({ [INPUT]: value });
const date = (selected_date: string | null) => ({ [INPUT]: { type: 'datepicker', selected_date } as ViewStateValue });
const time = (selected_time: string | null) => ({ [INPUT]: { type: 'timepicker', selected_time } as ViewStateValue });
const choice = (type: string, value: string) => ({ [INPUT]: { type, selected_option: { value } } as ViewStateValue });
const ticks = (...values: string[]) => ({
  [INPUT]: { type: 'checkboxes', selected_options: values.map((value) => ({ value })) } as ViewStateValue,
});

const submit = (
  harness: Harness,
  callbackId: string,
  values: Record<string, Record<string, string | ViewStateValue>>,
) => harness.submitView({ callbackId, values, userId: ADA, teamId: TEAM });
const errors = (result: { ack?: Record<string, unknown> }) => result.ack?.errors as Record<string, string> | undefined;

const logValues = (hours: string, day: string | null, note = '') => ({
  [LOG.hours]: typed(hours),
  [LOG.date]: date(day),
  [LOG.note]: typed(note),
});
const allEntries = async (harness: Harness) =>
  (await harness.store.hours.allEntries(ada)).map((e) => [e.workDate, e.minutes, e.note]);

describe('Log hours from Home', () => {
  it('opens with today picked, and refuses bad hours, the future and days over 14 back, changing nothing', async () => {
    const { harness } = await startHome();
    const form = await press(harness, 'home_open_log');
    expect(form.callback_id).toBe(VIEW_LOG);
    expect(form.blocks.find((b) => b.block_id === LOG.date)?.element).toMatchObject({ initial_date: '2026-11-25' });
    await harness.command('/hours', 'log 3 yesterday kept', { userId: ADA, teamId: TEAM });
    const before = await allEntries(harness);

    const badHours = await submit(harness, VIEW_LOG, logValues('lots', '2026-11-24'));
    expect(Object.keys(errors(badHours) ?? {})).toEqual([LOG.hours]);
    expect(errors(badHours)?.[LOG.hours]).toContain('7.5');
    const future = await submit(harness, VIEW_LOG, logValues('2', '2026-11-26'));
    expect(errors(future)).toEqual({ [LOG.date]: expect.stringContaining('has not come yet') });
    const old = await submit(harness, VIEW_LOG, logValues('2', '2026-11-11'));
    expect(errors(old)?.[LOG.date]).toContain('14 days');
    expect(errors(old)?.[LOG.date]).toContain('/hours log 8 2026-11-11');
    const none = await submit(harness, VIEW_LOG, logValues('2', null));
    expect(errors(none)).toEqual({ [LOG.date]: 'Pick a day.' });
    const link = await submit(harness, VIEW_LOG, logValues('2', '2026-11-24', 'see <!channel>'));
    expect(Object.keys(errors(link) ?? {})).toEqual([LOG.note]);
    // Only 7h of today have passed since 05:00.
    const cap = await submit(harness, VIEW_LOG, logValues('8', '2026-11-25'));
    expect(errors(cap)?.[LOG.hours]).toContain('more than it can hold (7h)');
    expect(await allEntries(harness)).toEqual(before);
  });

  it('logs exactly the hours, day and note of the form, the oldest day included', async () => {
    const { harness } = await startHome();
    const first = await submit(harness, VIEW_LOG, logValues('7:30', '2026-11-24', '  eval   harness '));
    expect(first.status).toBe(200);
    expect(first.ack).toBeUndefined();
    await submit(harness, VIEW_LOG, logValues('45m', '2026-11-12'));
    expect(await allEntries(harness)).toEqual([
      ['2026-11-12', 45, null],
      ['2026-11-24', 450, 'eval harness'],
    ]);
  });

  it('republishes Home after a logged form', async () => {
    const { harness, timers } = await startHome();
    await openHome(harness);
    await harness.fake.waitForCalls('views.publish', 1);
    await submit(harness, VIEW_LOG, logValues('5', '2026-11-24'));
    await eventually(() => timers.size === 1 || undefined, 3000, 'the republish');
    timers.runAll();
    const calls = await harness.fake.waitForCalls('views.publish', 2);
    expect(JSON.stringify(calls[1]?.args.view)).toContain('*This week*\\n5h');
  });
});

const nudgeValues = (o: {
  on: boolean;
  at: string | null;
  weekends: boolean;
  pause: string | null;
  lang?: string;
  digest?: boolean;
}) => ({
  [NUDGE.enabled]: choice('radio_buttons', o.on ? 'on' : 'off'),
  [NUDGE.time]: time(o.at),
  [NUDGE.weekends]: o.weekends ? ticks('weekends') : ticks(),
  [NUDGE.pause]: date(o.pause),
  [NUDGE.language]: choice('static_select', o.lang ?? 'auto'),
  [NUDGE.digest]: o.digest ? ticks('digest') : ticks(),
});

describe('Nudge settings from Home', () => {
  it('refuses a missing or bad time and a pause in the past or over a year away, changing nothing', async () => {
    const { harness } = await startHome();
    const form = await press(harness, 'home_open_nudge');
    expect(form.callback_id).toBe(VIEW_NUDGE);
    expect(form.blocks.find((b) => b.block_id === NUDGE.time)?.element).toMatchObject({ initial_time: '22:00' });
    const cases: Array<[Parameters<typeof nudgeValues>[0], string]> = [
      [{ on: true, at: null, weekends: false, pause: null }, NUDGE.time],
      [{ on: true, at: '25:00', weekends: false, pause: null }, NUDGE.time],
      [{ on: true, at: '22:00', weekends: false, pause: '2026-11-25' }, NUDGE.pause],
      [{ on: true, at: '22:00', weekends: false, pause: '2027-12-01' }, NUDGE.pause],
      [{ on: true, at: '22:00', weekends: false, pause: null, lang: 'fr' }, NUDGE.language],
    ];
    for (const [values, field] of cases) {
      const result = await submit(harness, VIEW_NUDGE, nudgeValues(values));
      expect(Object.keys(errors(result) ?? {}), JSON.stringify(values)).toEqual([field]);
    }
    expect(await harness.store.nudges.getPerson(ada)).toBeUndefined();
  });

  it('saves exactly what the form says', async () => {
    const { harness } = await startHome();
    const on = await submit(
      harness,
      VIEW_NUDGE,
      nudgeValues({ on: true, at: '23:15', weekends: true, pause: '2026-12-01' }),
    );
    expect(on.ack).toBeUndefined();
    expect(await harness.store.nudges.getPerson(ada)).toMatchObject({
      enabled: true,
      time: '23:15',
      weekends: true,
      resumeOn: '2026-12-01',
      offReason: null,
    });
    await submit(harness, VIEW_NUDGE, nudgeValues({ on: false, at: '23:15', weekends: true, pause: null }));
    expect(await harness.store.nudges.getPerson(ada)).toMatchObject({ enabled: false, time: '23:15', resumeOn: null });
    const form = await press(harness, 'home_open_nudge');
    expect(form.blocks.find((b) => b.block_id === NUDGE.enabled)?.element).toMatchObject({
      initial_option: { value: 'off' },
    });
  });
});

describe('the Monday digest in Nudge settings', () => {
  it('turns the digest on and off as ticked, shows it ticked, and leaves the nightly nudge as the form says', async () => {
    const { harness } = await startHome();
    const off = { on: false, at: '22:00', weekends: false, pause: null };
    await submit(harness, VIEW_NUDGE, nudgeValues({ ...off, digest: true }));
    expect(await harness.store.digests.get(ada)).toMatchObject({ enabled: true });
    expect(await harness.store.nudges.getPerson(ada)).toBeUndefined();
    const form = await press(harness, 'home_open_nudge');
    expect(form.blocks.find((b) => b.block_id === NUDGE.digest)?.element).toMatchObject({
      initial_options: [{ value: 'digest' }],
    });
    await submit(harness, VIEW_NUDGE, nudgeValues({ ...off, digest: false }));
    expect(await harness.store.digests.get(ada)).toMatchObject({ enabled: false });
  });
});

describe('Time zone from Home', () => {
  it('refuses a zone that is not one, and sets or clears the override as chosen', async () => {
    const { harness } = await startHome();
    const form = await press(harness, 'home_open_zone');
    expect(form.callback_id).toBe(VIEW_ZONE);
    const bad = await submit(harness, VIEW_ZONE, { [ZONE.zone]: choice('static_select', 'Mars/Olympus') });
    expect(Object.keys(errors(bad) ?? {})).toEqual([ZONE.zone]);
    expect((await harness.store.people.getPerson(ada))?.tzOverride).toBeNull();
    await submit(harness, VIEW_ZONE, { [ZONE.zone]: choice('static_select', 'Europe/London') });
    expect(await harness.store.people.getPerson(ada)).toMatchObject({
      tzOverride: 'Europe/London',
      slackTz: 'America/Los_Angeles',
    });
    await submit(harness, VIEW_ZONE, { [ZONE.zone]: choice('static_select', 'slack') });
    expect((await harness.store.people.getPerson(ada))?.tzOverride).toBeNull();
  });
});

describe('the language in Nudge settings', () => {
  it('sets the language override, after which the forms and Home speak it; auto follows Slack again', async () => {
    const { harness, timers } = await startHome();
    await openHome(harness);
    await harness.fake.waitForCalls('views.publish', 1);
    await submit(
      harness,
      VIEW_NUDGE,
      nudgeValues({ on: false, at: '22:00', weekends: false, pause: null, lang: 'zh' }),
    );
    expect((await harness.store.people.getPerson(ada))?.localeOverride).toBe('zh');
    // Only the language changed: the nudge stays as it was (none).
    expect(await harness.store.nudges.getPerson(ada)).toBeUndefined();
    const form = await press(harness, 'home_open_log');
    expect(JSON.stringify(form)).toContain('记录工时');
    await eventually(() => timers.size === 1 || undefined, 3000, 'the republish');
    timers.runAll();
    const calls = await harness.fake.waitForCalls('views.publish', 2);
    expect(JSON.stringify(calls[1]?.args.view)).toContain('你的这一周');
    await submit(
      harness,
      VIEW_NUDGE,
      nudgeValues({ on: false, at: '22:00', weekends: false, pause: null, lang: 'auto' }),
    );
    expect((await harness.store.people.getPerson(ada))?.localeOverride).toBeNull();
  });
});

describe('a Home form whose save fails', () => {
  it('answers under the first field with an error id, and logs it', async () => {
    const { harness } = await startHome();
    vi.spyOn(harness.store.hours, 'addEntry').mockRejectedValueOnce(new Error('disk full'));
    const result = await submit(harness, VIEW_LOG, logValues('2', '2026-11-24'));
    expect(errors(result)?.[LOG.hours]).toMatch(/could not save this; nothing changed.*error [0-9a-f]{8}/);
    expect(harness.logs.records().some((r) => r.msg === 'a Home form failed')).toBe(true);
    expect(await allEntries(harness)).toEqual([]);
  });
});
