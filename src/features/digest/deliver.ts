import type { WebClient } from '@slack/web-api';
import type { AppDeps } from '../../deps.js';
import { weekChartImage } from '../../home/chart-file.js';
import { type LocaleDeps, personTranslator } from '../../i18n/resolve.js';
import type { DigestTarget } from '../../nudges/due.js';
import { type NudgeLine, pickPersonLine } from '../../nudges/lines.js';
import { readDigestFacts } from './facts.js';
import { type DigestLine, type DigestMessage, renderDigest } from './render.js';

/**
 * The digest for one claimed delivery, composed for the nudge sender (which posts it as a DM, through the same
 * claim, lease and MAX_UNCERTAIN_POSTS bound as a nudge). `monday` is the delivery's night: the digest covers the
 * ISO week before it. The chart is uploaded to the person's DM (cached per week and language); when it cannot
 * be, the digest goes without the picture.
 */
export async function composeDigest(
  deps: Pick<AppDeps, 'store' | 'random' | 'logger' | 'now'> & LocaleDeps,
  client: WebClient,
  lines: readonly NudgeLine[],
  target: DigestTarget,
  monday: string,
): Promise<DigestMessage> {
  const person = { teamId: target.teamId, userId: target.userId };
  const facts = await readDigestFacts(deps.store, person, monday, target.zone);
  const t = await personTranslator(deps, person);
  const chartDeps = { client, store: deps.store, logger: deps.logger, now: deps.now };
  const chart = await weekChartImage(chartDeps, person, {
    zone: target.zone,
    locale: t.locale,
    weekStart: facts.week.from,
  });
  const picked = await pickPersonLine(deps.store.history, person, lines, deps.random, deps.now());
  const line: DigestLine | undefined = picked && (t.locale === 'zh' ? picked.zh : picked);
  return renderDigest(t, facts, {
    ...(chart ? { chart } : {}),
    ...(line ? { line: { text: line.text, ...(line.attribution ? { attribution: line.attribution } : {}) } } : {}),
  });
}
