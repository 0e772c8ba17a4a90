import type { Corpus, Fact, Quote, Speaker } from './types.js';

export type SpeakerMatch =
  | { readonly kind: 'speaker'; readonly speaker: Speaker }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly Speaker[] }
  | { readonly kind: 'none' };

/** Shortest prefix (in characters) accepted for a name; shorter input only matches a name exactly. */
export const MIN_PREFIX = 3;

/**
 * Traditional forms of the characters in the speakers' Chinese names (as the raw article writes them),
 * so `貝特森` finds Batson without shipping OpenCC at runtime. A test checks each pair against OpenCC.
 */
export const TRADITIONAL_NAME_CHARS: Readonly<Record<string, string>> = {
  喬: '乔',
  貝: '贝',
  馬: '马',
  達: '达',
  維: '维',
  納: '纳',
  陳: '陈',
};

/** Case, width, spacing and name-dot insensitive: `Josh  Batson`, `joshbatson`, `乔希贝特森` all agree. */
export function normaliseName(text: string): string {
  return Array.from(
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\s·・‧•.\-_'’]+/g, ''),
  )
    .map((ch) => TRADITIONAL_NAME_CHARS[ch] ?? ch)
    .join('');
}

// The corpus is frozen, so normalised forms are computed once per speaker or item, not per request.
const nameKeyCache = new WeakMap<Speaker, string[]>();
function nameKeys(speaker: Speaker): string[] {
  let keys = nameKeyCache.get(speaker);
  if (!keys) {
    keys = [speaker.id, speaker.name_en, speaker.name_zh, ...speaker.aliases].map(normaliseName);
    nameKeyCache.set(speaker, keys);
  }
  return keys;
}

/**
 * Finds the speaker a user means. An exact name or alias wins over prefixes (so `chen` is Mark Chen although
 * it also starts `chennapragada`); otherwise a prefix of at least MIN_PREFIX characters must pick one speaker.
 */
export function resolveSpeaker(corpus: Corpus, text: string): SpeakerMatch {
  const q = normaliseName(text);
  if (q === '') return { kind: 'none' };
  const pick = (hits: readonly Speaker[]): SpeakerMatch | undefined => {
    if (hits.length === 1 && hits[0]) return { kind: 'speaker', speaker: hits[0] };
    if (hits.length > 1) return { kind: 'ambiguous', candidates: hits };
    return undefined;
  };
  const exact = pick(corpus.speakers.filter((s) => nameKeys(s).includes(q)));
  if (exact) return exact;
  if (Array.from(q).length < MIN_PREFIX) return { kind: 'none' };
  return pick(corpus.speakers.filter((s) => nameKeys(s).some((k) => k.startsWith(q)))) ?? { kind: 'none' };
}

/** Case/width-insensitive, dashes unified, whitespace collapsed: the form both needle and haystack take. */
export function normaliseSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Searchable {
  readonly id: string;
  readonly en: string;
  readonly zh: string;
  readonly tags: readonly string[];
}

/**
 * Relevance of one item: 3 a tag equals the keyword, 2 the keyword occurs as a phrase in a tag, `en` or `zh`
 * (Chinese compared without whitespace, as quotes span lines), 1 every word of it occurs somewhere
 * (including `extra`, e.g. the speaker's name and org), 0 no match.
 */
const searchCache = new WeakMap<Searchable, { tags: string[]; fields: string[] }>();
function searchForms(item: Searchable): { tags: string[]; fields: string[] } {
  let forms = searchCache.get(item);
  if (!forms) {
    const tags = item.tags.map(normaliseSearch);
    forms = { tags, fields: [...tags, normaliseSearch(item.en), normaliseSearch(item.zh).replace(/\s/g, '')] };
    searchCache.set(item, forms);
  }
  return forms;
}

function score(item: Searchable, keyword: string, extra: readonly string[]): number {
  const { tags, fields } = searchForms(item);
  if (tags.includes(keyword)) return 3;
  const squashed = keyword.replace(/\s/g, '');
  if (fields.some((f) => f.includes(keyword) || (squashed !== keyword && f.includes(squashed)))) return 2;
  const all = [...fields, ...extra.map(normaliseSearch)].join('\n');
  return keyword.split(' ').every((word) => all.includes(word)) ? 1 : 0;
}

function rank<T extends Searchable>(items: readonly T[], keyword: string, extra: (item: T) => string[]): T[] {
  const kw = normaliseSearch(keyword);
  if (kw === '') return [];
  return items
    .map((item, index) => ({ item, index, score: score(item, kw, extra(item)) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((r) => r.item);
}

/** Quotes matching `keyword`, best first, ties in file order. Speaker name and org count as weak matches. */
export function searchQuotes(corpus: Corpus, keyword: string): Quote[] {
  return rank(corpus.quotes, keyword, (q) => {
    const s = corpus.speakerById.get(q.speaker);
    return s ? [s.name_en, s.name_zh, s.org] : [];
  });
}

/** Facts matching `keyword`, best first, ties in file order. */
export function searchFacts(corpus: Corpus, keyword: string): Fact[] {
  return rank(corpus.facts, keyword, () => []);
}

export type QuoteLookup =
  | { readonly kind: 'all'; readonly quotes: readonly Quote[] }
  | { readonly kind: 'speaker'; readonly speaker: Speaker; readonly quotes: readonly Quote[] }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly Speaker[] }
  | { readonly kind: 'search'; readonly quotes: readonly Quote[] }
  | { readonly kind: 'none' };

/**
 * What `/quote <query>` should choose from: no query → every quote; a speaker's name → their quotes; an
 * ambiguous name (`che`) → ask which one; otherwise keyword search over the quotes.
 */
export function lookupQuotes(corpus: Corpus, query: string | undefined): QuoteLookup {
  if (query === undefined || query.trim() === '') return { kind: 'all', quotes: corpus.quotes };
  const who = resolveSpeaker(corpus, query);
  if (who.kind === 'speaker') {
    return { kind: 'speaker', speaker: who.speaker, quotes: corpus.quotesBySpeaker.get(who.speaker.id) ?? [] };
  }
  if (who.kind === 'ambiguous') return who;
  const found = searchQuotes(corpus, query);
  return found.length ? { kind: 'search', quotes: found } : { kind: 'none' };
}

export type FactLookup =
  | { readonly kind: 'all'; readonly facts: readonly Fact[] }
  | { readonly kind: 'search'; readonly facts: readonly Fact[] }
  | { readonly kind: 'none' };

/** What `/fact <query>` should choose from: no query → every fact; otherwise keyword search. */
export function lookupFacts(corpus: Corpus, query: string | undefined): FactLookup {
  if (query === undefined || query.trim() === '') return { kind: 'all', facts: corpus.facts };
  const found = searchFacts(corpus, query);
  return found.length ? { kind: 'search', facts: found } : { kind: 'none' };
}
