import { describe, expect, it } from 'vitest';
import { renderFactHelp, renderQuoteHelp } from '../../src/corpus/help.js';
import {
  type ArticleView,
  type QuoteMatchNote,
  renderFact,
  renderQuote,
  SECTION_TEXT_MAX,
} from '../../src/corpus/render.js';
import type { Fact, Lang, Quote, RenderedMessage, Speaker } from '../../src/corpus/types.js';
import { MAX_QUERY_CHARS, tooLong } from '../../src/features/article/serve.js';
import { LOCALES, type Locale } from '../../src/i18n/locale.js';
import { translator } from '../../src/i18n/translator.js';
import { expectValidMessage } from '../helpers/block-kit.js';
import { testCorpus } from '../helpers/corpus.js';
import { expectNoChinese, expectNoEnglish, forms, textsOf } from '../helpers/languages.js';

/**
 * /quote and /fact in both languages: the words around the article's in the answer's language (the
 * channel's for a post, the person's for a private answer), the article's own in the language asked for.
 */

const corpus = testCorpus();
const LANGS: readonly Lang[] = ['en', 'zh', 'both'];
const VIEWS: ArticleView[] = LOCALES.flatMap((chrome) =>
  LOCALES.map((first) => ({ t: translator(chrome), first }) as ArticleView),
);
const speakerOf = (quote: Quote) => corpus.speakerById.get(quote.speaker) as Speaker;
const names = (s: Speaker) => [s.name_en, s.org];

