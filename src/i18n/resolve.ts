import type { Config } from '../config.js';
import type { PersonKey, Store } from '../store/types.js';
import { type Locale, localeFromSlack } from './locale.js';
import { type Translator, translator } from './translator.js';

/** What choosing a language needs: the store (people's and channels' choices) and the workspace default. */
export type LocaleDeps = { store: Store; config: Pick<Config, 'defaultLocale'> };

/**
 * A person's language: their `/hours lang` choice, else their Slack locale (cached by the directory sync and
 * users.info with their zone, so this is one primary-key read and never a Slack call), else the workspace default. Used for ephemeral answers, DMs, modals and the Home tab.
 */
export async function personLocale(deps: LocaleDeps, person: PersonKey): Promise<Locale> {
  const known = await deps.store.people.getPerson(person);
  return known?.localeOverride ?? localeFromSlack(known?.slackLocale) ?? deps.config.defaultLocale;
}

/** A channel's language: chosen with `/nudge here 22:00 zh`, else DEFAULT_LOCALE. Used for posts in channels. */
export async function channelLocale(deps: LocaleDeps, teamId: string, channelId: string): Promise<Locale> {
  return (await deps.store.nudges.getChannel(teamId, channelId))?.locale ?? deps.config.defaultLocale;
}

export async function personTranslator(deps: LocaleDeps, person: PersonKey): Promise<Translator> {
  return translator(await personLocale(deps, person));
}

export async function channelTranslator(deps: LocaleDeps, teamId: string, channelId: string): Promise<Translator> {
  return translator(await channelLocale(deps, teamId, channelId));
}
