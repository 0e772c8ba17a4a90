import { parseQuoteArgs, renderQuoteHelp } from '../../corpus/help.js';
import { lookupQuotes, type QuoteLookup, quoteMatchedBy } from '../../corpus/match.js';
import { type QuoteMatchNote, renderQuote } from '../../corpus/render.js';
import type { Quote } from '../../corpus/types.js';
import { personTranslator } from '../../i18n/resolve.js';
import { onCommand } from '../../slack/listen.js';
import type { Feature } from '../index.js';
import { inChannel, MAX_QUERY_CHARS, pickForChannel, postTranslator, privately, tooLong } from './serve.js';

/**
 * `/quote [speaker | keyword] [en|zh|both]`: posted in the channel, in the channel's language around the
 * quote; the quote itself in the language asked for, else the person's. Misses are answered privately, in the
 * person's language.
 */
export const quoteFeature: Feature = (app, deps) => {
  const { corpus, logger } = deps;
  onCommand(app, logger, '/quote', async ({ command }, ack) => {
    const person = await personTranslator(deps, { teamId: command.team_id, userId: command.user_id });
    const args = parseQuoteArgs(command.text, person.locale);
    if (args.query && Array.from(args.query).length > MAX_QUERY_CHARS) {
      return ack(tooLong(person, '/quote', args.query));
    }
    const query = args.query ?? '';
    const found = lookupQuotes(corpus, args.query);
    if (found.kind === 'none') return ack(privately(renderQuoteHelp(person, corpus, { kind: 'none', query })));
    if (found.kind === 'ambiguous') {
      return ack(
        privately(renderQuoteHelp(person, corpus, { kind: 'ambiguous', query, candidates: found.candidates })),
      );
    }
    const where = { teamId: command.team_id, channelId: command.channel_id };
    const quote = await pickForChannel(deps, where, 'quote', found.quotes);
    if (!quote) return ack(privately(renderQuoteHelp(person, corpus, { kind: 'none', query })));
    const channel = await postTranslator(deps, where, person);
    const view = { t: channel, first: person.locale };
    await ack(inChannel(renderQuote(corpus, quote, args.lang, view, matchNote(found, quote, query))));
  });
};

/** What to say the words matched: nothing for a speaker's name or no words, else the typo or the match. */
function matchNote(found: QuoteLookup, quote: Quote, typed: string): QuoteMatchNote | undefined {
  if (found.kind === 'speaker') return found.typo ? { kind: 'typo', typed, speaker: found.speaker } : undefined;
  if (found.kind !== 'search') return undefined;
  return { kind: quoteMatchedBy(quote, typed), typed };
}
