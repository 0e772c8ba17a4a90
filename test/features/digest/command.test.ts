import { describe, expect, it } from 'vitest';
import { parseDigestCommand } from '../../../src/features/digest/command.js';
import { parseNudge } from '../../../src/features/nudge/parse.js';
import { expectValidMessage } from '../../helpers/block-kit.js';
import { build } from '../../helpers/build.js';

/** Wednesday 2 Dec 2026, 03:00 UTC: 11:00 in Shanghai. */
const NOW = new Date('2026-12-02T03:00:00Z');
const TEAM = 'T0LIGHTS';
const ada = { userId: 'U0ADA' };
const text = (ack: Record<string, unknown> | undefined) => `${ack?.text ?? ''} ${JSON.stringify(ack?.blocks ?? [])}`;

describe('/nudge me digest', () => {
  it('parses on and off, any case; anything else is a usage answer', () => {
    expect(parseNudge('me digest on')).toEqual({ kind: 'digest', on: true });
    expect(parseNudge('ME Digest OFF')).toEqual({ kind: 'digest', on: false });
    for (const rest of [[], ['maybe'], ['on', 'now']])
      expect(parseDigestCommand(rest)).toEqual({ kind: 'digest-usage' });
  });

  it('turns the digest on and off, privately, saying when the first one comes in the person’s zone', async () => {
    const h = await build({ now: () => NOW, env: { NUDGE_TZ: 'America/Los_Angeles' } });
    await h.command('/hours', 'tz Asia/Shanghai', ada);
    const on = await h.command('/nudge', 'me digest on', ada);
    expect(on.ack).toMatchObject({ response_type: 'ephemeral' });
    expectValidMessage(on.ack as Record<string, unknown>);
    expect(text(on.ack)).toContain('The Monday digest is on: every Monday at 09:00 your time (Asia/Shanghai)');
    expect(text(on.ack)).toContain('Mon 7 Dec, 09:00');
    expect(await h.store.digests.get({ teamId: TEAM, ...ada })).toEqual({
      teamId: TEAM,
      ...ada,
      enabled: true,
      updatedAt: NOW.toISOString(),
    });
    expect(text((await h.command('/nudge', 'me digest on', ada)).ack)).toContain('already on');

    const off = await h.command('/nudge', 'me digest off', ada);
    expect(text(off.ack)).toContain('The Monday digest is off.');
    expect(await h.store.digests.get({ teamId: TEAM, ...ada })).toMatchObject({ enabled: false });
  });

  it('answers bad input with what to type, and changes nothing', async () => {
    const h = await build({ now: () => NOW });
    for (const input of ['me digest', 'me digest sometimes', 'me digest on off']) {
      const result = await h.command('/nudge', input, ada);
      expect(result.ack).toMatchObject({ response_type: 'ephemeral' });
      expect(text(result.ack)).toContain('`/nudge me digest on` or `/nudge me digest off`');
      expect(text(result.ack)).toContain('Nothing was changed.');
    }
    expect(await h.store.digests.get({ teamId: TEAM, ...ada })).toBeUndefined();
  });
});
