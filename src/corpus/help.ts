import type { Translator } from '../i18n/translator.js';
import { decodeSlackText, escapeMrkdwn } from '../slack/mrkdwn.js';
import { speakerName } from './render.js';
import type { Corpus, Lang, RenderedMessage, Speaker } from './types.js';

export interface ParsedArgs {
  /** What to look for (a speaker or a keyword); absent means "anything". */
  readonly query?: string;
  readonly lang: Lang;
}

const LANGS: readonly Lang[] = ['en', 'zh', 'both'];

/**
 * `<query…> [en|zh|both]`: a trailing language word (any case) sets the language; without one, `fallback`
 * (the person's language).
 */
export function parseQuoteArgs(text: string, fallback: Lang = 'en'): ParsedArgs {
  const tokens = decodeSlackText(text).trim().split(/\s+/).filter(Boolean);
  const last = tokens.at(-1)?.toLowerCase();
  const lang = LANGS.find((l) => l === last);
  if (lang) tokens.pop();
  const query = tokens.join(' ');
  return query ? { query, lang: lang ?? fallback } : { lang: lang ?? fallback };
}

/** Same grammar as `/quote`: `<keyword…> [en|zh|both]`. */
export function parseFactArgs(text: string, fallback: Lang = 'en'): ParsedArgs {
  return parseQuoteArgs(text, fallback);
}

/** What went wrong, for the private help answer. */
export type HelpProblem =
  | { readonly kind: 'none'; readonly query: string }
  | { readonly kind: 'ambiguous'; readonly query: string; readonly candidates: readonly Speaker[] };

function problemLine(t: Translator, problem: HelpProblem | undefined, what: 'quote' | 'fact'): string | undefined {
  if (!problem) return undefined;
  const query = escapeMrkdwn(problem.query);
  if (problem.kind === 'ambiguous') {
    // "A or B" is list formatting, not wording: Intl knows each language's "or".
    const or = new Intl.ListFormat(t.tag, { type: 'disjunction' });
    const candidates = or.format(problem.candidates.map((s) => escapeMrkdwn(speakerName(t, s))));
    return t.t('article.problem.ambiguous', { query, candidates });
  }
  return t.t(what === 'quote' ? 'article.problem.noQuote' : 'article.problem.noFact', { query });
}

const HAN = /\p{Script=Han}/u;

/** How to ask for a speaker in the answer's language: their id, or the first Chinese form of their name. */
function speakerCommand(t: Translator, speaker: Speaker): string {
  const typed = t.locale === 'zh' ? (speaker.aliases.find((alias) => HAN.test(alias)) ?? speaker.id) : speaker.id;
  return `/quote ${escapeMrkdwn(typed)}`;
}

function speakerLines(t: Translator, corpus: Corpus): string {
  return corpus.speakers
    .map((s) => {
      const org = escapeMrkdwn(s.org);
      // The roles are in English only: an English answer names them, a Chinese one gives both names instead.
      const who =
        t.locale === 'zh'
          ? t.t('article.person.twoNames', {
              first: `*${escapeMrkdwn(s.name_zh)}*`,
              second: escapeMrkdwn(s.name_en),
              org,
            })
          : t.t('article.person.about', {
              who: t.t('article.person.named', { name: `*${escapeMrkdwn(s.name_en)}*`, org }),
              detail: escapeMrkdwn(s.role),
            });
      const count = corpus.quotesBySpeaker.get(s.id)?.length ?? 0;
      return t.t('article.quoteHelp.speaker', { who, count, command: speakerCommand(t, s) });
    })
    .join('\n');
}

function help(lines: (string | undefined)[]): RenderedMessage {
  const body = lines.filter((l): l is string => l !== undefined).join('\n');
  // The fallback drops mrkdwn emphasis so notifications read cleanly.
  return { text: body.replace(/[*`]/g, ''), blocks: [{ type: 'section', text: { type: 'mrkdwn', text: body } }] };
}

/** Private answer for a `/quote` that found nothing or was ambiguous (or asked for help). */
export function renderQuoteHelp(t: Translator, corpus: Corpus, problem?: HelpProblem): RenderedMessage {
  return help([
    problemLine(t, problem, 'quote'),
    t.t('article.quoteHelp.intro'),
    speakerLines(t, corpus),
    t.t('article.quoteHelp.examples'),
    t.t('article.languages'),
  ]);
}

/**
 * The most used tags (ties in file order) that are not names, in the answer's script: plain ASCII for
 * English, anything without Latin letters (Chinese words, `996`) for Chinese.
 */
function keywordTags(t: Translator, corpus: Corpus): string[] {
  const names = new Set(corpus.speakers.flatMap((s) => [s.id, ...s.aliases]));
  const fits = t.locale === 'zh' ? (tag: string) => !/[A-Za-z]/.test(tag) : (tag: string) => /^[\x20-\x7e]+$/.test(tag);
  const counts = new Map<string, number>();
  for (const tag of corpus.facts.flatMap((f) => f.tags)) {
    if (fits(tag) && !names.has(tag)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([tag]) => tag);
}

/** Private answer for a `/fact` that found nothing (or asked for help). */
export function renderFactHelp(t: Translator, corpus: Corpus, problem?: HelpProblem): RenderedMessage {
  const tags = keywordTags(t, corpus).map((tag) => `\`${escapeMrkdwn(tag)}\``);
  return help([
    problemLine(t, problem, 'fact'),
    t.t('article.factHelp.intro', { count: corpus.facts.length }),
    tags.length ? t.t('article.factHelp.keywords', { tags: t.list(tags) }) : undefined,
    t.t('article.factHelp.examples'),
    t.t('article.languages'),
  ]);
}
