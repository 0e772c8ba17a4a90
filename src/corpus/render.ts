import { escapeMrkdwn } from '../slack/mrkdwn.js';
import type { Block, Corpus, Fact, Lang, Quote, RenderedMessage, Speaker } from './types.js';

/** Context lines: the English is our translation, the Chinese is the report's own text. */
export const SOURCE_NOTE: Readonly<Record<Lang, string>> = {
  en: 'Translated by Lights Out from the Chinese report of the Wall Street Journal story.',
  zh: 'Original text of the Chinese report of the Wall Street Journal story.',
  both:
    'Chinese: original text of the Chinese report of the Wall Street Journal story. ' +
    'English: translated by Lights Out from that report.',
};

/** Slack's limit for a section's text. */
export const SECTION_TEXT_MAX = 3000;

function blockQuote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${escapeMrkdwn(line)}`)
    .join('\n');
}

/** Chinese sentences join without a space, English ones with one. */
function oneLine(text: string, separator: '' | ' '): string {
  return text.replace(/\s*\n\s*/g, separator);
}

/** Who said it and, in English, about what: "Mark Chen, OpenAI, in a leaked Slack message on the week off". */
function attribution(speaker: Speaker, quote: Quote, lang: Lang): string {
  if (lang === 'en') return `${speaker.name_en}, ${speaker.org}, ${quote.context}`;
  if (lang === 'zh') return `${speaker.name_zh} (${speaker.name_en}), ${speaker.org}`;
  return `${speaker.name_en} (${speaker.name_zh}), ${speaker.org}, ${quote.context}`;
}

function message(text: string, sectionMrkdwn: string, lang: Lang, note?: string): RenderedMessage {
  if (sectionMrkdwn.length > SECTION_TEXT_MAX) {
    throw new Error(`Lights Out: rendered section is ${sectionMrkdwn.length} characters (max ${SECTION_TEXT_MAX})`);
  }
  const blocks: Block[] = [
    ...(note ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: note }] }] : []),
    { type: 'section', text: { type: 'mrkdwn', text: sectionMrkdwn } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(SOURCE_NOTE[lang]) }] },
  ];
  return { text, blocks };
}

/**
 * What a `/quote <words>` matched, when that is not simply a speaker's name: a near-miss read as a speaker,
 * a topic of the quote, or words in its text that are nobody's name.
 */
export type QuoteMatchNote =
  | { readonly kind: 'typo'; readonly typed: string; readonly speaker: Speaker }
  | { readonly kind: 'topic'; readonly typed: string }
  | { readonly kind: 'words'; readonly typed: string };

function speakerList(corpus: Corpus): string {
  const names = corpus.speakers.map((s) => s.name_en);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}

/** The sentence above a quote that says what the words matched (mrkdwn, escaped). */
export function quoteMatchLine(corpus: Corpus, note: QuoteMatchNote): string {
  const typed = `“${escapeMrkdwn(note.typed)}”`;
  if (note.kind === 'typo') {
    return `No one called ${typed} is quoted in the article; reading it as *${escapeMrkdwn(note.speaker.name_en)}*.`;
  }
  if (note.kind === 'topic') return `A quote about ${typed}.`;
  return (
    `No one called ${typed} is quoted in the article (its speakers are ${escapeMrkdwn(speakerList(corpus))}). ` +
    `Here is a quote with ${/\s/.test(note.typed.trim()) ? 'those words' : 'that word'}:`
  );
}

/** A quote as a mrkdwn block quote, its speaker, and the translation note. `text` is the plain fallback. */
export function renderQuote(corpus: Corpus, quote: Quote, lang: Lang, matched?: QuoteMatchNote): RenderedMessage {
  const speaker = corpus.speakerById.get(quote.speaker);
  if (!speaker) throw new Error(`Lights Out: quote "${quote.id}" has unknown speaker "${quote.speaker}"`);
  const who = attribution(speaker, quote, lang);
  const quoted =
    lang === 'en'
      ? blockQuote(quote.en)
      : lang === 'zh'
        ? blockQuote(quote.zh)
        : `${blockQuote(quote.zh)}\n\n${blockQuote(quote.en)}`;
  const plain =
    lang === 'en'
      ? `“${oneLine(quote.en, ' ')}”`
      : lang === 'zh'
        ? `「${oneLine(quote.zh, '')}」`
        : `「${oneLine(quote.zh, '')}」 “${oneLine(quote.en, ' ')}”`;
  const note = matched ? quoteMatchLine(corpus, matched) : undefined;
  const fallback = escapeMrkdwn(`${plain} — ${who}`);
  return message(
    note ? `${note.replace(/\*/g, '')} ${fallback}` : fallback,
    `${quoted}\n— ${escapeMrkdwn(who)}`,
    lang,
    note,
  );
}

/** The English sentence with its highlight in bold (first occurrence), everything escaped. */
function boldHighlight(fact: Fact): string {
  const at = fact.en.indexOf(fact.highlight);
  if (at < 0) return escapeMrkdwn(fact.en);
  const before = fact.en.slice(0, at);
  const after = fact.en.slice(at + fact.highlight.length);
  return `${escapeMrkdwn(before)}*${escapeMrkdwn(fact.highlight)}*${escapeMrkdwn(after)}`;
}

/** A fact with its number or name in bold (English), and the same source note as quotes. */
export function renderFact(_corpus: Corpus, fact: Fact, lang: Lang): RenderedMessage {
  const section =
    lang === 'en'
      ? boldHighlight(fact)
      : lang === 'zh'
        ? escapeMrkdwn(fact.zh)
        : `${escapeMrkdwn(fact.zh)}\n${boldHighlight(fact)}`;
  const plain = lang === 'en' ? fact.en : lang === 'zh' ? fact.zh : `${fact.zh}\n${fact.en}`;
  return message(escapeMrkdwn(plain), section, lang);
}
