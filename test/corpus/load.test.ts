import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanArticle, findResidue, openccToSimplified } from '../../src/corpus/clean.js';
import { defaultCorpusPath, loadCorpus, parseCorpus } from '../../src/corpus/load.js';
import { verifyCorpusAgainstArticle } from '../../src/corpus/verify.js';
import { committedCleanText, rawArticle } from './article-source.js';

const corpus = loadCorpus();
const toSimplified = openccToSimplified();
const json = JSON.parse(readFileSync(defaultCorpusPath(), 'utf8')) as Record<string, unknown>;

/** Every string anywhere in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('loadCorpus', () => {
  it('loads four speakers, their quotes and the facts, frozen', () => {
    expect(corpus.speakers.map((s) => s.id)).toEqual(['batson', 'sewak', 'chennapragada', 'chen']);
    expect(Object.isFrozen(corpus)).toBe(true);
    expect(Object.isFrozen(corpus.quotes[0])).toBe(true);
    expect(corpus.quotes.length).toBeGreaterThanOrEqual(8);
    expect(corpus.facts.length).toBeGreaterThanOrEqual(15);
  });

  it('gives every speaker at least one quote, most of them two or three', () => {
    const counts = corpus.speakers.map((s) => corpus.quotesBySpeaker.get(s.id)?.length ?? 0);
    for (const n of counts) expect(n).toBeGreaterThanOrEqual(1);
    expect(counts.filter((n) => n >= 2 && n <= 3).length).toBeGreaterThanOrEqual(3);
  });

  it('has unique ids and lookups that agree with the arrays', () => {
    const ids = [...corpus.speakers, ...corpus.quotes, ...corpus.facts].map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of corpus.quotes) expect(corpus.quoteById.get(q.id)).toBe(q);
    for (const f of corpus.facts) expect(corpus.factById.get(f.id)).toBe(f);
  });

  it('has each highlight in its English, standing as its own words so Slack can bold it', () => {
    for (const f of corpus.facts) {
      const at = f.en.indexOf(f.highlight);
      expect(at, f.id).toBeGreaterThanOrEqual(0);
      const before = f.en[at - 1] ?? ' ';
      const after = f.en[at + f.highlight.length] ?? ' ';
      expect(before, `${f.id} before highlight`).toMatch(/[\s(]/);
      expect(after, `${f.id} after highlight`).toMatch(/[\s.,;:!?)]/);
    }
  });

  it('covers the claims the article is known for', () => {
    const en = corpus.facts.map((f) => f.en).join('\n');
    for (const claim of [
      '80–100 hours',
      '100 hours a week',
      '0-0-2',
      '996',
      '007',
      'week off',
      'over $100 million',
      'end of June',
      'Fortune Global 500',
      'from Thursday to Friday',
      '20 years',
      'early 2020s',
      'Meta Superintelligence Lab (MSL)',
    ]) {
      expect(en).toContain(claim);
    }
  });

  it('rejects broken data, listing every problem', () => {
    const bad = structuredClone(json) as { quotes: { id: string; speaker: string }[]; facts: { highlight: string }[] };
    bad.quotes[1]!.id = bad.quotes[0]!.id;
    bad.quotes[2]!.speaker = 'nobody';
    bad.facts[0]!.highlight = 'not in the English';
    expect(() => parseCorpus(bad)).toThrow(/duplicate quote id[\s\S]*unknown speaker "nobody"[\s\S]*highlight/);
    expect(() => parseCorpus({ ...json, speakers: 'x' })).toThrow(/invalid article corpus/);
    expect(() => loadCorpus('/nonexistent/article.json')).toThrow(/cannot read/);
  });
});

describe('the corpus against the article', () => {
  const article = rawArticle === undefined ? committedCleanText : cleanArticle(rawArticle, toSimplified).text;

  it('has every quote, fact and the title verbatim in the cleaned article', () => {
    expect(verifyCorpusAgainstArticle(corpus, article)).toEqual([]);
  });

  it('notices a quote that is not in the article', () => {
    const edited = { ...corpus, quotes: [{ ...corpus.quotes[0]!, zh: '我们用一年时间完成。' }] };
    expect(verifyCorpusAgainstArticle(edited, article)).toEqual([
      { kind: 'quote', id: corpus.quotes[0]!.id, zh: '我们用一年时间完成。' },
    ]);
  });

  it('holds no pinyin annotation, `?` damage, tone letter or stray paren in any Chinese text', () => {
    const chinese = [
      corpus.source.title_zh,
      ...corpus.speakers.flatMap((s) => [s.name_zh, ...s.aliases]),
      ...corpus.quotes.flatMap((q) => [q.zh, ...q.tags]),
      ...corpus.facts.flatMap((f) => [f.zh, ...f.tags]),
    ];
    for (const text of chinese) expect(findResidue(text.replace(/\n/g, ''), toSimplified), text).toEqual([]);
  });

  it('holds no character OpenCC t→cn would still change, anywhere in article.json', () => {
    for (const text of strings(json)) expect(toSimplified(text), text).toBe(text);
  });
});
