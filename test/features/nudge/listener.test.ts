import { describe, expect, it } from 'vitest';
import { startJobs } from '../../../src/jobs.js';
import { createWebClient } from '../../../src/slack/web-client.js';
import { expectValidMessage } from '../../helpers/block-kit.js';
import { BOT_TOKEN, build } from '../../helpers/build.js';
import { expectLanguage } from '../../nudges/language.js';

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

describe('/nudge in two languages', () => {
  const answerOf = async (result: { ack?: Record<string, unknown>; response: () => Promise<{ body: unknown }> }) =>
    (result.ack?.text ? result.ack : (await result.response()).body) as Record<string, unknown>;

  it('here … zh sets the channel’s language (alone it keeps the time); status shows it', async () => {
    const h = await harness();
    const on = await h.command('/nudge', 'here 21:30 zh', { channelId: 'C0LATE' });
    expectValidMessage(on.ack as Record<string, unknown>);
    expect(text(on.ack)).toContain('It posts in Chinese (Simplified).');
    expect(await h.store.nudges.getChannel(TEAM, 'C0LATE')).toMatchObject({ time: '21:30', locale: 'zh' });
    expect(text((await h.command('/nudge', 'status')).ack)).toContain(
      'This channel: 21:30 America/Los_Angeles — next: Sat 28 Nov, 21:30, in Chinese (Simplified).',
    );
    // The language alone changes nothing else; a time alone keeps the language.
    await h.command('/nudge', 'here en');
    expect(await h.store.nudges.getChannel(TEAM, 'C0LATE')).toMatchObject({ time: '21:30', locale: 'en' });
    await h.command('/nudge', 'here 23:00');
    expect(await h.store.nudges.getChannel(TEAM, 'C0LATE')).toMatchObject({ time: '23:00', locale: 'en' });
    // On a channel with no nudge, the language alone turns one on at the workspace time.
    await h.command('/nudge', 'here 中文', { channelId: 'C0NEW' });
    expect(await h.store.nudges.getChannel(TEAM, 'C0NEW')).toMatchObject({
      enabled: true,
      time: '22:00',
      locale: 'zh',
    });
    // DEFAULT_LOCALE is the language of the NUDGE_CHANNEL, and of a person Slack gave no locale for.
    const env = await harness({ NUDGE_CHANNEL: 'C0ENV', DEFAULT_LOCALE: 'zh' });
    expect(text((await env.command('/nudge', 'status', { channelId: 'C0ENV' })).ack)).toContain(
      '使用简体中文 _（工作区默认设置，NUDGE_CHANNEL）_',
    );
  });

  it('answers a person whose Slack is Chinese in Chinese, every answer, and changes what they asked', async () => {
    const h = await harness();
    h.fake.addUser({ id: 'U0CHEN', name: 'chen', tz: 'Asia/Shanghai', locale: 'zh-CN' });
    await h.store.people.saveSlackTimezone(
      { teamId: TEAM, userId: 'U0CHEN' },
      'Asia/Shanghai',
      NOW.toISOString(),
      'zh-CN',
    );
    const chen = { userId: 'U0CHEN', channelId: 'C0LATE' };
    const inputs = [
      '',
      'here ２２：００ zh',
      'status',
      'off',
      'here 25:00',
      'me pause 3',
      'me on 晚上11点',
      'me',
      'me pause 3天',
      'me weekends on',
      'me resume',
      'me off',
      'banana',
    ];
    for (const input of inputs) {
      const answer = await answerOf(await h.command('/nudge', input, chen));
      expect(answer, input).toMatchObject({ response_type: 'ephemeral' });
      expectValidMessage(answer);
      expectLanguage('zh', answer);
    }
    expect(await h.store.nudges.getPerson({ teamId: TEAM, userId: 'U0CHEN' })).toMatchObject({
      enabled: false,
      time: '23:00',
      weekends: true,
    });
    expect(await h.store.nudges.getChannel(TEAM, 'C0LATE')).toMatchObject({ enabled: false, locale: 'zh' });
    // And an English person's answers stay English, whatever the channel's language.
    for (const input of ['', 'status', 'here 22点', 'banana'])
      expectLanguage('en', (await h.command('/nudge', input)).ack ?? {});
  });

  it('the channel set with /nudge here 22:00 zh gets its nightly post in Chinese; a zh person’s DM is Chinese', async () => {
    const clock = { now: NOW };
    const h = await build({ now: () => clock.now, env: { NUDGE_TZ: 'America/Los_Angeles' } });
    h.fake.addUser({ id: 'U0CHEN', name: 'chen', tz: 'America/Los_Angeles', locale: 'zh-CN' });
    await h.command('/nudge', 'here 22:00 zh', { channelId: 'C0LATE' });
    await h.command('/nudge', 'here 22:00', { channelId: 'C0PLAIN' });
    await (await h.command('/nudge', 'me on 22:00', { userId: 'U0CHEN' })).response();
    await h.command('/nudge', 'me weekends on', { userId: 'U0CHEN' });
    const jobs = startJobs(
      h.deps,
      createWebClient(BOT_TOKEN, h.fake.apiUrl, h.logs.logger, 'background'),
      { botId: h.fake.botId, botUserId: h.fake.botUserId, teamId: TEAM },
      { cron: false, catchUp: false },
    );
    await jobs.scheduler.tick(clock.now);
    clock.now = new Date('2026-11-29T06:00:00Z'); // Saturday 22:00 in Los Angeles
    expect((await jobs.scheduler.tick(clock.now)).sent).toBe(3);
    await jobs.stop();
    const posted = (channel: string) => {
      const found = h.fake.messages.filter((message) => message.channel === channel && !message.ephemeral);
      expect(found, channel).toHaveLength(1);
      expectValidMessage(found[0] as Record<string, unknown>, { requireBlocks: true });
      return found[0] as Record<string, unknown>;
    };
    expectLanguage('zh', posted('C0LATE'));
    expect(JSON.stringify(posted('C0LATE'))).toContain('America/Los_Angeles 时间 22:00');
    expectLanguage('en', posted('C0PLAIN'));
    expectLanguage('zh', posted('D0CHEN'));
    expect(JSON.stringify(posted('D0CHEN'))).toContain('你还没有记录今天（11月28日 周六）的工时');
  });
});
