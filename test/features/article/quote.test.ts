import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectValidMessage } from '../../helpers/block-kit.js';
import { build } from '../../helpers/build.js';
import { testCorpus } from '../../helpers/corpus.js';

const corpus = testCorpus();
const speakerOf = (ack: Record<string, unknown> | undefined) => {
  const text = String((ack?.blocks as Array<{ text?: { text: string } }>)?.[0]?.text?.text ?? '');
  return corpus.speakers.find((speaker) => text.includes(`— ${speaker.name_en}, ${speaker.org}`))?.id;
};

describe('/quote', () => {
  it('finds every speaker by every alias, name and unique prefix, and posts in the channel', async () => {
    const harness = await build();
    for (const speaker of corpus.speakers) {
      const names = [
        ...speaker.aliases,
        speaker.name_en.toUpperCase(),
        speaker.name_zh,
        ...(speaker.id === 'chen' ? [] : [speaker.id.slice(0, Math.max(4, speaker.id.length - 2))]),
      ];
      for (const name of names) {
        const result = await harness.command('/quote', name, { channelId: `C${speaker.id.toUpperCase()}` });
        expect(result.status).toBe(200);
        expect(result.ack?.response_type, `${name} is public`).toBe('in_channel');
        expect(speakerOf(result.ack), `"${name}" finds ${speaker.id}`).toBe(speaker.id);
        expectValidMessage(result.ack ?? {});
      }
    }
  });

  it('takes "chen" as Mark Chen, not Chennapragada; "chenna" as Chennapragada; "che" asks which', async () => {
    const harness = await build();
    expect(speakerOf((await harness.command('/quote', 'chen')).ack)).toBe('chen');
    expect(speakerOf((await harness.command('/quote', 'Chen')).ack)).toBe('chen');
    expect(speakerOf((await harness.command('/quote', 'chenna')).ack)).toBe('chennapragada');
    const ambiguous = await harness.command('/quote', 'che');
    expect(ambiguous.ack?.response_type).toBe('ephemeral');
    expect(String(ambiguous.ack?.text)).toMatch(
      /could be .*Chen.* or .*Chennapragada|could be .*Chennapragada.* or .*Chen/,
    );
  });

  it('attributes the quote and says the English is our translation of the Chinese report', async () => {
    const harness = await build();
    const { ack } = await harness.command('/quote', 'batson');
    const blocks = JSON.stringify(ack?.blocks);
    expect(blocks).toContain('— Josh Batson, Anthropic');
    expect(blocks).toMatch(/Translated by Lights Out from the Chinese report of the Wall Street Journal story/);
    const blocksOf = (ack?.blocks ?? []) as Array<{ text?: { text: string } }>;
    expect(String(blocksOf[0]?.text?.text)).toMatch(/^> /);
  });

  it('shows the original Chinese with zh and both languages with both', async () => {
    const harness = await build();
    const zh = await harness.command('/quote', 'sewak zh');
    const zhQuote = corpus.quotes.find((quote) => JSON.stringify(zh.ack).includes(quote.zh.split('\n')[0] as string));
    expect(zhQuote?.speaker).toBe('sewak');
    expect(JSON.stringify(zh.ack)).not.toContain(zhQuote?.en.slice(0, 20));
    const both = await harness.command('/quote', 'batson both');
    const bothQuote = corpus.quotes.find((quote) =>
      JSON.stringify(both.ack).includes(quote.zh.split('\n')[0] as string),
    );
    expect(JSON.stringify(both.ack)).toContain(bothQuote?.en.slice(0, 20));
    expectValidMessage(both.ack ?? {});
  });

  it('searches keywords in English, Chinese and tags', async () => {
    const harness = await build();
    const cases: Array<[string, (quoteId: string) => boolean]> = [
      ['vacation', (id) => ['sewak-no-vacation', 'chen-rest-and-recover'].includes(id)],
      ['20 years', (id) => id === 'batson-2-years'],
      ['度假', (id) => id === 'sewak-no-vacation'],
      ['thursday', (id) => id === 'chennapragada-thursday-to-friday'],
    ];
    for (const [keyword, expected] of cases) {
      const { ack } = await harness.command('/quote', keyword);
      const shown = corpus.quotes.find((quote) =>
        JSON.stringify(ack).includes(quote.en.slice(0, 30).replace(/"/g, '\\"')),
      );
      expect(shown && expected(shown.id), `${keyword} → ${shown?.id}`).toBe(true);
      expect(ack?.response_type).toBe('in_channel');
    }
  });

  it('says when the words are not a speaker, lists the speakers, and shows the quote with those words', async () => {
    const harness = await build();
    const { ack } = await harness.command('/quote', 'nobody');
    expect(ack?.response_type).toBe('in_channel');
    const blocks = (ack?.blocks ?? []) as Array<{
      type: string;
      text?: { text: string };
      elements?: { text: string }[];
    }>;
    const note = String(blocks[0]?.elements?.[0]?.text);
    expect(note).toContain('No one called “nobody” is quoted in the article');
    for (const speaker of corpus.speakers) expect(note).toContain(speaker.name_en);
    expect(String(blocks[1]?.text?.text)).toContain('Nobody takes time off');
    expect(String(ack?.text)).toContain('No one called “nobody”');
    expectValidMessage(ack ?? {});
  });

  it('reads a near-miss name as the speaker it is close to, and says so', async () => {
    const harness = await build();
    for (const [typed, name] of [
      ['batsen', 'Josh Batson'],
      ['sewack', 'Madhavi Sewak'],
    ] as const) {
      const { ack } = await harness.command('/quote', typed);
      expect(ack?.response_type).toBe('in_channel');
      const text = JSON.stringify(ack?.blocks);
      expect(text).toContain(`No one called “${typed}” is quoted in the article; reading it as *${name}*.`);
      expect(text).toContain(`— ${name}, `);
      expectValidMessage(ack ?? {});
    }
  });

  it('names the topic a keyword matched, and adds nothing to a plain speaker name', async () => {
    const harness = await build();
    const topic = await harness.command('/quote', 'vacation');
    expect(JSON.stringify(topic.ack?.blocks)).toContain('A quote about “vacation”.');
    const plain = await harness.command('/quote', 'batson');
    expect(JSON.stringify(plain.ack?.blocks)).not.toMatch(/No one called|A quote about/);
  });

  it('never repeats one of the last 5 quotes shown in a channel', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: 12, maxLength: 12 }),
        async (draws) => {
          let i = 0;
          const harness = await build({ random: () => draws[i++ % draws.length] as number });
          const shown: string[] = [];
          for (let n = 0; n < 12; n++) {
            const { ack } = await harness.command('/quote', '', { channelId: 'CNOREPEAT' });
            const quote = corpus.quotes.find(
              (candidate) =>
                JSON.stringify(ack).includes(candidate.id) ||
                JSON.stringify(ack).includes(candidate.en.slice(0, 25).replace(/"/g, '\\"')),
            );
            expect(quote).toBeDefined();
            expect(shown.slice(-5)).not.toContain(quote?.id);
            shown.push(quote?.id as string);
          }
          await harness.close();
        },
      ),
      { numRuns: 15 },
    );
  });

  it('keeps each channel’s rotation separate', async () => {
    const harness = await build({ random: () => 0 });
    const first = (await harness.command('/quote', '', { channelId: 'CONE' })).ack;
    const other = (await harness.command('/quote', '', { channelId: 'CTWO' })).ack;
    expect(JSON.stringify(other?.blocks)).toEqual(JSON.stringify(first?.blocks));
  });

  it('answers an unknown speaker or keyword privately, listing the speakers and examples, and records nothing', async () => {
    const harness = await build();
    const { ack } = await harness.command('/quote', 'zuckerberg-the-robot', { channelId: 'CMISS' });
    expect(ack?.response_type).toBe('ephemeral');
    const text = JSON.stringify(ack);
    for (const speaker of corpus.speakers) expect(text).toContain(speaker.name_en);
    expect(text).toContain('/quote batson');
    expect(await harness.store.history.recent('T0LIGHTS', 'CMISS', 'quote', 5)).toEqual([]);
    expectValidMessage(ack ?? {});
  });

  it('never lets a hostile keyword ping or link, and refuses very long searches privately', async () => {
    const harness = await build();
    for (const hostile of ['<!channel>', '&lt;!here&gt;', '<@U123>', '<https://x.example|click>']) {
      const { ack } = await harness.command('/quote', hostile);
      const text = JSON.stringify(ack);
      expect(text).not.toMatch(/<!channel>|<!here>|<@U123>|<https:/);
      expect(ack?.response_type).toBe('ephemeral');
    }
    const { ack } = await harness.command('/quote', 'x'.repeat(10_000));
    expect(ack?.response_type).toBe('ephemeral');
    expect(String(ack?.text)).toMatch(/searches are up to 100/);
    expect(String(ack?.text).length).toBeLessThan(600);
  });
});
