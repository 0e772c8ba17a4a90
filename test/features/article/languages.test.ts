import { describe, expect, it, vi } from 'vitest';
import type { Quote } from '../../../src/corpus/types.js';
import { translator } from '../../../src/i18n/translator.js';
import { expectValidMessage } from '../../helpers/block-kit.js';
import { build } from '../../helpers/build.js';
import { testCorpus } from '../../helpers/corpus.js';
import { expectNoChinese, expectNoEnglish, forms, textsOf } from '../../helpers/languages.js';

vi.mock('../../../src/i18n/resolve.js', async (importOriginal) =>
  (await import('../../helpers/mock-locales.js')).mockLocales(importOriginal),
);

/** /quote and /fact end to end: a post follows the channel, the article's words the person, misses go back privately. */

const corpus = testCorpus();
const ZH_PERSON = { userId: 'UZHCHEN' };
const EN_PERSON = { userId: 'UADA' };
const ZH_CHANNEL = 'CZHLATE';
const EN_CHANNEL = 'CLATE';
const batson = corpus.speakerById.get('batson');
const names = corpus.speakers.flatMap((s) => [s.name_en, s.org]);

type Ack = Record<string, unknown> | undefined;
const section = (ack: Ack) => textsOf(ack ?? {})[1] ?? '';
const sourceLine = (ack: Ack) => textsOf(ack ?? {}).at(-1) ?? '';
/** The quote an answer shows, found by its first line in either language. */
const quoteIn = (ack: Ack): Quote | undefined =>
  corpus.quotes.find(
    (q) => section(ack).includes(q.zh.split('\n')[0] as string) || section(ack).includes(q.en.split('\n')[0] as string),
  );

describe('/quote in both languages', () => {
  it('a Chinese person in an English channel: the original Chinese, around it English (`/quote 贝特森`)', async () => {
    const harness = await build();
    const { ack } = await harness.command('/quote', '贝特森', { ...ZH_PERSON, channelId: EN_CHANNEL });
    expect(ack?.response_type).toBe('in_channel');
    const quote = quoteIn(ack) as Quote;
    expect(quote.speaker).toBe('batson');
    expect(section(ack)).toBe(`> ${quote.zh}\n— 乔希·贝特森 (Josh Batson), Anthropic`);
    expect(sourceLine(ack)).toBe(translator('en').t('article.source.zh'));
    for (const text of textsOf(ack ?? {})) expectNoChinese(text, [...forms(quote.zh), batson?.name_zh ?? '']);
    expectValidMessage(ack ?? {}, { requireBlocks: true });
  });

  it('a Chinese person in a Chinese channel: nothing but Chinese and the names', async () => {
    const harness = await build();
    const { ack } = await harness.command('/quote', '贝特森', { ...ZH_PERSON, channelId: ZH_CHANNEL });
    const quote = quoteIn(ack) as Quote;
    expect(section(ack)).toBe(`> ${quote.zh}\n— 乔希·贝特森（Josh Batson），Anthropic`);
    expect(sourceLine(ack)).toBe(translator('zh').t('article.source.zh'));
    for (const text of textsOf(ack ?? {})) expectNoEnglish(text, [...forms(quote.zh), ...names]);
  });

  it('an English person in a Chinese channel: our English, labelled in Chinese as our translation', async () => {
    const harness = await build();
    const { ack } = await harness.command('/quote', 'batson', { ...EN_PERSON, channelId: ZH_CHANNEL });
    const quote = quoteIn(ack) as Quote;
    expect(section(ack)).toBe(`> ${quote.en}\n— 乔希·贝特森（Josh Batson），Anthropic`);
    expect(sourceLine(ack)).toMatch(/^英文由 Lights Out 译自/);
    for (const text of textsOf(ack ?? {})) expectNoEnglish(text, [...forms(quote.en), ...names]);
    expectValidMessage(ack ?? {}, { requireBlocks: true });
  });

  it('`both` puts the asker’s language first, in any channel', async () => {
    const harness = await build({ random: () => 0 });
    const zh = await harness.command('/quote', 'batson both', { ...ZH_PERSON, channelId: 'CZHONE' });
    const en = await harness.command('/quote', 'batson both', { ...EN_PERSON, channelId: 'CZHTWO' });
    const quote = quoteIn(zh.ack) as Quote;
    expect(quoteIn(en.ack)?.id).toBe(quote.id);
    expect(section(zh.ack).startsWith(`> ${quote.zh.split('\n')[0]}`)).toBe(true);
    expect(section(en.ack).startsWith(`> ${quote.en.split('\n')[0]}`)).toBe(true);
    expect(sourceLine(zh.ack)).toBe(translator('zh').t('article.source.both'));
  });

  it('a near-miss name in a Chinese channel is explained in Chinese', async () => {
    const harness = await build();
    const { ack } = await harness.command('/quote', 'batsen', { ...EN_PERSON, channelId: ZH_CHANNEL });
    expect(ack?.response_type).toBe('in_channel');
    expect(textsOf(ack ?? {})[1]).toBe('文中没有引用名叫“batsen”的人的话，这里按 *乔希·贝特森* 来理解。');
  });

  it('misses go back privately in the person’s language, whatever the channel speaks', async () => {
    const harness = await build();
    const cases = [
      ['/quote', 'xylophone', /^文中没有和“xylophone”对得上的发言人或引语。/],
      ['/quote', 'che', /^“che”可能是/],
      ['/quote', 'x'.repeat(150), /^这次搜索有 150 个字符，最多只能 100 个。/],
      ['/fact', 'quantum banana', /^文中没有和“quantum banana”相关的事实。/],
      ['/fact', 'y'.repeat(101), /^这次搜索有 101 个字符/],
    ] as const;
    for (const [command, text, expected] of cases) {
      const { ack } = await harness.command(command, text, { ...ZH_PERSON, channelId: EN_CHANNEL });
      expect(ack?.response_type, text).toBe('ephemeral');
      expect(String(ack?.text), text).toMatch(expected);
      for (const shown of textsOf(ack ?? {})) expectNoEnglish(shown, [text, ...names]);
      expectValidMessage(ack ?? {});
    }
    expect(await harness.store.history.recent('T0LIGHTS', EN_CHANNEL, 'quote', 5)).toEqual([]);
    const english = await harness.command('/quote', 'xylophone', { ...EN_PERSON, channelId: ZH_CHANNEL });
    expect(String(english.ack?.text)).toMatch(/^Nothing in the article matches “xylophone”/);
    for (const shown of textsOf(english.ack ?? {})) expectNoChinese(shown);
  });
});

