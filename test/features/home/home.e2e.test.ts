import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChartMaker } from '../../../src/features/home/publish.js';
import { DEBOUNCE_MS } from '../../../src/features/home/publish.js';
import { appHomeOpenedBody, signedHeaders } from '../../../src/slack/protocol.js';
import { expectValidHomeView } from '../../helpers/block-kit.js';
import { build, type Harness, SIGNING_SECRET } from '../../helpers/build.js';
import { eventually } from '../../helpers/eventually.js';
import { ADA, openHome, startHome, TEAM } from './rig.js';

afterEach(() => {
  vi.useRealTimers();
});

const publishes = (harness: Harness) => harness.fake.callsTo('views.publish');
type View = {
  type: string;
  blocks: Array<{ type: string; text?: { text: string }; fields?: Array<{ text: string }> }>;
};
const lastHome = (harness: Harness) => publishes(harness).at(-1)?.args.view as View;

describe('the Home tab end to end', () => {
  it('publishes a valid home view for the person who opened it', async () => {
    const { harness } = await startHome();
    await openHome(harness);
    const [call] = await harness.fake.waitForCalls('views.publish', 1);
    expect(call?.args.user_id).toBe(ADA);
    expectValidHomeView(call?.args.view);
    expect(JSON.stringify(call?.args.view)).toContain('Your week');
  });

  it('publishes nothing when the Messages tab is opened', async () => {
    const { harness } = await startHome();
    const body = appHomeOpenedBody({ userId: ADA, teamId: TEAM, tab: 'messages' });
    const signedAt = Math.floor(harness.deps.now().getTime() / 1000);
    await harness.post(body, { ...signedHeaders(SIGNING_SECRET, body, signedAt), 'content-type': 'application/json' });
    // A command after it is answered, and by then the event was long handled.
    await harness.command('/quote', '', { userId: ADA, teamId: TEAM });
    expect(publishes(harness)).toHaveLength(0);
  });

  it('republishes once, after the debounce, when the ledger changes three times', async () => {
    const { harness, timers } = await startHome();
    await openHome(harness);
    await harness.fake.waitForCalls('views.publish', 1);
    for (const amount of ['2', '1.5', '30m']) {
      const result = await harness.command('/hours', `log ${amount}`, { userId: ADA, teamId: TEAM });
      expect(JSON.stringify(result.ack)).toContain('Logged');
    }
    // One timer for Ada, each change pushing it back, and no publish yet.
    expect(timers.size).toBe(1);
    expect(timers.delays).toEqual([DEBOUNCE_MS]);
    expect(publishes(harness)).toHaveLength(1);
    timers.runAll();
    await harness.fake.waitForCalls('views.publish', 2);
    const view = lastHome(harness);
    expectValidHomeView(view);
    expect(JSON.stringify(view)).toContain('*This week*\\n4h');
    expect(timers.size).toBe(0);
    expect(publishes(harness)).toHaveLength(2);
  });

  it('does not republish for someone who never opened Home', async () => {
    const { harness, timers } = await startHome();
    await harness.command('/hours', 'log 2', { userId: ADA, teamId: TEAM });
    await harness.command('/nudge', 'me on 23:00', { userId: ADA, teamId: TEAM });
    expect(timers.size).toBe(0);
    expect(publishes(harness)).toHaveLength(0);
  });

  it('republishes after a /nudge change too', async () => {
    const { harness, timers } = await startHome();
    await openHome(harness);
    await harness.fake.waitForCalls('views.publish', 1);
    const result = await harness.command('/nudge', 'me on 23:30', { userId: ADA, teamId: TEAM });
    await result.response();
    await eventually(() => timers.size === 1 || undefined, 3000, 'the republish to be scheduled');
    timers.runAll();
    await harness.fake.waitForCalls('views.publish', 2);
    expect(JSON.stringify(lastHome(harness))).toContain('23:30');
  });

  it('republishes after an hours button (Undo), but not after a Home button that only opens a form', async () => {
    const { harness, timers } = await startHome();
    await openHome(harness);
    await harness.fake.waitForCalls('views.publish', 1);
    await harness.action({ actionId: 'home_open_log', userId: ADA, teamId: TEAM, view: { id: 'VHOME', type: 'home' } });
    await harness.fake.waitForCalls('views.open', 1);
    expect(timers.size).toBe(0);
    const logged = await harness.command('/hours', 'log 2', { userId: ADA, teamId: TEAM });
    await eventually(() => timers.size === 1 || undefined, 3000, 'the republish after the log');
    timers.runAll();
    await harness.fake.waitForCalls('views.publish', 2);
    const undo = ((logged.ack?.blocks ?? []) as Array<{ elements?: Array<{ action_id: string; value: string }> }>)
      .flatMap((block) => block.elements ?? [])
      .find((element) => element.action_id === 'hours_undo');
    expect(undo).toBeDefined();
    await harness.action({ actionId: 'hours_undo', value: undo?.value ?? '', userId: ADA, teamId: TEAM });
    await eventually(() => timers.size === 1 || undefined, 3000, 'the republish after Undo');
    timers.runAll();
    const calls = await harness.fake.waitForCalls('views.publish', 3);
    expect(JSON.stringify(calls[2]?.args.view)).toContain('*This week*\\n0h');
  });

  it('shows the week chart when there is one, and text bars with a warning when the chart fails', async () => {
    const seen: unknown[] = [];
    const chart: ChartMaker = async (_deps, person, input) => {
      seen.push({ person, input });
      return { slackFile: { id: 'F0WEEK' }, alt: 'Mon 0h, Tue 0h, Wed 0h' };
    };
    const { harness } = await startHome({ chart });
    await openHome(harness);
    const [call] = await harness.fake.waitForCalls('views.publish', 1);
    expectValidHomeView(call?.args.view);
    expect(JSON.stringify(call?.args.view)).toContain('"slack_file":{"id":"F0WEEK"}');
    expect(seen).toEqual([
      {
        person: { teamId: TEAM, userId: ADA },
        input: { zone: 'America/Los_Angeles', locale: 'en', weekStart: '2026-11-23' },
      },
    ]);

    const broken = await startHome({ chart: async () => Promise.reject(new Error('resvg fell over')) });
    await openHome(broken.harness);
    const [bars] = await broken.harness.fake.waitForCalls('views.publish', 1);
    expect(JSON.stringify(bars?.args.view)).toContain('Mon 23 Nov');
    expect(JSON.stringify(bars?.args.view)).not.toContain('slack_file');
    expect(broken.harness.logs.records().some((r) => String(r.msg).includes('the week chart failed'))).toBe(true);
  });

  it('with the real chart: the image is an uploaded PNG, not uploaded again while the week is unchanged', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T20:00:00Z'));
    const now = new Date('2026-11-25T20:00:00Z');
    const harness = await build({ now: () => now, env: { NUDGE_TZ: 'America/Los_Angeles' } });
    await harness.store.people.saveSlackTimezone(
      { teamId: TEAM, userId: ADA },
      'America/Los_Angeles',
      now.toISOString(),
    );
    await harness.command('/hours', 'log 9 yesterday', { userId: ADA, teamId: TEAM });
    await openHome(harness);
    const [call] = await harness.fake.waitForCalls('views.publish', 1, 15_000);
    expectValidHomeView(call?.args.view);
    type Image = { type: string; slack_file?: { id: string }; alt_text?: string };
    const image = ((call?.args.view ?? { blocks: [] }) as { blocks: Image[] }).blocks[2];
    expect(image?.type, JSON.stringify(harness.logs.records().filter((r) => Number(r.level) >= 40))).toBe('image');
    const file = harness.fake.files.find((f) => f.id === image?.slack_file?.id);
    expect(file?.content.subarray(0, 8)).toEqual(Buffer.from('89504e470d0a1a0a', 'hex'));
    expect(image?.alt_text).toContain('9');
    await openHome(harness);
    await harness.fake.waitForCalls('views.publish', 2, 15_000);
    expect(harness.fake.files).toHaveLength(1);
  }, 30_000);
});