function expectWithinLimits(message: RenderedMessage): void {
  expectValidMessage(message, { requireBlocks: true });
  for (const block of message.blocks) {
    if (block.type === 'section') expect(block.text.text.length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
    else for (const element of block.elements) expect(element.text.length).toBeLessThanOrEqual(3000);
  }
}

/** What an answer in `chrome` may hold of the other language: the article's words asked for, and names. */
function expectInLanguage(
  message: RenderedMessage,
  chrome: Locale,
  asked: { zh?: string; en?: string; speaker?: Speaker },
  label: string,
): void {
  for (const text of textsOf(message)) {
    if (chrome === 'en') {
      expectNoChinese(
        text,
        [...forms(asked.zh ?? ''), ...(asked.zh && asked.speaker ? [asked.speaker.name_zh] : [])],
        label,
      );
    } else {
      const speakers = corpus.speakers.flatMap(names);
      expectNoEnglish(text, [...forms(asked.en ?? ''), ...forms(asked.zh ?? ''), ...speakers], label);
    }
  }
}

const asked = (item: Quote | Fact, lang: Lang) => ({
  ...(lang !== 'en' ? { zh: item.zh } : {}),
  ...(lang !== 'zh' ? { en: item.en } : {}),
});

describe('quotes and facts in both languages', () => {
  it.each(VIEWS.flatMap((view) => LANGS.map((lang) => [view.t.locale, view.first, lang, view] as const)))(
    'every quote, %s around it, a %s person, asking %s: valid, within limits, nothing of the other language',
    (chrome, _first, lang, view) => {
      for (const quote of corpus.quotes) {
        const message = renderQuote(corpus, quote, lang, view);
        expectWithinLimits(message);
        expectInLanguage(message, chrome, { ...asked(quote, lang), speaker: speakerOf(quote) }, quote.id);
      }
    },
  );

  it.each(VIEWS.flatMap((view) => LANGS.map((lang) => [view.t.locale, view.first, lang, view] as const)))(
    'every fact, %s around it, a %s person, asking %s: valid, within limits, nothing of the other language',
    (chrome, _first, lang, view) => {
      for (const fact of corpus.facts) {
        const message = renderFact(corpus, fact, lang, view);
        expectWithinLimits(message);
        expectInLanguage(message, chrome, asked(fact, lang), fact.id);
      }
    },
  );

  it('with both, shows the person’s language first', () => {
    const quote = corpus.quoteById.get('batson-2-years') as Quote;
    const fact = corpus.factById.get('hours-80-100') as Fact;
    for (const chrome of LOCALES) {
      const t = translator(chrome);
      const section = (m: RenderedMessage) => (m.blocks[0]?.type === 'section' ? m.blocks[0].text.text : '');
      expect(section(renderQuote(corpus, quote, 'both', { t, first: 'zh' }))).toMatch(new RegExp(`^> ${quote.zh[0]}`));
      expect(section(renderQuote(corpus, quote, 'both', { t, first: 'en' }))).toMatch(new RegExp(`^> ${quote.en[0]}`));
      expect(section(renderFact(corpus, fact, 'both', { t, first: 'zh' })).startsWith(fact.zh)).toBe(true);
      expect(section(renderFact(corpus, fact, 'both', { t, first: 'en' })).startsWith(fact.en.slice(0, 10))).toBe(true);
      expect(renderFact(corpus, fact, 'both', { t, first: 'en' }).text.startsWith(fact.en)).toBe(true);
    }
  });

  it('in Chinese: the Chinese name first, the English one beside it, and the English labelled as our translation', () => {
    const t = translator('zh');
    const quote = corpus.quoteById.get('batson-2-years') as Quote;
    const message = renderQuote(corpus, quote, 'en', { t, first: 'en' });
    const [section, note] = textsOf(message).slice(1);
    expect(section).toBe(`> ${quote.en}\n— 乔希·贝特森（Josh Batson），Anthropic`);
    expect(note).toBe(t.t('article.source.en'));
    expect(note).toMatch(/译自/);
    expect(textsOf(renderQuote(corpus, quote, 'zh', { t, first: 'zh' }))[2]).toMatch(/^原文/);
  });
});

describe('what a /quote matched, in both languages', () => {
  const quote = corpus.quoteById.get('sewak-no-vacation') as Quote;
  const sewak = corpus.speakerById.get('sewak') as Speaker;
  const notes: QuoteMatchNote[] = [
    { kind: 'typo', typed: 'sewack', speaker: sewak },
    { kind: 'topic', typed: 'vacation' },
    { kind: 'words', typed: 'nobody' },
    { kind: 'words', typed: 'nobody here' },
  ];

  it.each(notes.map((note) => [note.kind, note.typed, note] as const))('%s “%s”', (_kind, typed, note) => {
    const en = renderQuote(corpus, quote, 'en', { t: translator('en'), first: 'en' }, note);
    const zh = renderQuote(corpus, quote, 'zh', { t: translator('zh'), first: 'zh' }, note);
    for (const message of [en, zh]) expectWithinLimits(message);
    const noteOf = (m: RenderedMessage) => textsOf(m)[1] as string;
    expect(noteOf(en)).toContain(`“${typed}”`);
    expect(noteOf(zh)).toContain(`“${typed}”`);
    expectNoChinese(noteOf(en));
    // What was typed is theirs, not ours.
    expectNoEnglish(noteOf(zh), [typed]);
    if (note.kind === 'typo') expect(noteOf(zh)).toContain('*马达维·塞瓦克*');
    if (note.kind === 'words') for (const s of corpus.speakers) expect(noteOf(zh)).toContain(s.name_zh);
  });
});

describe('private answers in the person’s language', () => {
  const candidates = corpus.speakers.filter((s) => s.id.startsWith('che'));
  const problems = [
    undefined,
    { kind: 'none' as const, query: 'xylophone' },
    { kind: 'ambiguous' as const, query: 'che', candidates },
  ];

  it.each(LOCALES)('%s: quote and fact help, with every problem, are valid and in that language', (locale) => {
    const t = translator(locale);
    for (const problem of problems) {
      const answers = [renderQuoteHelp(t, corpus, problem)];
      if (problem?.kind !== 'ambiguous') answers.push(renderFactHelp(t, corpus, problem));
      for (const answer of answers) {
        expectWithinLimits(answer);
        const typed = problem ? [problem.query] : [];
        for (const text of textsOf(answer)) {
          if (locale === 'en') expectNoChinese(text);
          else expectNoEnglish(text, [...typed, ...corpus.speakers.flatMap(names)]);
        }
      }
    }
  });

  it('zh: says what to type in Chinese: speakers by their Chinese names, Chinese keywords', () => {
    const t = translator('zh');
    const quoteHelp = textsOf(renderQuoteHelp(t, corpus))[1] as string;
    for (const command of ['/quote 贝特森', '/quote 塞瓦克', '/quote 陈信翰']) expect(quoteHelp).toContain(command);
    expect(quoteHelp).toContain('*乔希·贝特森*（Josh Batson），Anthropic：3 句话');
    const ambiguous = textsOf(renderQuoteHelp(t, corpus, { kind: 'ambiguous', query: 'che', candidates }))[1];
    expect(ambiguous).toMatch(/^“che”可能是(阿帕娜·切纳普拉加达或陈信翰|陈信翰或阿帕娜·切纳普拉加达)，/);
    const factHelp = textsOf(renderFactHelp(t, corpus))[1] as string;
    expect(factHelp).toContain(`文章的 ${corpus.facts.length} 条事实`);
    expect(factHelp).toContain('`放假`');
    expect(factHelp).not.toContain('`vacation`');
  });

  it('en: the help names roles and says which languages there are, with no Chinese', () => {
    const quoteHelp = textsOf(renderQuoteHelp(translator('en'), corpus))[1] as string;
    expect(quoteHelp).toContain('• *Josh Batson*, Anthropic, Researcher: 3 quotes, `/quote batson`');
    expect(quoteHelp).toContain('without one, you get English');
  });

  it.each(LOCALES)('%s: a too-long search is refused with what to type, in that language', (locale) => {
    const t = translator(locale);
    for (const command of ['/quote', '/fact'] as const) {
      const reply = tooLong(t, command, 'x'.repeat(MAX_QUERY_CHARS + 1));
      expect(reply.response_type).toBe('ephemeral');
      const text = String(reply.text);
      expect(text).toContain(String(MAX_QUERY_CHARS + 1));
      expect(text).toContain(`\`${command} `);
      if (locale === 'en') expectNoChinese(text);
      else expectNoEnglish(text);
    }
  });
});
