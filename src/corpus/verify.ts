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

/** The longest opener a nudge line may have: it sits after "22:00 in Europe/London." on one line. */
export const NUDGE_OPENER_MAX = 100;

/**
 * Curation rules for `nudge_lines` (checked by `npm run corpus` and the tests): at least `minLines` lines so a
 * nightly rotation of that length never repeats, short openers that end a sentence, and no quote or fact used
 * by two lines (a line that repeats its source would repeat inside the rotation).
 */
export function nudgeLineProblems(corpus: CorpusData, minLines: number): string[] {
  const problems: string[] = [];
  if (corpus.nudge_lines.length < minLines) {
    problems.push(`only ${corpus.nudge_lines.length} nudge lines; a ${minLines - 1}-night rotation needs ${minLines}`);
  }
  const sources = new Map<string, string>();
  for (const line of corpus.nudge_lines) {
    if (line.opener.length > NUDGE_OPENER_MAX) {
      problems.push(`nudge line "${line.id}": opener is ${line.opener.length} characters (max ${NUDGE_OPENER_MAX})`);
    }
    if (!/[.!?]$/.test(line.opener)) problems.push(`nudge line "${line.id}": opener must end a sentence`);
    const source = line.quote ? `quote:${line.quote}` : `fact:${line.fact}`;
    const other = sources.get(source);
    if (other) problems.push(`nudge lines "${other}" and "${line.id}" both stand on ${source}`);
    sources.set(source, line.id);
  }
  return problems;
}
