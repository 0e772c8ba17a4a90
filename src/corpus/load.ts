import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { projectPath } from '../paths.js';
import type { Corpus, CorpusData, Fact, Quote, Speaker } from './types.js';

/** Where the curated corpus lives; found from the project root so it works from `src/` and `dist/src/`. */
export function defaultCorpusPath(): string {
  return projectPath('fixtures', 'article.json');
}

/** The committed cleaned article (written by `npm run corpus`). */
export function defaultCleanArticlePath(): string {
  return projectPath('fixtures', 'article.clean.txt');
}

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lower-case kebab-case');
const text = z.string().trim().min(1);
const tags = z.array(z.string().min(1)).min(1);

const schema = z.strictObject({
  source: z.strictObject({ title_zh: text, title_en: text, description: text, publisher_note: text }),
  speakers: z
    .array(
      z.strictObject({
        id,
        name_en: text,
        name_zh: text,
        role: text,
        org: text,
        aliases: z.array(text).min(1),
      }),
    )
    .min(1),
  quotes: z.array(z.strictObject({ id, speaker: id, zh: text, en: text, context: text, tags })).min(1),
  facts: z.array(z.strictObject({ id, zh: text, en: text, highlight: text, tags })).min(1),
  nudge_lines: z.array(z.strictObject({ id, opener: text, quote: id.optional(), fact: id.optional() })),
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Cross-record rules the schema cannot say; every problem is listed, not just the first. */
function crossCheck(data: CorpusData): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const unique = (kind: string, ids: readonly string[]) => {
    for (const i of ids) {
      if (seen.has(`${kind}:${i}`)) problems.push(`duplicate ${kind} id "${i}"`);
      seen.add(`${kind}:${i}`);
    }
  };
  unique(
    'speaker',
    data.speakers.map((s) => s.id),
  );
  unique(
    'quote',
    data.quotes.map((q) => q.id),
  );
  unique(
    'fact',
    data.facts.map((f) => f.id),
  );
  const speakerIds = new Set(data.speakers.map((s) => s.id));
  for (const q of data.quotes) {
    if (!speakerIds.has(q.speaker)) problems.push(`quote "${q.id}" names unknown speaker "${q.speaker}"`);
  }
  for (const s of data.speakers) {
    if (!data.quotes.some((q) => q.speaker === s.id)) problems.push(`speaker "${s.id}" has no quote`);
    for (const a of s.aliases) {
      if (a !== a.toLowerCase()) problems.push(`speaker "${s.id}" alias "${a}" must be lower-case`);
    }
  }
  for (const f of data.facts) {
    if (!f.en.includes(f.highlight)) problems.push(`fact "${f.id}" highlight "${f.highlight}" is not in its en`);
  }
  unique(
    'nudge line',
    data.nudge_lines.map((n) => n.id),
  );
  const quoteIds = new Set(data.quotes.map((q) => q.id));
  const factIds = new Set(data.facts.map((f) => f.id));
  for (const n of data.nudge_lines) {
    if ((n.quote === undefined) === (n.fact === undefined)) {
      problems.push(`nudge line "${n.id}" must stand on exactly one quote or fact`);
    }
    if (n.quote !== undefined && !quoteIds.has(n.quote))
      problems.push(`nudge line "${n.id}" names unknown quote "${n.quote}"`);
    if (n.fact !== undefined && !factIds.has(n.fact))
      problems.push(`nudge line "${n.id}" names unknown fact "${n.fact}"`);
  }
  return problems;
}

/** Validates parsed JSON and builds the frozen corpus; throws listing every problem. */
export function parseCorpus(json: unknown): Corpus {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`Lights Out: invalid article corpus\n${z.prettifyError(parsed.error)}`);
  const data: CorpusData = parsed.data;
  const problems = crossCheck(data);
  if (problems.length) throw new Error(`Lights Out: invalid article corpus\n- ${problems.join('\n- ')}`);

  const quotesBySpeaker = new Map<string, Quote[]>(data.speakers.map((s) => [s.id, []]));
  for (const q of data.quotes) quotesBySpeaker.get(q.speaker)?.push(q);
  const corpus: Corpus = {
    ...data,
    speakerById: new Map<string, Speaker>(data.speakers.map((s) => [s.id, s])),
    quoteById: new Map<string, Quote>(data.quotes.map((q) => [q.id, q])),
    factById: new Map<string, Fact>(data.facts.map((f) => [f.id, f])),
    quotesBySpeaker,
  };
  // Maps stay technically mutable (freeze does not cover their entries); the types expose them read-only.
  return deepFreeze(corpus);
}

/** Reads and validates `fixtures/article.json` (or `path`). */
export function loadCorpus(path: string = defaultCorpusPath()): Corpus {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new Error(`Lights Out: cannot read the article corpus at ${path}`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    throw new Error(`Lights Out: the article corpus at ${path} is not valid JSON`, { cause });
  }
  return parseCorpus(json);
}
