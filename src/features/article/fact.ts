import { parseFactArgs, renderFactHelp } from '../../corpus/help.js';
import { lookupFacts } from '../../corpus/match.js';
import { renderFact } from '../../corpus/render.js';
import { personTranslator } from '../../i18n/resolve.js';
import { onCommand } from '../../slack/listen.js';
import type { Feature } from '../index.js';
import { inChannel, MAX_QUERY_CHARS, pickForChannel, postTranslator, privately, tooLong } from './serve.js';

/**
 * `/fact [keyword] [en|zh|both]`: a random fresh fact, or the first match for the keyword, posted in the
 * channel's language; the fact in the language asked for, else the person's. Misses go back privately.
 */
export const factFeature: Feature = (app, deps) => {
  const { corpus, logger } = deps;
  onCommand(app, logger, '/fact', async ({ command }, ack) => {
    const person = await personTranslator(deps, { teamId: command.team_id, userId: command.user_id });
    const args = parseFactArgs(command.text, person.locale);
    if (args.query && Array.from(args.query).length > MAX_QUERY_CHARS) {
      return ack(tooLong(person, '/fact', args.query));
    }
    const nothing = () => ack(privately(renderFactHelp(person, corpus, { kind: 'none', query: args.query ?? '' })));
    const found = lookupFacts(corpus, args.query);
    if (found.kind === 'none') return nothing();
    const where = { teamId: command.team_id, channelId: command.channel_id };
    // A keyword asks for its best match; no keyword asks for variety.
    const fact = found.kind === 'search' ? found.facts[0] : await pickForChannel(deps, where, 'fact', found.facts);
    if (!fact) return nothing();
    if (found.kind === 'search')
      await deps.store.history.record(where.teamId, where.channelId, 'fact', fact.id, deps.now().toISOString());
    const channel = await postTranslator(deps, where, person);
    await ack(inChannel(renderFact(corpus, fact, args.lang, { t: channel, first: person.locale })));
  });
};
