import type { CorpusData } from './types.js';

export interface CorpusMismatch {
  readonly kind: 'title' | 'quote' | 'fact';
  readonly id: string;
  readonly zh: string;
}

const squash = (text: string) => text.replace(/\s+/g, '');

/**
 * Every quote's and fact's Chinese text, and the title, must occur verbatim in the cleaned article
 * (ignoring whitespace, so a quote spanning lines may be stored with `\n` or without). Pure.
 */
export function verifyCorpusAgainstArticle(corpus: CorpusData, cleanText: string): CorpusMismatch[] {
  const article = squash(cleanText);
  const mismatches: CorpusMismatch[] = [];
  const check = (kind: CorpusMismatch['kind'], id: string, zh: string) => {
    if (!article.includes(squash(zh))) mismatches.push({ kind, id, zh });
  };
  check('title', 'source.title_zh', corpus.source.title_zh);
  for (const q of corpus.quotes) check('quote', q.id, q.zh);
  for (const f of corpus.facts) check('fact', f.id, f.zh);
  return mismatches;
}

export function formatMismatches(mismatches: readonly CorpusMismatch[]): string {
  return mismatches.map((m) => `- ${m.kind} ${m.id}: not in the cleaned article: ${m.zh}`).join('\n');
}
