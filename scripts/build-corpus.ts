/**
 * Cleans the source article into fixtures/article.clean.txt and checks fixtures/article.json against it.
 *
 *   npm run corpus [-- <article path>]     (or ARTICLE_PATH=<path>; default ../shared/article/<file>)
 *
 * Exits non-zero, listing every problem, when the fix table no longer fits the article, when damage
 * survives cleaning, or when a curated quote/fact is not verbatim in the cleaned text.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cleanArticle, DEFAULT_ARTICLE_PATH, findResidue, openccToSimplified } from '../src/corpus/clean.js';
import { defaultCleanArticlePath, loadCorpus } from '../src/corpus/load.js';
import type { Corpus } from '../src/corpus/types.js';
import { formatMismatches, nudgeLineProblems, verifyCorpusAgainstArticle } from '../src/corpus/verify.js';
import { FRESH_NIGHTS } from '../src/nudges/lines.js';
import { projectRoot } from '../src/paths.js';

function fail(message: string): never {
  console.error(`corpus: ${message}`);
  process.exit(1);
}

function main(): void {
  const arg = process.argv.slice(2).find((a) => a !== '--');
  const articlePath = resolve(projectRoot(), arg ?? process.env.ARTICLE_PATH ?? DEFAULT_ARTICLE_PATH);

  let raw: string;
  try {
    raw = readFileSync(articlePath, 'utf8');
  } catch (error) {
    fail(`cannot read the article at ${articlePath}: ${(error as Error).message}`);
  }

  const toSimplified = openccToSimplified();
  const cleaned = cleanArticle(raw, toSimplified);
  if (cleaned.unusedFixes.length) {
    fail(`fix-table entries that match nothing in ${articlePath}:\n- ${cleaned.unusedFixes.join('\n- ')}`);
  }
  const residue = findResidue(cleaned.text, toSimplified);
  if (residue.length) {
    fail(`damage survives cleaning:\n${residue.map((r) => `- line ${r.line} ${r.kind}: ${r.excerpt}`).join('\n')}`);
  }

  let corpus: Corpus;
  try {
    corpus = loadCorpus();
  } catch (error) {
    fail((error as Error).message);
  }
  const mismatches = verifyCorpusAgainstArticle(corpus, cleaned.text);
  if (mismatches.length) {
    fail(`${mismatches.length} curated text(s) not found in the cleaned article:\n${formatMismatches(mismatches)}`);
  }

  const nudgeProblems = nudgeLineProblems(corpus, FRESH_NIGHTS + 1);
  if (nudgeProblems.length) fail(`nudge lines:\n- ${nudgeProblems.join('\n- ')}`);

  // Written only after every check passed, so a wrong or damaged article never replaces the committed text.
  const outPath = defaultCleanArticlePath();
  writeFileSync(outPath, cleaned.text, 'utf8');

  console.log(
    `corpus ok: ${cleaned.paragraphs.length} paragraphs, ${cleaned.sentences.length} sentences, ` +
      `${corpus.quotes.length} quotes, ${corpus.facts.length} facts, ${corpus.nudge_lines.length} nudge lines (${cleaned.annotationsStripped} ` +
      `pinyin annotations stripped) -> ${outPath}`,
  );
}

main();
