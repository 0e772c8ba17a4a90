import { describe, expect, it } from 'vitest';
import { startJobs } from '../../../src/jobs.js';
import { createWebClient } from '../../../src/slack/web-client.js';
import { expectValidMessage } from '../../helpers/block-kit.js';
import { BOT_TOKEN, build } from '../../helpers/build.js';
import { expectLanguage } from '../../nudges/language.js';

/** Saturday 28 Nov 2026, 20:00 in Los Angeles. */
const NOW = new Date('2026-11-29T04:00:00Z');
const TEAM = 'T0LIGHTS';

async function harness(env: Record<string, string> = {}) {
  return build({ now: () => NOW, env: { NUDGE_TZ: 'America/Los_Angeles', ...env } });
}

const text = (ack: Record<string, unknown> | undefined) => `${ack?.text ?? ''} ${JSON.stringify(ack?.blocks ?? [])}`;

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
    // On a channel with no nudge, the language alone is kept for later and turns nothing on.
    const later = await h.command('/nudge', 'here 中文', { channelId: 'C0NEW' });
    expect(text(later.ack)).toContain('will post in Chinese (Simplified). It is off now');
    expect(await h.store.nudges.getChannel(TEAM, 'C0NEW')).toMatchObject({ enabled: false, locale: 'zh' });
    await h.command('/nudge', 'here 21:00', { channelId: 'C0NEW' });
    expect(await h.store.nudges.getChannel(TEAM, 'C0NEW')).toMatchObject({
      enabled: true,
      time: '21:00',
      locale: 'zh',
    });
    // A channel that was turned off stays off.
    await h.command('/nudge', 'off', { channelId: 'C0NEW' });
    await h.command('/nudge', 'here en', { channelId: 'C0NEW' });
    expect(await h.store.nudges.getChannel(TEAM, 'C0NEW')).toMatchObject({
      enabled: false,
      time: '21:00',
      locale: 'en',
    });
    // DEFAULT_LOCALE is the language of the NUDGE_CHANNEL, and of a person Slack gave no locale for.
    const env = await harness({ NUDGE_CHANNEL: 'C0ENV', DEFAULT_LOCALE: 'zh' });
    expect(text((await env.command('/nudge', 'status', { channelId: 'C0ENV' })).ack)).toContain(
      '使用简体中文 _（工作区默认设置，NUDGE_CHANNEL）_',
    );
    // Choosing the NUDGE_CHANNEL's language keeps its nudge on, at its time.
    const chosen = await env.command('/nudge', 'here en', { channelId: 'C0ENV' });
    expect(text(chosen.ack)).toContain('今后使用英文，时间仍是每晚 22:00 America/Los_Angeles');
    expect(await env.store.nudges.getChannel(TEAM, 'C0ENV')).toMatchObject({
      enabled: true,
      time: '22:00',
      locale: 'en',
    });
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
