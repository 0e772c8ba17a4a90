/**
 * `/quote` and `/fact`: everything around the article's own words. The quotes and facts themselves come from
 * fixtures/article.json (the Chinese original and our English rendering), never from here.
 */
export const article = {
  /** The context line under every quote and fact: where the words shown come from. */
  source: {
    en: 'Translated by Lights Out from the Chinese report of the Wall Street Journal story.',
    zh: 'Original text of the Chinese report of the Wall Street Journal story.',
    both: 'Chinese: original text of the Chinese report of the Wall Street Journal story. English: translated by Lights Out from that report.',
  },
  /** Who said it: `Josh Batson, Anthropic`, `乔希·贝特森 (Josh Batson), Anthropic`. */
  person: {
    named: '{{name}}, {{org}}',
    twoNames: '{{first}} ({{second}}), {{org}}',
    /** A detail the corpus has in English only (what the quote was about, a role). */
    about: '{{who}}, {{detail}}',
  },
  /** Above a quote, when the words typed were not simply a speaker's name. */
  matched: {
    typo: 'No one called “{{typed}}” is quoted in the article; reading it as *{{name}}*.',
    topic: 'A quote about “{{typed}}”.',
    word: 'No one called “{{typed}}” is quoted in the article (its speakers are {{speakers}}). Here is a quote with that word:',
    words:
      'No one called “{{typed}}” is quoted in the article (its speakers are {{speakers}}). Here is a quote with those words:',
  },
  problem: {
    noQuote: 'Nothing in the article matches “{{query}}” for a speaker or a quote.',
    noFact: 'Nothing in the article matches “{{query}}” for a fact.',
    ambiguous: '“{{query}}” could be {{candidates}}: type more of the name.',
    tooLongQuote:
      'That search is {{length}} characters long; searches are up to {{max}}. Try a word or two, e.g. `/quote batson` or `/quote vacation`.',
    tooLongFact:
      'That search is {{length}} characters long; searches are up to {{max}}. Try a word or two, e.g. `/fact 996` or `/fact Meta`.',
  },
  quoteHelp: {
    intro: '*/quote* shows a quote from the article, by speaker or keyword. Speakers:',
    speaker_one: '• {{who}}: {{count}} quote, `{{command}}`',
    speaker_other: '• {{who}}: {{count}} quotes, `{{command}}`',
    examples: 'Examples: `/quote batson`, `/quote chen zh`, `/quote vacation both`, or just `/quote`.',
  },
  factHelp: {
    intro_one: '*/fact* shows the one fact from the article, or the one matching a keyword.',
    intro_other: '*/fact* shows one of {{count}} facts from the article, at random or by keyword.',
    keywords: 'Keywords include {{tags}}.',
    examples: 'Examples: `/fact 996`, `/fact 0-0-2`, `/fact 20 years`, `/fact vacation zh`, or just `/fact`.',
  },
  /** Both help answers end with this. */
  languages:
    'End with `en` (our English translation), `zh` (the Chinese original) or `both`; without one, you get English.',
} as const;
