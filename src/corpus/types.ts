/** Shapes of `fixtures/article.json`, the curated quotes and facts of the one article the bot serves. */

export type Lang = 'en' | 'zh' | 'both';

export interface CorpusSource {
  /** The article's title line, cleaned (simplified script, no pinyin annotations). */
  readonly title_zh: string;
  /** Our English rendering of the title. */
  readonly title_en: string;
  readonly description: string;
  /** Says that the English is our translation from the Chinese report. */
  readonly publisher_note: string;
}

export interface Speaker {
  readonly id: string;
  readonly name_en: string;
  readonly name_zh: string;
  readonly role: string;
  readonly org: string;
  /** Lower-case English forms and simplified Chinese forms a user may type. */
  readonly aliases: readonly string[];
}

export interface Quote {
  readonly id: string;
  /** A `Speaker.id`. */
  readonly speaker: string;
  /** Verbatim from the cleaned article; `\n` separates quoted lines that are separate lines there. */
  readonly zh: string;
  /** Our English rendering of `zh`. */
  readonly en: string;
  /** What it was said about, in English, after the speaker's name: "on her team's days and nights". */
  readonly context: string;
  readonly tags: readonly string[];
}

export interface Fact {
  readonly id: string;
  /** The source sentence, verbatim from the cleaned article. */
  readonly zh: string;
  /** Our English rendering of the claim. */
  readonly en: string;
  /** The exact substring of `en` holding the number or name, bolded by the renderer. */
  readonly highlight: string;
  readonly tags: readonly string[];
}

/**
 * One line of a go-home nudge: our short opener in the article's voice, and the quote or fact of the article
 * it stands on (exactly one of `quote`, `fact`), shown beside it.
 */
export interface NudgeLineData {
  readonly id: string;
  readonly opener: string;
  readonly quote?: string;
  readonly fact?: string;
}

/** The JSON file as written. */
export interface CorpusData {
  readonly source: CorpusSource;
  readonly speakers: readonly Speaker[];
  readonly quotes: readonly Quote[];
  readonly facts: readonly Fact[];
  readonly nudge_lines: readonly NudgeLineData[];
}

/** A loaded, validated, frozen corpus with lookups. */
export interface Corpus extends CorpusData {
  readonly speakerById: ReadonlyMap<string, Speaker>;
  readonly quoteById: ReadonlyMap<string, Quote>;
  readonly factById: ReadonlyMap<string, Fact>;
  /** Every speaker id maps to its quotes, in file order (possibly empty). */
  readonly quotesBySpeaker: ReadonlyMap<string, readonly Quote[]>;
}

/** A Block Kit message: `text` is the plain notification fallback, `blocks` what Slack renders. */
export interface RenderedMessage {
  readonly text: string;
  readonly blocks: readonly Block[];
}

export interface MrkdwnText {
  readonly type: 'mrkdwn';
  readonly text: string;
}

export interface SectionBlock {
  readonly type: 'section';
  readonly text: MrkdwnText;
}

export interface ContextBlock {
  readonly type: 'context';
  readonly elements: readonly MrkdwnText[];
}

export type Block = SectionBlock | ContextBlock;
