import { pickFresh } from '../corpus/pick.js';
import type { Corpus } from '../corpus/types.js';
import type { Locale } from '../i18n/locale.js';
import { translator } from '../i18n/translator.js';
import { escapeMrkdwn } from '../slack/mrkdwn.js';
import type { HistoryRepository } from '../store/types.js';

/**
 * One rotating line of a nudge, curated in fixtures/article.json (`nudge_lines`): our short opener in the
 * article's voice and the quote or fact it stands on, in our English rendering.
 */
export type NudgeLine = {
  /** The nudge line's id: what `store.history` records under the kind 'nudge' (channels) or 'nudge-dm'. */
  id: string;
  /** "Go home. Whatever is training will still be training in the morning." */
  opener: string;
  /** The quote or fact in our English, on one line. */
  text: string;
  /** Who said it and about what, for a quote ("Madhavi Sewak, Google DeepMind, on …"); absent for a fact. */
  attribution?: string;
  /** The article's own Chinese, verbatim, and the speaker as the article names them ("乔希·贝特森，Anthropic"). */
  zh: { text: string; attribution?: string };
};

/** No target sees the same line twice within this many nights (the corpus holds more lines than this). */
export const FRESH_NIGHTS = 14;
/** The history kind of personal nudges; channel nudges record under 'nudge'. */
export const PERSON_HISTORY_KIND = 'nudge-dm';

/** The curated nudge lines of the corpus, in file order. Pure. */
export function nudgeLinesFrom(corpus: Corpus): NudgeLine[] {
  return corpus.nudge_lines.map((entry) => {
    const quote = entry.quote === undefined ? undefined : corpus.quoteById.get(entry.quote);
    if (quote) {
      const speaker = corpus.speakerById.get(quote.speaker);
      // As /quote names them (article.person.*). The context is our English: the Chinese names only the speaker.
      const en = translator('en');
      const enName = speaker && en.t('article.person.named', { name: speaker.name_en, org: speaker.org });
      const who = enName ? en.t('article.person.about', { who: enName, detail: quote.context }) : quote.context;
      const named = speaker && translator('zh').t('article.person.named', { name: speaker.name_zh, org: speaker.org });
      const zh = { text: quote.zh, ...(named ? { attribution: named } : {}) };
      return { id: entry.id, opener: entry.opener, text: oneLine(quote.en), attribution: who, zh };
    }
    const fact = entry.fact === undefined ? undefined : corpus.factById.get(entry.fact);
    // The corpus loader guarantees one of the two exists.
    return { id: entry.id, opener: entry.opener, text: oneLine(fact?.en ?? ''), zh: { text: fact?.zh ?? '' } };
  });
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/**
 * The line as a mrkdwn block quote (with its speaker for a quote) and as plain text; everything escaped. In
 * English our translation, in Chinese the article's own words (which may span lines: each is quoted).
 */
export function lineMrkdwn(line: NudgeLine, locale: Locale = 'en'): { mrkdwn: string; plain: string } {
  const { text, attribution } = locale === 'zh' ? line.zh : line;
  const dash = locale === 'zh' ? '——' : '— ';
  const quoted = text
    .split('\n')
    .map((part) => `> ${escapeMrkdwn(part)}`)
    .join('\n');
  const who = attribution ? `\n${dash}${escapeMrkdwn(attribution)}` : '';
  const flat = oneLine(text);
  const plain = attribution
    ? locale === 'zh'
      ? `“${flat}”${dash}${attribution}`
      : `“${flat}” — ${attribution}`
    : flat;
  return { mrkdwn: `${quoted}${who}`, plain };
}

/**
 * The line for tonight's personal nudge: one this person has not had in the last FRESH_NIGHTS nights, recorded
 * in their history as it is chosen (a DM that then fails still counts as shown; the rule is soft).
 */
export async function pickPersonLine(
  history: HistoryRepository,
  person: { teamId: string; userId: string },
  lines: readonly NudgeLine[],
  random: () => number,
  now: Date,
): Promise<NudgeLine | undefined> {
  const recent = await history.recent(person.teamId, person.userId, PERSON_HISTORY_KIND, FRESH_NIGHTS);
  const line = pickFresh(lines, [...recent].reverse(), random);
  if (line) await history.record(person.teamId, person.userId, PERSON_HISTORY_KIND, line.id, now.toISOString());
  return line;
}
