import { describe, expect, it } from 'vitest';
import { renderFact } from '../../../src/corpus/render.js';
import type { Lang } from '../../../src/corpus/types.js';
import { translator } from '../../../src/i18n/translator.js';
import { expectValidMessage } from '../../helpers/block-kit.js';
import { build } from '../../helpers/build.js';
import { testCorpus } from '../../helpers/corpus.js';

const corpus = testCorpus();
/** Which fact a message shows: the one whose rendering it is. */
const factIn = (ack: Record<string, unknown> | undefined, lang: Lang = 'en') =>
  corpus.facts.find(
    (fact) =>
      JSON.stringify(renderFact(corpus, fact, lang, { t: translator('en'), first: 'en' }).blocks) ===
      JSON.stringify(ack?.blocks),
  );

describe('/fact', () => {
  it('posts a fact in the channel with its number in bold and the source line', async () => {
    const harness = await build();
    const { ack, status } = await harness.command('/fact', '996');
    expect(status).toBe(200);
    expect(ack?.response_type).toBe('in_channel');
    const fact = factIn(ack);
    expect(fact?.tags).toContain('996');
    expect(JSON.stringify(ack)).toContain(`*${fact?.highlight}*`);
    expect(JSON.stringify(ack)).toMatch(
      /Translated by Lights Out from the Chinese report of the Wall Street Journal story/,
    );
    expectValidMessage(ack ?? {});
  });

  it('finds the article’s headline facts by keyword, in English and Chinese', async () => {
    const harness = await build();
    const cases: Array<[string, string]> = [
      ['0-0-2', 'zero-zero-two'],
      ['fortune 500', 'fortune-500-nine-in-ten'],
      ['june', 'four-left-end-of-june'],
      ['zuckerberg', 'meta-signing-bonuses'],
      ['80 hours', 'hours-80-100'],
    ];
    for (const [keyword, id] of cases) {
      const { ack } = await harness.command('/fact', keyword);
      expect(factIn(ack)?.id, keyword).toBe(id);
    }
    const zh = await harness.command('/fact', '放假 zh');
    expect(['openai-week-off', 'lights-out-for-a-week']).toContain(factIn(zh.ack, 'zh')?.id);
    expect(zh.ack?.response_type).toBe('in_channel');
  });

  it('without a keyword, never repeats one of the channel’s last 5 facts', async () => {
    let draw = 0;
    const harness = await build({ random: () => [0.1, 0.1, 0.5, 0.1, 0.9, 0.1, 0.3][draw++ % 7] as number });
    const shown: string[] = [];
    for (let n = 0; n < 20; n++) {
      const fact = factIn((await harness.command('/fact', '', { channelId: 'CFACTS' })).ack);
      expect(fact).toBeDefined();
      expect(shown.slice(-5)).not.toContain(fact?.id);
      shown.push(fact?.id as string);
    }
  });

  it('answers a keyword with no match privately, with examples, and posts nothing', async () => {
    const harness = await build();
    const { ack } = await harness.command('/fact', 'quantum banana');
    expect(ack?.response_type).toBe('ephemeral');
    expect(JSON.stringify(ack)).toContain('/fact 996');
    expectValidMessage(ack ?? {});
  });
});
