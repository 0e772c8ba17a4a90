import { describe, expect, it } from 'vitest';
import { answerDigestCommand, parseDigestCommand } from '../../../src/features/digest/command.js';
import { SqliteStore } from '../../../src/store/sqlite.js';
import { expectValidMessage } from '../../helpers/block-kit.js';

/** Wednesday 2 Dec 2026, 03:00 UTC: 11:00 in Shanghai. */
const NOW = new Date('2026-12-02T03:00:00Z');
const TEAM = 'T0LIGHTS';
const ada = { teamId: TEAM, userId: 'U0ADA' };
const text = (ack: { text: string; blocks: unknown[] }) => `${ack.text} ${JSON.stringify(ack.blocks)}`;

/**
 * The answers to `/nudge me digest …`, called as the nudge listener will once the weekly delivery is wired in
 * (until then the subcommand is not reachable from Slack, so nobody is promised a DM that would not come).
 */
async function harness() {
  const store = new SqliteStore(':memory:');
  const config = { defaultLocale: 'en', nudge: { timezone: 'America/Los_Angeles' } } as Parameters<
    typeof answerDigestCommand
  >[0]['config'];
  const deps = { store, config, now: () => NOW };
  return { store, ask: (words: string[]) => answerDigestCommand(deps, ada, parseDigestCommand(words)) };
}

describe('/nudge me digest', () => {
  it('parses on and off, any case; anything else is a usage answer', () => {
    expect(parseDigestCommand(['on'])).toEqual({ kind: 'digest', on: true });
    expect(parseDigestCommand(['OFF'])).toEqual({ kind: 'digest', on: false });
    for (const rest of [[], ['maybe'], ['on', 'now']])
      expect(parseDigestCommand(rest)).toEqual({ kind: 'digest-usage' });
  });

  it('turns the digest on and off, privately, saying when the first one comes in the person’s zone', async () => {
    const { store, ask } = await harness();
    await store.people.setTimezoneOverride(ada, 'Asia/Shanghai');
    const on = await ask(['on']);
    expect(on).toMatchObject({ response_type: 'ephemeral' });
    expectValidMessage(on);
    expect(text(on)).toContain('The Monday digest is on: every Monday at 09:00 your time (Asia/Shanghai)');
    expect(text(on)).toContain('Mon 7 Dec, 09:00');
    expect(await store.digests.get(ada)).toEqual({ ...ada, enabled: true, updatedAt: NOW.toISOString() });
    expect(text(await ask(['on']))).toContain('already on');

    expect(text(await ask(['off']))).toContain('The Monday digest is off.');
    expect(await store.digests.get(ada)).toMatchObject({ enabled: false });
    await store.close();
  });

  it('answers bad input with what to type, and changes nothing', async () => {
    const { store, ask } = await harness();
    for (const words of [[], ['sometimes'], ['on', 'off']]) {
      const answer = await ask(words);
      expectValidMessage(answer);
      expect(text(answer)).toContain('`/nudge me digest on` or `/nudge me digest off`');
      expect(text(answer)).toContain('Nothing was changed.');
    }
    expect(await store.digests.get(ada)).toBeUndefined();
    await store.close();
  });
});
