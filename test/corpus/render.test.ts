import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { renderFactHelp, renderQuoteHelp } from '../../src/corpus/help.js';
import { defaultCorpusPath, loadCorpus, parseCorpus } from '../../src/corpus/load.js';
import { type ArticleView, renderFact, renderQuote, SECTION_TEXT_MAX, sourceNote } from '../../src/corpus/render.js';
import type { Lang, RenderedMessage } from '../../src/corpus/types.js';
import { translator } from '../../src/i18n/translator.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';

const corpus = loadCorpus();
const LANGS: readonly Lang[] = ['en', 'zh', 'both'];
const en = translator('en');
/** An English channel, asked by an English person (so `both` shows English first) or a Chinese one. */
const EN: ArticleView = { t: en, first: 'en' };
const EN_ZH_FIRST: ArticleView = { t: en, first: 'zh' };

// Community Block Kit schema (MIT), copied into test/fixtures so the test runs on a fresh clone.
const schema = JSON.parse(
  readFileSync(new URL('../fixtures/slack-block-kit.schema.json', import.meta.url), 'utf8'),
) as object;
const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
const validateBlocks = ajv.compile(schema);

/** Schema validity plus the limits the schema leaves to us. */
function expectValidMessage(message: RenderedMessage): void {
  const ok = validateBlocks(message.blocks);
  expect(validateBlocks.errors ?? [], JSON.stringify(message.blocks)).toEqual([]);
  expect(ok).toBe(true);
  expect(message.blocks.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  expect(message.text.trim()).not.toBe('');
  for (const block of message.blocks) {
    expect(['section', 'context']).toContain(block.type);
    if (block.type === 'section') expect(block.text.text.length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
    if (block.type === 'context') for (const e of block.elements) expect(e.text.length).toBeLessThanOrEqual(3000);
  }
}

const sectionText = (m: RenderedMessage) => {
  const block = m.blocks[0];
  if (block?.type !== 'section') throw new Error('first block is not a section');
  return block.text.text;
};
const contextText = (m: RenderedMessage) => {
  const block = m.blocks[1];
  if (block?.type !== 'context') throw new Error('second block is not a context');
  return block.elements.map((e) => e.text).join(' ');
};

describe('the Block Kit schema check', () => {
  it('rejects what Slack would reject, so passing it means something', () => {
    expect(validateBlocks([{ type: 'section', text: { type: 'mrkdwn', text: '' } }])).toBe(false);
    expect(validateBlocks([{ type: 'sektion', text: { type: 'mrkdwn', text: 'x' } }])).toBe(false);
    expect(validateBlocks([{ type: 'context', elements: [] }])).toBe(false);
    expect(validateBlocks([])).toBe(false);
    expect(validateBlocks([{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }])).toBe(false);
  });
});

describe('renderQuote', () => {
  const quote = corpus.quoteById.get('batson-2-years')!;

  it('renders English as a block quote, the speaker, and says it is our translation', () => {
    const m = renderQuote(corpus, quote, 'en', EN);
    expect(sectionText(m)).toBe(`> ${quote.en}\n— Josh Batson, Anthropic, ${quote.context}`);
    expect(contextText(m)).toBe(sourceNote(en, 'en'));
    expect(contextText(m)).toMatch(
      /^Translated by Lights Out from the Chinese report of the Wall Street Journal story/,
    );
    expect(m.text).toBe(`“${quote.en}” — Josh Batson, Anthropic, ${quote.context}`);
  });

  it('renders Chinese as the original text of the report', () => {
    const m = renderQuote(corpus, quote, 'zh', EN);
    expect(sectionText(m)).toBe(`> ${quote.zh}\n— 乔希·贝特森 (Josh Batson), Anthropic`);
    expect(contextText(m)).toMatch(/original text of the Chinese report/i);
    expect(m.text).not.toMatch(/^>/);
  });

  it('renders both, Chinese first, and notes both origins', () => {
    const m = renderQuote(corpus, quote, 'both', EN_ZH_FIRST);
    expect(sectionText(m)).toBe(
      `> ${quote.zh}\n\n> ${quote.en}\n— Josh Batson (乔希·贝特森), Anthropic, ${quote.context}`,
    );
    expect(contextText(m)).toMatch(/original text[\s\S]*translated by Lights Out/);
  });

  it('puts every line of a multi-line quote inside the block quote and keeps the fallback on one line', () => {
    const m = renderQuote(corpus, corpus.quoteById.get('sewak-no-vacation')!, 'en', EN);
    const lines = sectionText(m).split('\n');
    expect(lines.slice(0, 3).every((l) => l.startsWith('> '))).toBe(true);
    expect(lines[3]).toBe('— Madhavi Sewak, Google DeepMind, on what the new wealth has changed for her colleagues');
    expect(m.text).not.toContain('\n');
  });

  it.each(corpus.quotes.flatMap((q) => LANGS.map((lang) => [q.id, lang] as const)))(
    '%s (%s) is valid Block Kit',
    (id, lang) => {
      expectValidMessage(renderQuote(corpus, corpus.quoteById.get(id)!, lang, EN));
    },
  );

  it('escapes &, < and > everywhere, so text cannot ping or link', () => {
    const data = JSON.parse(readFileSync(defaultCorpusPath(), 'utf8'));
    data.quotes[0].en = 'Tom & Jerry <!channel> > all';
    data.speakers[0].org = 'A<B>';
    data.quotes[0].context = 'on <@U1> & co';
    const edited = parseCorpus(data);
    const m = renderQuote(edited, edited.quotes[0]!, 'en', EN);
    expect(sectionText(m)).toBe(
      '> Tom &amp; Jerry &lt;!channel&gt; &gt; all\n— Josh Batson, A&lt;B&gt;, on &lt;@U1&gt; &amp; co',
    );
    expect(m.text).not.toMatch(/[<>]/);
    expectValidMessage(m);
  });

  it('throws for a quote whose speaker is unknown', () => {
    expect(() => renderQuote(corpus, { ...quote, speaker: 'nobody' }, 'en', EN)).toThrow(/unknown speaker/);
  });
});

describe('renderFact', () => {
  const fact = corpus.factById.get('hours-80-100')!;

  it('bolds the highlight in English and keeps the fallback plain', () => {
    const m = renderFact(corpus, fact, 'en', EN);
    expect(sectionText(m)).toBe(fact.en.replace('80–100 hours', '*80–100 hours*'));
    expect(m.text).toBe(fact.en);
    expect(contextText(m)).toBe(sourceNote(en, 'en'));
  });

  it('shows the Chinese source sentence for zh, and both lines for both', () => {
    expect(sectionText(renderFact(corpus, fact, 'zh', EN))).toBe(fact.zh);
    expect(contextText(renderFact(corpus, fact, 'zh', EN))).toBe(sourceNote(en, 'zh'));
    expect(sectionText(renderFact(corpus, fact, 'both', EN_ZH_FIRST))).toBe(
      `${fact.zh}\n${fact.en.replace('80–100 hours', '*80–100 hours*')}`,
    );
  });

  it.each(corpus.facts.flatMap((f) => LANGS.map((lang) => [f.id, lang] as const)))(
    '%s (%s) is valid Block Kit',
    (id, lang) => {
      const f = corpus.factById.get(id)!;
      const m = renderFact(corpus, f, lang, EN);
      expectValidMessage(m);
      if (lang !== 'zh') expect(sectionText(m)).toContain(`*${escapeMrkdwn(f.highlight)}*`);
    },
  );
});

describe('help answers', () => {
  it('are valid Block Kit and list every speaker with examples', () => {
    const quoteHelp = renderQuoteHelp(en, corpus);
    expectValidMessage(quoteHelp);
    for (const s of corpus.speakers) expect(sectionText(quoteHelp)).toContain(s.name_en);
    for (const example of ['/quote batson', '/quote chen zh', '/quote vacation both']) {
      expect(sectionText(quoteHelp)).toContain(example);
    }
    const factHelp = renderFactHelp(en, corpus);
    expectValidMessage(factHelp);
    expect(sectionText(factHelp)).toContain('/fact 996');
    expect(factHelp.text).not.toMatch(/[*`]/);
  });

  it('explain what went wrong', () => {
    const none = renderQuoteHelp(en, corpus, { kind: 'none', query: 'xylophone <@U1>' });
    expect(sectionText(none)).toContain('Nothing in the article matches “xylophone &lt;@U1&gt;”');
    const candidates = corpus.speakers.filter((s) => s.id.startsWith('che'));
    const ambiguous = renderQuoteHelp(en, corpus, { kind: 'ambiguous', query: 'che', candidates });
    expect(sectionText(ambiguous)).toContain('“che” could be Aparna Chennapragada or Mark Chen');
    expectValidMessage(renderFactHelp(en, corpus, { kind: 'none', query: 'nothing' }));
  });
});
