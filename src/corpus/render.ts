import type { Locale } from '../i18n/locale.js';
import { type Translator, translator } from '../i18n/translator.js';
import { escapeMrkdwn } from '../slack/mrkdwn.js';
import type { Block, Corpus, Fact, Lang, Quote, RenderedMessage, Speaker } from './types.js';

/**
 * How an answer is dressed: `t` speaks the words around the article's (the channel's language for a post),
 * `first` is the language shown first when both are asked for (the person's).
 */
export type ArticleView = { readonly t: Translator; readonly first: Locale };

/**
 * The English source notes, for the nudge composer until it takes a Translator (then use `sourceNote`).
 * @deprecated use `sourceNote(t, lang)`.
 */
export const SOURCE_NOTE: Readonly<Record<Lang, string>> = {
  en: sourceNote(translator('en'), 'en'),
  zh: sourceNote(translator('en'), 'zh'),
  both: sourceNote(translator('en'), 'both'),
};

/** Slack's limit for a section's text. */
export const SECTION_TEXT_MAX = 3000;

/** The context line under a quote or fact: which words are ours and which the report's. */
export function sourceNote(t: Translator, lang: Lang): string {
  return t.t(`article.source.${lang}`);
}

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

/** The two languages of a `both` answer, the person's first. */
function bothInOrder<T>(first: Locale, zh: T, en: T): [T, T] {
  return first === 'en' ? [en, zh] : [zh, en];
}

/**
 * Who said it. In English: "Mark Chen, OpenAI, in a leaked Slack message…", the Chinese name beside the
 * Chinese text; in Chinese: "陈信翰（Mark Chen），OpenAI". What a quote was about exists only in English, so a
 * Chinese answer leaves it out.
 */
function attribution(t: Translator, speaker: Speaker, quote: Quote, lang: Lang): string {
  const { name_en: en, name_zh: zh, org } = speaker;
  if (t.locale === 'zh' || lang === 'zh') return t.t('article.person.twoNames', { first: zh, second: en, org });
  const who =
    lang === 'en'
      ? t.t('article.person.named', { name: en, org })
      : t.t('article.person.twoNames', { first: en, second: zh, org });
  return t.t('article.person.about', { who, detail: quote.context });
}

function message(t: Translator, text: string, sectionMrkdwn: string, lang: Lang, note?: string): RenderedMessage {
  if (sectionMrkdwn.length > SECTION_TEXT_MAX) {
    throw new Error(`Lights Out: rendered section is ${sectionMrkdwn.length} characters (max ${SECTION_TEXT_MAX})`);
  }
  const blocks: Block[] = [
    ...(note ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: note }] }] : []),
    { type: 'section', text: { type: 'mrkdwn', text: sectionMrkdwn } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(sourceNote(t, lang)) }] },
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

/** A speaker's name in the answer's language. */
export function speakerName(t: Translator, speaker: Speaker): string {
  return t.locale === 'zh' ? speaker.name_zh : speaker.name_en;
}

/** The sentence above a quote that says what the words matched (mrkdwn, escaped). */
export function quoteMatchLine(t: Translator, corpus: Corpus, note: QuoteMatchNote): string {
  const typed = escapeMrkdwn(note.typed);
  if (note.kind === 'typo') {
    return t.t('article.matched.typo', { typed, name: escapeMrkdwn(speakerName(t, note.speaker)) });
  }
  if (note.kind === 'topic') return t.t('article.matched.topic', { typed });
  const speakers = escapeMrkdwn(t.list(corpus.speakers.map((s) => speakerName(t, s))));
  return t.t(/\s/.test(note.typed.trim()) ? 'article.matched.words' : 'article.matched.word', { typed, speakers });
}

/** A quote as a mrkdwn block quote, its speaker, and the translation note. `text` is the plain fallback. */
export function renderQuote(
  corpus: Corpus,
  quote: Quote,
  lang: Lang,
  view: ArticleView,
  matched?: QuoteMatchNote,
): RenderedMessage {
  const { t } = view;
  const speaker = corpus.speakerById.get(quote.speaker);
  if (!speaker) throw new Error(`Lights Out: quote "${quote.id}" has unknown speaker "${quote.speaker}"`);
  const who = attribution(t, speaker, quote, lang);
  const zhPlain = `「${oneLine(quote.zh, '')}」`;
  const enPlain = `“${oneLine(quote.en, ' ')}”`;
  const quoted =
    lang === 'both'
      ? bothInOrder(view.first, blockQuote(quote.zh), blockQuote(quote.en)).join('\n\n')
      : blockQuote(lang === 'en' ? quote.en : quote.zh);
  const plain =
    lang === 'both' ? bothInOrder(view.first, zhPlain, enPlain).join(' ') : lang === 'en' ? enPlain : zhPlain;
  const note = matched ? quoteMatchLine(t, corpus, matched) : undefined;
  const fallback = escapeMrkdwn(`${plain} — ${who}`);
  return message(
    t,
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
export function renderFact(_corpus: Corpus, fact: Fact, lang: Lang, view: ArticleView): RenderedMessage {
  const section =
    lang === 'en'
      ? boldHighlight(fact)
      : lang === 'zh'
        ? escapeMrkdwn(fact.zh)
        : bothInOrder(view.first, escapeMrkdwn(fact.zh), boldHighlight(fact)).join('\n');
  const plain =
    lang === 'en' ? fact.en : lang === 'zh' ? fact.zh : bothInOrder(view.first, fact.zh, fact.en).join('\n');
  return message(view.t, escapeMrkdwn(plain), section, lang, undefined);
}
