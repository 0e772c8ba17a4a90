import type { RespondArguments } from '@slack/bolt';
import { pickFresh } from '../../corpus/pick.js';
import type { RenderedMessage } from '../../corpus/types.js';
import type { AppDeps } from '../../deps.js';
import { channelTranslator, type LocaleDeps } from '../../i18n/resolve.js';
import type { Translator } from '../../i18n/translator.js';
import { escapeMrkdwn, truncate } from '../../slack/mrkdwn.js';

/** How many recent items a channel must not see again (the "last 5"). */
export const NO_REPEAT_WINDOW = 5;
/** Longer searches are refused rather than echoed back into a help message. */
export const MAX_QUERY_CHARS = 100;

export type ChannelRef = { teamId: string; channelId: string };

/**
 * Picks an item the channel has not seen in its last five of that kind, records it, and returns it.
 * The history read and write are two indexed statements: cheap enough to run before the ack.
 */
export async function pickForChannel<T extends { id: string }>(
  deps: Pick<AppDeps, 'store' | 'random' | 'now'>,
  where: ChannelRef,
  kind: 'quote' | 'fact',
  items: readonly T[],
): Promise<T | undefined> {
  const newestFirst = await deps.store.history.recent(where.teamId, where.channelId, kind, NO_REPEAT_WINDOW);
  const chosen = pickFresh(items, [...newestFirst].reverse(), deps.random);
  if (chosen) await deps.store.history.record(where.teamId, where.channelId, kind, chosen.id, deps.now().toISOString());
  return chosen;
}

export function inChannel(message: RenderedMessage): RespondArguments {
  return { response_type: 'in_channel', text: message.text, blocks: [...message.blocks] };
}

export function privately(message: RenderedMessage): RespondArguments {
  return { response_type: 'ephemeral', text: message.text, blocks: [...message.blocks] };
}

/** A search too long to echo back: refused privately, in the person's language, with what to type instead. */
export function tooLong(t: Translator, command: '/quote' | '/fact', query: string): RespondArguments {
  const key = command === '/quote' ? 'article.problem.tooLongQuote' : 'article.problem.tooLongFact';
  const text = t.t(key, { length: t.number(Array.from(query).length), max: t.number(MAX_QUERY_CHARS) });
  return { response_type: 'ephemeral', text: escapeMrkdwn(truncate(text, 500)) };
}

/**
 * The language around a post: the channel's, except in a direct message (ids start with `D`), where the only
 * reader is the person, so theirs.
 */
export async function postTranslator(deps: LocaleDeps, where: ChannelRef, person: Translator): Promise<Translator> {
  return where.channelId.startsWith('D') ? person : channelTranslator(deps, where.teamId, where.channelId);
}
