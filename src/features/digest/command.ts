import type { Config } from '../../config.js';
import { personTranslator } from '../../i18n/resolve.js';
import { zoneOf } from '../../people/zone.js';
import { escapeMrkdwn } from '../../slack/mrkdwn.js';
import type { PersonKey, Store } from '../../store/types.js';
import { nextDigestAt } from './schedule.js';

/**
 * `/nudge me digest on|off`: parsed here (the words after `me digest`) and answered here, so the nudge parser
 * and listener only hand it on. No wording in the parser; answers come from the `digest` catalogue namespace.
 */
export type DigestCommand = { kind: 'digest'; on: boolean } | { kind: 'digest-usage' };

export function parseDigestCommand(rest: readonly string[]): DigestCommand {
  const [word, ...extra] = rest.map((token) => token.toLowerCase());
  if ((word === 'on' || word === 'off') && extra.length === 0) return { kind: 'digest', on: word === 'on' };
  return { kind: 'digest-usage' };
}

export type DigestReply = {
  response_type: 'ephemeral';
  text: string;
  blocks: Array<{ type: 'section'; text: { type: 'mrkdwn'; text: string } }>;
};

const answer = (text: string): DigestReply => ({
  response_type: 'ephemeral',
  text,
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
});

/** Saves the choice (bad input changes nothing) and says what now holds, in the person's language. */
export async function answerDigestCommand(
  deps: { store: Store; config: Pick<Config, 'defaultLocale' | 'nudge'>; now: () => Date },
  person: PersonKey,
  command: DigestCommand,
): Promise<DigestReply> {
  const t = await personTranslator(deps, person);
  if (command.kind === 'digest-usage') return answer(t.t('digest.command.usage'));
  const before = await deps.store.digests.get(person);
  const now = deps.now();
  if (before?.enabled === command.on) {
    return answer(t.t(command.on ? 'digest.command.alreadyOn' : 'digest.command.alreadyOff'));
  }
  await deps.store.digests.save({ ...person, enabled: command.on, updatedAt: now.toISOString() });
  if (!command.on) return answer(t.t('digest.command.off'));
  const facts = await deps.store.people.getPerson(person);
  const { zone } = zoneOf(facts ?? { tzOverride: null, slackTz: null }, deps.config.nudge.timezone);
  const next = nextDigestAt(zone, now);
  return answer(t.t('digest.command.on', { zone: escapeMrkdwn(zone), next: next ? t.at(next, zone) : '' }));
}
