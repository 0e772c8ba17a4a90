import { describe, expect, it, onTestFinished } from 'vitest';
import { NudgeScheduler } from '../../../src/nudges/scheduler.js';
import { createWebClient } from '../../../src/slack/web-client.js';
import { expectValidMessage } from '../../helpers/block-kit.js';
import { BOT_TOKEN, build } from '../../helpers/build.js';

/** Wednesday 2 Dec 2026, 03:00 UTC. */
const NOW = new Date('2026-12-02T03:00:00Z');
const text = (body: unknown) => JSON.stringify(body ?? {});

async function harness() {
  const clock = { now: NOW };
  const h = await build({ now: () => clock.now, env: { NUDGE_TZ: 'America/Los_Angeles' } });
  return { h, clock };
}

describe('/nudge me digest, end to end', () => {
  it('on: reads the zone from Slack, says the first Monday; status and help mention it; the DM comes', async () => {
    const { h, clock } = await harness();
    h.fake.addUser({ id: 'U0ADA', name: 'ada', tz: 'Europe/London' });
    const on = await h.command('/nudge', 'me digest on');
    expect(on.ack).toBeUndefined(); // acked at once; the answer follows once Slack gave the zone
    const answer = (await on.response()).body;
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
    expectValidMessage(answer as Record<string, unknown>);
    expect(text(answer)).toContain('every Monday at 09:00 your time (Europe/London)');
    expect(text(answer)).toContain('Mon 7 Dec, 09:00');
    expect(await h.store.digests.get({ teamId: h.fake.teamId, userId: 'U0ADA' })).toMatchObject({ enabled: true });

    const status = await h.command('/nudge', 'status', { channelId: 'C0LATE' });
    expectValidMessage(status.ack as Record<string, unknown>);
    expect(text(status.ack)).toContain('*Your Monday digest*: on, every Monday at 09:00 your time.');
    const help = await h.command('/nudge', 'help');
    expect(text(help.ack)).toContain('/nudge me digest on');

    // Monday 7 Dec, 09:00 in London: the scheduler sends it, once.
    const client = createWebClient(BOT_TOKEN, h.fake.apiUrl, h.logs.logger, 'background');
    const identity = { botId: h.fake.botId, botUserId: h.fake.botUserId, teamId: h.fake.teamId };
    const scheduler = new NudgeScheduler(h.deps, client, identity, { channelSpacingMs: 0 });
    onTestFinished(() => scheduler.stop());
    clock.now = new Date('2026-12-07T09:00:00Z');
    expect((await scheduler.tick(clock.now)).sent).toBe(1);
    expect((await scheduler.tick(new Date('2026-12-07T09:30:00Z'))).sent).toBe(0);
    const dm = h.fake.messages.filter((message) => message.channel === 'D0ADA' && !message.ephemeral);
    const digests = dm.filter((message) => text(message.blocks).includes('"type":"header"'));
    expect(digests).toHaveLength(1);
    expectValidMessage(digests[0]!, { requireBlocks: true });
    expect(text(digests[0]!.blocks)).toContain('Nothing logged last week.');
  });

  it('off, and bad input: a clear private answer that says what to type and changes nothing', async () => {
    const { h } = await harness();
    const person = { teamId: h.fake.teamId, userId: 'U0ADA' };
    await h.store.people.setTimezoneOverride(person, 'Asia/Shanghai');
    await (await h.command('/nudge', 'me digest on')).response();
    for (const input of ['me digest', 'me digest maybe', 'me digest on now']) {
      const result = await h.command('/nudge', input);
      expect(result.ack).toMatchObject({ response_type: 'ephemeral' });
      expect(text(result.ack)).toContain('`/nudge me digest on` or `/nudge me digest off`. Nothing was changed.');
    }
    expect(await h.store.digests.get(person)).toMatchObject({ enabled: true });
    const off = await h.command('/nudge', 'me digest OFF');
    expect(text(off.ack)).toContain('The Monday digest is off.');
    expect(await h.store.digests.get(person)).toMatchObject({ enabled: false });
    expect(text((await h.command('/nudge', 'me digest off')).ack)).toContain('already off');
    const status = await h.command('/nudge', 'status');
    expect(text(status.ack)).toContain('*Your Monday digest*: off.');
  });

  it('answers in Chinese to a person who chose Chinese', async () => {
    const { h } = await harness();
    const person = { teamId: h.fake.teamId, userId: 'U0ADA' };
    await h.store.people.setTimezoneOverride(person, 'Asia/Shanghai');
    await h.store.people.setLocaleOverride(person, 'zh');
    const on = await h.command('/nudge', 'me digest on');
    const answer = on.ack ?? (await on.response()).body;
    expectValidMessage(answer as Record<string, unknown>);
    expect(text(answer)).toContain('周一摘要已开启');
    expect(text(answer)).not.toContain('Monday digest');
    const status = await h.command('/nudge', 'status');
    expect(text(status.ack)).toContain('*你的周一摘要* — 已开启');
    expect(text((await h.command('/nudge', 'help')).ack)).toContain('每周一早上 9:00');
  });
});
