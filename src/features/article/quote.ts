import { parseQuoteArgs, renderQuoteHelp } from '../../corpus/help.js';
import { lookupQuotes, type QuoteLookup, quoteMatchedBy } from '../../corpus/match.js';
import { type QuoteMatchNote, renderQuote } from '../../corpus/render.js';
import type { Quote } from '../../corpus/types.js';
import { onCommand } from '../../slack/listen.js';
import type { Feature } from '../index.js';
import { inChannel, MAX_QUERY_CHARS, pickForChannel, privately, tooLong } from './serve.js';

/** `/quote [speaker | keyword] [en|zh|both]`: posted in the channel; misses are answered privately. */
export const quoteFeature: Feature = (app, deps) => {
  const { corpus, logger } = deps;
  onCommand(app, logger, '/quote', async ({ command }, ack) => {
    const args = parseQuoteArgs(command.text);
    if (args.query && Array.from(args.query).length > MAX_QUERY_CHARS) return ack(tooLong('/quote', args.query));
    const found = lookupQuotes(corpus, args.query);
    if (found.kind === 'none')
      return ack(privately(renderQuoteHelp(corpus, { kind: 'none', query: args.query ?? '' })));
    if (found.kind === 'ambiguous') {
      return ack(
        privately(
          renderQuoteHelp(corpus, { kind: 'ambiguous', query: args.query ?? '', candidates: found.candidates }),
        ),
      );
    }
    const quote = await pickForChannel(
      deps,
      { teamId: command.team_id, channelId: command.channel_id },
      'quote',
      found.quotes,
    );
    if (!quote) return ack(privately(renderQuoteHelp(corpus, { kind: 'none', query: args.query ?? '' })));
    await ack(inChannel(renderQuote(corpus, quote, args.lang, matchNote(found, quote, args.query ?? ''))));
  });
};

/** What to say the words matched: nothing for a speaker's name or no words, else the typo or the match. */
function matchNote(found: QuoteLookup, quote: Quote, typed: string): QuoteMatchNote | undefined {
  if (found.kind === 'speaker') return found.typo ? { kind: 'typo', typed, speaker: found.speaker } : undefined;
  if (found.kind !== 'search') return undefined;
  return { kind: quoteMatchedBy(quote, typed), typed };
}
