import { describe, expect, it } from 'vitest';
import { scanLiterals } from './literals.js';

/**
 * No words for a person outside the catalogues. These files hold text for whoever runs the bot, or data that
 * is not wording, and are not scanned; each says why.
 */
const NOT_FOR_PEOPLE_IN_SLACK: Record<string, string> = {
  'src/i18n/': 'the catalogues themselves',
  'src/config.ts': 'configuration problems and --help, read by whoever runs the bot',
  'src/main.ts': 'start-up and shutdown messages on the console',
  'src/metrics.ts': 'Prometheus help text',
  'src/corpus/clean.ts': 'the article’s own Chinese and its fix tables, used when building the corpus',
  'src/corpus/load.ts': 'corpus file checks at start-up, for the operator',
  'src/corpus/verify.ts': 'corpus checks at build time',
  'src/corpus/match.ts': 'the speakers’ Chinese surnames, matched in what people type',
  'src/local/': 'the stand-in Slack’s own page and chrome (the bot’s words on it come from the catalogues)',
  'src/store/': 'delivery outcomes recorded in the database for operators',
  'src/nudges/sender.ts': 'delivery outcomes recorded in the database for operators',
  'src/nudges/scheduler.ts': 'delivery outcomes recorded in the database for operators',
};

const root = new URL('../..', import.meta.url).pathname;
const exempt = (file: string) => Object.keys(NOT_FOR_PEOPLE_IN_SLACK).some((prefix) => file.startsWith(prefix));
const found = scanLiterals(root, exempt);

describe('user-visible wording lives in the catalogues', () => {
  it('no file outside the catalogues holds words for a person', () => {
    expect(found.map(({ file, line, text }) => `${file}:${line} ${text}`)).toEqual([]);
  });
});
