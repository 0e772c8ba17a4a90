/** Where the corpus tests find the raw article, if this machine has it (not a test file itself). */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_ARTICLE_PATH } from '../../src/corpus/clean.js';
import { defaultCleanArticlePath } from '../../src/corpus/load.js';
import { projectRoot } from '../../src/paths.js';

export const rawArticlePath = resolve(projectRoot(), process.env.ARTICLE_PATH ?? DEFAULT_ARTICLE_PATH);

/** The raw article text, or undefined on a fresh clone without the shared folder. */
export const rawArticle: string | undefined = existsSync(rawArticlePath)
  ? readFileSync(rawArticlePath, 'utf8')
  : undefined;

if (rawArticle === undefined) {
  console.warn(
    `[corpus tests] raw article not found at ${rawArticlePath} (set ARTICLE_PATH); ` +
      'checking against the committed fixtures/article.clean.txt instead',
  );
}

export const committedCleanText = readFileSync(defaultCleanArticlePath(), 'utf8');
