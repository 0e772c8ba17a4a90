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

/**
 * Optimal-string-alignment distance (Damerau–Levenshtein without repeated edits of one substring): insertions,
 * deletions, substitutions and swaps of two neighbours each cost 1. Compares code points, so Chinese works too.
 */
export function editDistance(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  // Three rolling rows: the one before last is what a swap of two neighbours reads.
  let before: number[] = [];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        best = Math.min(best, (before[j - 2] as number) + 1);
      }
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[t.length] as number;
}

/** How many edits a typed name may be away from a real one: none below 4 characters, 1 up to 6, then 2. */
export function allowedTypos(length: number): number {
  if (length < 4) return 0;
  return length <= 6 ? 1 : 2;
}

/**
 * The speaker a mistyped name is closest to (`batsen` → Batson, `sewack` → Sewak), when exactly one speaker
 * is within allowedTypos of the input; undefined otherwise. Only for input that resolveSpeaker did not find.
 */
export function nearestSpeaker(corpus: Corpus, text: string): Speaker | undefined {
  const q = normaliseName(text);
  const limit = allowedTypos(Array.from(q).length);
  if (limit === 0) return undefined;
  let best: { speaker: Speaker; distance: number } | undefined;
  let tie = false;
  for (const speaker of corpus.speakers) {
    const distance = Math.min(...nameKeys(speaker).map((key) => editDistance(q, key)));
    if (distance > limit) continue;
    if (!best || distance < best.distance) {
      best = { speaker, distance };
      tie = false;
    } else if (distance === best.distance && speaker !== best.speaker) tie = true;
  }
  return best && !tie ? best.speaker : undefined;
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

/** Why a found quote matched a search: one of its topics (tags) is the keyword, or only its words are. */
export type QuoteMatchedBy = 'topic' | 'words';

export function quoteMatchedBy(quote: Quote, keyword: string): QuoteMatchedBy {
  return searchForms(quote).tags.includes(normaliseSearch(keyword)) ? 'topic' : 'words';
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
  /** `typo` is set when the name was read as the speaker it is closest to (`batsen` → Batson). */
  | { readonly kind: 'speaker'; readonly speaker: Speaker; readonly quotes: readonly Quote[]; readonly typo?: true }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly Speaker[] }
  | { readonly kind: 'search'; readonly quotes: readonly Quote[] }
  | { readonly kind: 'none' };

/**
 * What `/quote <query>` should choose from: no query → every quote; a speaker's name → their quotes; an
 * ambiguous name (`che`) → ask which one; then keyword search over the quotes; and when the words are in no
 * quote, a near-miss of a name (`batsen`) → that speaker's quotes, marked as a typo.
 */
export function lookupQuotes(corpus: Corpus, query: string | undefined): QuoteLookup {
  if (query === undefined || query.trim() === '') return { kind: 'all', quotes: corpus.quotes };
  const of = (speaker: Speaker) => corpus.quotesBySpeaker.get(speaker.id) ?? [];
  const who = resolveSpeaker(corpus, query);
  if (who.kind === 'speaker') return { kind: 'speaker', speaker: who.speaker, quotes: of(who.speaker) };
  if (who.kind === 'ambiguous') return who;
  const found = searchQuotes(corpus, query);
  if (found.length) return { kind: 'search', quotes: found };
  const near = nearestSpeaker(corpus, query);
  return near ? { kind: 'speaker', speaker: near, quotes: of(near), typo: true } : { kind: 'none' };
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
