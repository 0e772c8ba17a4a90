import type { Corpus } from '../corpus/types.js';

/** One rotating line of a nudge: a quote or fact from the article, in our English rendering. */
export type NudgeLine = {
  /** `quote:<id>` or `fact:<id>`: what `store.history` records under the kind 'nudge'. */
  id: string;
  text: string;
  /** "Madhavi Sewak, Google DeepMind" for a quote; "the report" for a fact. */
  attribution: string;
};

/** Tags of article items that belong in a go-home message (hours, rest, nights); bonuses and poaching do not. */
export const NUDGE_TAGS: readonly string[] = [
  'hours',
  'rest',
  'vacation',
  'week off',
  'night',
  'dawn',
  'midnight',
  'weekend',
  'life',
  'second shift',
  '996',
];

/** The corpus items a nudge may quote, quotes first, in file order. Pure. */
export function nudgeLinesFrom(corpus: Corpus): NudgeLine[] {
  const fits = (tags: readonly string[]) => tags.some((tag) => NUDGE_TAGS.includes(tag));
  const lines: NudgeLine[] = [];
  for (const quote of corpus.quotes) {
    if (!fits(quote.tags)) continue;
    const speaker = corpus.speakerById.get(quote.speaker);
    lines.push({
      id: `quote:${quote.id}`,
      text: quote.en.replace(/\s*\n\s*/g, ' '),
      attribution: speaker ? `${speaker.name_en}, ${speaker.org}` : 'the report',
    });
  }
  for (const fact of corpus.facts) {
    if (fits(fact.tags)) lines.push({ id: `fact:${fact.id}`, text: fact.en, attribution: 'the report' });
  }
  return lines;
}