describe('/fact in both languages', () => {
  it('a Chinese person gets the source sentence; a Chinese channel labels our English as a translation', async () => {
    const harness = await build();
    const zh = await harness.command('/fact', '996', { ...ZH_PERSON, channelId: EN_CHANNEL });
    const fact = corpus.facts.find((f) => section(zh.ack) === f.zh.replace(/&/g, '&amp;'));
    expect(fact?.tags).toContain('996');
    expect(sourceLine(zh.ack)).toBe(translator('en').t('article.source.zh'));
    const en = await harness.command('/fact', '放假 en', { ...ZH_PERSON, channelId: ZH_CHANNEL });
    expect(en.ack?.response_type).toBe('in_channel');
    const shown = corpus.facts.find((f) => section(en.ack).replace(/\*/g, '') === f.en);
    expect(['openai-week-off', 'lights-out-for-a-week']).toContain(shown?.id);
    expect(sourceLine(en.ack)).toBe(translator('zh').t('article.source.en'));
    for (const text of textsOf(en.ack ?? {})) expectNoEnglish(text, [...forms(shown?.en ?? ''), ...names]);
    expectValidMessage(en.ack ?? {}, { requireBlocks: true });
  });
});

describe('in a direct message', () => {
  it('speaks the person’s language around the quote, whatever the default', async () => {
    const harness = await build({ env: { DEFAULT_LOCALE: 'en' } });
    const { ack } = await harness.command('/quote', 'batson en', { ...ZH_PERSON, channelId: 'D0CHEN' });
    expect(sourceLine(ack)).toBe(translator('zh').t('article.source.en'));
    const fact = await harness.command('/fact', '996 zh', { ...EN_PERSON, channelId: 'D0ADA' });
    expect(sourceLine(fact.ack)).toBe(translator('en').t('article.source.zh'));
  });
});
