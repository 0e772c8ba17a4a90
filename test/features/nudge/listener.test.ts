import { describe, expect, it } from 'vitest';
import { startJobs } from '../../../src/jobs.js';
import { createWebClient } from '../../../src/slack/web-client.js';
import { expectValidMessage } from '../../helpers/block-kit.js';
import { BOT_TOKEN, build } from '../../helpers/build.js';

/** Saturday 28 Nov 2026, 20:00 in Los Angeles. */
const NOW = new Date('2026-11-29T04:00:00Z');
const TEAM = 'T0LIGHTS';

async function harness(env: Record<string, string> = {}, now = NOW) {
  const clock = { now };
  return build({ now: () => clock.now, env: { NUDGE_TZ: 'America/Los_Angeles', ...env } });
}

const text = (ack: Record<string, unknown> | undefined) => `${ack?.text ?? ''} ${JSON.stringify(ack?.blocks ?? [])}`;

describe('/nudge answers', () => {
  it('help: private, valid Block Kit, every form listed', async () => {
    const h = await harness();
    for (const input of ['', 'help']) {
      const result = await h.command('/nudge', input);
      expect(result.ack).toMatchObject({ response_type: 'ephemeral' });
      expectValidMessage(result.ack as Record<string, unknown>);
      for (const form of [
        '/nudge here',
        '/nudge off',
        '/nudge status',
        '/nudge me on',
        '/nudge me pause',
        'weekends',
      ]) {
        expect(text(result.ack)).toContain(form);
      }
    }
  });

  it('here: turns the channel on with its time and zone and says the next run', async () => {
    const h = await harness();
    const result = await h.command('/nudge', 'here 22:00 Europe/London', { userId: 'U0ADA', channelId: 'C0LATE' });
    expect(result.ack).toMatchObject({ response_type: 'ephemeral' });
    expectValidMessage(result.ack as Record<string, unknown>);
    // 04:00Z is 04:00 in London, so tonight's 22:00 is next.
    expect(text(result.ack)).toContain('22:00 Europe/London — next: Sun 29 Nov, 22:00');
    expect(text(result.ack)).toContain('/invite @Lights Out');
    expect(await h.store.nudges.getChannel(TEAM, 'C0LATE')).toMatchObject({
      enabled: true,
      time: '22:00',
      zone: 'Europe/London',
      setBy: 'U0ADA',
    });
  });

  it('here with no time or zone uses the workspace schedule and zone', async () => {
    const h = await harness({ NUDGE_SCHEDULE: '30 21 * * *', NUDGE_TZ: 'Asia/Shanghai' });
    const result = await h.command('/nudge', 'here');
    expect(text(result.ack)).toContain('21:30 Asia/Shanghai — next: Sun 29 Nov, 21:30');
  });

  it.each([
    ['here 25:00', '`25:00` is not a time'],
    ['here 22:00 Mars/Base', 'not a time zone I know'],
    ['me pause -1', 'not a number of days'],
    ['banana', "I don't know `banana`"],
  ])('refuses %j privately, with the right form, and changes nothing', async (input, says) => {
    const h = await harness();
    const result = await h.command('/nudge', input);
    expect(result.ack).toMatchObject({ response_type: 'ephemeral' });
    expect(text(result.ack)).toContain(says);
    expect(text(result.ack)).toContain('Nothing was changed');
    expect(await h.store.nudges.listChannels(TEAM)).toEqual([]);
    expect(await h.store.nudges.getPerson({ teamId: TEAM, userId: 'U0ADA' })).toBeUndefined();
  });

  it('here in a DM points to /nudge me on instead', async () => {
    const h = await harness();
    const result = await h.command('/nudge', 'here', { channelId: 'D0ADA' });
    expect(text(result.ack)).toContain('/nudge me on');
    expect(await h.store.nudges.listChannels(TEAM)).toEqual([]);
  });

  it('off: stops this channel; with nothing on, says so and changes nothing', async () => {
    const h = await harness();
    expect(text((await h.command('/nudge', 'off')).ack)).toContain('nothing to turn off');
    expect(await h.store.nudges.listChannels(TEAM)).toEqual([]);
    await h.command('/nudge', 'here 23:00');
    const off = await h.command('/nudge', 'off');
    expect(text(off.ack)).toContain('Turned off');
    expect(text(off.ack)).toContain('23:00 America/Los_Angeles');
    expect(await h.store.nudges.getChannel(TEAM, 'C0LATE')).toMatchObject({ enabled: false });
  });

  it('off in the NUDGE_CHANNEL silences the workspace nudge', async () => {
    const h = await harness({ NUDGE_CHANNEL: 'C0LATE' });
    const off = await h.command('/nudge', 'off', { channelId: 'C0LATE' });
    expect(text(off.ack)).toContain('Turned off');
    expect(await h.store.nudges.getChannel(TEAM, 'C0LATE')).toMatchObject({ enabled: false });
    const status = text((await h.command('/nudge', 'status', { channelId: 'C0LATE' })).ack);
    expect(status).toContain('This channel has no go-home nudge');
    expect(status).toContain('No other channel has one');
  });

  it('status: this channel’s nudge and your own, and only the number of other channels with one', async () => {
    const h = await harness({ NUDGE_CHANNEL: 'C0ENV' });
    await h.command('/nudge', 'here 21:00 Europe/London', { channelId: 'C0LDN' });
    await h.command('/nudge', 'here 23:45', { channelId: 'C0LATE' });
    await h.command('/nudge', 'here 22:00', { channelId: 'G0SECRETPRIVATE' });
    await h.command('/nudge', 'here 22:00', { channelId: 'C0WASON' });
    await h.command('/nudge', 'off', { channelId: 'C0WASON' });

    const result = await h.command('/nudge', 'status', { channelId: 'C0LATE' });
    expectValidMessage(result.ack as Record<string, unknown>);
    const all = text(result.ack);
    expect(all).toContain('This channel: 23:45 America/Los_Angeles — next: Sat 28 Nov, 23:45');
    expect(all).toContain('3 other channels have one on.');
    expect(all).toContain('Your personal nudge is off');
    for (const id of ['C0ENV', 'C0LDN', 'G0SECRETPRIVATE', 'C0WASON']) expect(all).not.toContain(id);
    expect(all).not.toMatch(/<[!@#]/);

    const env = text((await h.command('/nudge', 'status', { channelId: 'C0ENV' })).ack);
    expect(env).toContain('This channel: 22:00 America/Los_Angeles — next: Sat 28 Nov, 22:00');
    expect(env).toContain('workspace default, NUDGE_CHANNEL');
    expect(env).toContain('3 other channels have one on.');

    const quiet = text((await h.command('/nudge', 'status', { channelId: 'C0QUIET' })).ack);
    expect(quiet).toContain('This channel has no go-home nudge');
    expect(quiet).toContain('4 other channels have one on.');
    for (const id of ['C0ENV', 'C0LDN', 'C0LATE', 'G0SECRETPRIVATE']) expect(quiet).not.toContain(id);

    const dm = text((await h.command('/nudge', 'status', { channelId: 'D0ADA' })).ack);
    expect(dm).toContain('Type `/nudge status` in a channel to see its nudge.');
    expect(dm).toContain('4 channels have one on.');
    expect(dm).not.toMatch(/[CG]0[A-Z]/);
  });

  it('me on: acks at once, reads the zone from Slack, answers with the next run; then pause, weekends, off', async () => {
    const h = await harness();
    h.fake.addUser({ id: 'U0ADA', name: 'ada', tz: 'Europe/London' });
    const on = await h.command('/nudge', 'me on 22:30');
    expect(on.ack).toBeUndefined();
    const answer = (await on.response()).body;
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
    // Sunday night is a weekend night (off by default): the next is Monday's.
    expect(JSON.stringify(answer)).toContain('22:30 Europe/London — next: Mon 30 Nov, 22:30');
    expect(JSON.stringify(answer)).toContain('from your Slack profile');
    expect(JSON.stringify(answer)).toContain('Not on Saturday and Sunday nights');
    expect(h.fake.callsTo('users.info')).toHaveLength(1);

    const pause = await h.command('/nudge', 'me pause 3');
    expect(text(pause.ack)).toContain('no nudge before Wed 2 Dec');
    expect(text(pause.ack)).toContain('next: Wed 2 Dec, 22:30');
    const weekends = await h.command('/nudge', 'me weekends on');
    expect(text(weekends.ack)).toContain('Weekends included');
    const resume = await h.command('/nudge', 'me resume');
    expect(text(resume.ack)).toContain('next: Sun 29 Nov, 22:30');
    expect(await h.store.nudges.getPerson({ teamId: TEAM, userId: 'U0ADA' })).toMatchObject({
      enabled: true,
      time: '22:30',
      weekends: true,
      resumeOn: null,
    });
    const until = await h.command('/nudge', 'me pause 2026-11-28');
    expect(text(until.ack)).toContain('is not after today');
    const off = await h.command('/nudge', 'me off');
    expect(text(off.ack)).toContain('Your personal nudge is off');
    // Said once, then how to turn it back on, not how to turn it off.
    expect(String(off.ack?.text).match(/personal nudge is off/g)).toHaveLength(1);
    expect(text(off.ack)).not.toContain('`/nudge me off` stops it');
    expect(String(off.ack?.text)).toContain('`/nudge me on` turns it back on');
    expect(await h.store.nudges.getPerson({ teamId: TEAM, userId: 'U0ADA' })).toMatchObject({ enabled: false });
  });

  it('/hours forget confirm deletes the personal nudge too', async () => {
    const h = await harness();
    await (await h.command('/nudge', 'me on 23:00')).response();
    expect(await h.store.nudges.getPerson({ teamId: TEAM, userId: 'U0ADA' })).toMatchObject({ enabled: true });
    const forget = await h.command('/hours', 'forget confirm');
    expect(forget.status).toBe(200);
    if (!forget.ack?.text) await forget.response();
    expect(await h.store.nudges.getPerson({ teamId: TEAM, userId: 'U0ADA' })).toBeUndefined();
    expect(text((await h.command('/nudge', 'me')).ack)).toContain('Your personal nudge is off');
  });

  it('me pause when the nudge is off changes nothing and says how to turn it on', async () => {
    const h = await harness();
    const result = await h.command('/nudge', 'me pause 2');
    expect(text(result.ack)).toContain('/nudge me on');
    expect(await h.store.nudges.getPerson({ teamId: TEAM, userId: 'U0ADA' })).toBeUndefined();
  });

  it('keeps acking commands while a large fan-out runs', async () => {
    const h = await harness({}, new Date('2026-11-29T06:00:00Z'));
    for (let i = 0; i < 60; i++) {
      await h.store.nudges.enableChannel({
        teamId: TEAM,
        channelId: `C${String(i).padStart(3, '0')}BIG`,
        time: '22:00',
        zone: 'America/Los_Angeles',
        setBy: 'U1',
        at: '2026-11-29T05:00:00Z',
      });
    }
    // Posts are held until the commands are answered, so "during the fan-out" holds whatever the runner's speed.
    let posted = 0;
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    h.fake.answer('chat.postMessage', async (args) => {
      await gate;
      posted++;
      return { channel: String(args.channel), ts: `1.${posted}` };
    });
    const jobs = startJobs(
      h.deps,
      createWebClient(BOT_TOKEN, h.fake.apiUrl, h.logs.logger, 'background'),
      {
        botId: h.fake.botId,
        botUserId: h.fake.botUserId,
        teamId: TEAM,
      },
      { cron: false, catchUp: false },
    );
    const fanOut = jobs.scheduler.tick();
    await h.fake.waitForCalls('chat.postMessage', 1);
    for (let i = 0; i < 3; i++) {
      const result = await h.command('/nudge', 'status');
      expect(result.status).toBe(200);
      expect(text(result.ack)).toContain('Channel nudges');
    }
    expect(posted).toBe(0);
    open();
    expect((await fanOut).sent).toBe(60);
    await jobs.stop();
  });
});
