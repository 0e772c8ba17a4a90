import { loadCorpus } from '../../src/corpus/load.js';
import type { Corpus } from '../../src/corpus/types.js';

let corpus: Corpus | undefined;

/** The committed corpus, loaded once per test worker. */
export function testCorpus(): Corpus {
  corpus ??= loadCorpus();
  return corpus;
}
