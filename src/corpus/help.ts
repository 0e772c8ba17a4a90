import { decodeSlackText, escapeMrkdwn } from '../slack/mrkdwn.js';
import type { Corpus, Lang, RenderedMessage, Speaker } from './types.js';

export interface ParsedArgs {
  /** What to look for (a speaker or a keyword); absent means "anything". */
  readonly query?: string;
  readonly lang: Lang;
}

const LANGS: readonly Lang[] = ['en', 'zh', 'both'];

/** `<query…> [en|zh|both]`: a trailing language word (any case) sets the language, default `en`. */
export function parseQuoteArgs(text: string): ParsedArgs {
  const tokens = decodeSlackText(text).trim().split(/\s+/).filter(Boolean);
  const last = tokens.at(-1)?.toLowerCase();
  const lang = LANGS.find((l) => l === last);
  if (lang) tokens.pop();
  const query = tokens.join(' ');
  return query ? { query, lang: lang ?? 'en' } : { lang: lang ?? 'en' };
}

/** Same grammar as `/quote`: `<keyword…> [en|zh|both]`. */
export function parseFactArgs(text: string): ParsedArgs {
  return parseQuoteArgs(text);
}

/** What went wrong, for the private help answer. */
export type HelpProblem =
  | { readonly kind: 'none'; readonly query: string }
  | { readonly kind: 'ambiguous'; readonly query: string; readonly candidates: readonly Speaker[] };

function problemLine(problem: HelpProblem | undefined, what: string): string | undefined {
  if (!problem) return undefined;
  const q = `“${escapeMrkdwn(problem.query)}”`;
  if (problem.kind === 'ambiguous') {
    return `${q} could be ${problem.candidates.map((s) => escapeMrkdwn(s.name_en)).join(' or ')}: type more of the name.`;
  }
  return `Nothing in the article matches ${q} for ${what}.`;
}

function speakerLines(corpus: Corpus): string {
  return corpus.speakers
    .map((s) => {
      const n = corpus.quotesBySpeaker.get(s.id)?.length ?? 0;
      return `• *${escapeMrkdwn(s.name_en)}* (${escapeMrkdwn(s.name_zh)}), ${escapeMrkdwn(s.role)}, ${escapeMrkdwn(s.org)}: ${n} quote${n === 1 ? '' : 's'}, \`/quote ${escapeMrkdwn(s.id)}\``;
    })
    .join('\n');
}

function help(lines: (string | undefined)[]): RenderedMessage {
  const body = lines.filter((l): l is string => l !== undefined).join('\n');
  // The fallback drops mrkdwn emphasis so notifications read cleanly.
  return { text: body.replace(/[*`]/g, ''), blocks: [{ type: 'section', text: { type: 'mrkdwn', text: body } }] };
}

const LANG_LINE = 'End with `en` (default), `zh` (the Chinese original) or `both`.';

/** Private answer for a `/quote` that found nothing or was ambiguous (or asked for help). */
export function renderQuoteHelp(corpus: Corpus, problem?: HelpProblem): RenderedMessage {
  return help([
    problemLine(problem, 'a speaker or a quote'),
    '*/quote* shows a quote from the article, by speaker or keyword. Speakers:',
    speakerLines(corpus),
    'Examples: `/quote batson`, `/quote 陈信翰 zh`, `/quote vacation both`, or just `/quote`.',
    LANG_LINE,
  ]);
}

/** Private answer for a `/fact` that found nothing (or asked for help). */
export function renderFactHelp(corpus: Corpus, problem?: HelpProblem): RenderedMessage {
  // The most used English tags (ties in file order) that are not names make the best keyword suggestions.
  const names = new Set(corpus.speakers.flatMap((s) => [s.id, ...s.aliases]));
  const counts = new Map<string, number>();
  for (const tag of corpus.facts.flatMap((f) => f.tags)) {
    if (/^[\x20-\x7e]+$/.test(tag) && !names.has(tag)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  const tags = [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([t]) => `\`${escapeMrkdwn(t)}\``)
    .join(', ');
  return help([
    problemLine(problem, 'a fact'),
    `*/fact* shows one of ${corpus.facts.length} facts from the article, at random or by keyword.`,
    `Keywords include ${tags}.`,
    'Examples: `/fact 996`, `/fact 0-0-2`, `/fact 20 years`, `/fact vacation zh`, or just `/fact`.',
    LANG_LINE,
  ]);
}
