import type { KnownBlock } from '@slack/types';
import { WEEK_CHART_LABELS } from '../../charts/labels.js';
import type { ChartImage } from '../../home/chart-file.js';
import type { Translator } from '../../i18n/translator.js';
import { escapeMrkdwn } from '../../slack/mrkdwn.js';
import type { DigestFacts } from './facts.js';

/** One line from the article, in the reader's language (the original Chinese, or our English). */
export type DigestLine = { text: string; attribution?: string };

export type DigestMessage = { text: string; blocks: KnownBlock[] };

function amount(t: Translator, minutes: number): string {
  return t.t('digest.amount', { hours: t.number(minutes / 60, 1) });
}

function change(t: Translator, facts: DigestFacts): string {
  const difference = facts.total - facts.previousTotal;
  if (difference === 0) return t.t('digest.change.same');
  const key = difference > 0 ? 'digest.change.more' : 'digest.change.less';
  return t.t(key, { amount: amount(t, Math.abs(difference)) });
}

function details(t: Translator, facts: DigestFacts): string {
  const lines = [
    facts.longest
      ? t.t('digest.longest', { day: t.date(facts.longest.date), amount: amount(t, facts.longest.minutes) })
      : t.t('digest.nothingLogged'),
  ];
  if (facts.quietDays.length === 0) lines.push(t.t('digest.noQuiet'));
  else {
    const days = t.list(facts.quietDays.map((date) => t.date(date)));
    lines.push(t.t('digest.quiet', { count: facts.quietDays.length, days }));
  }
  lines.push(
    facts.afterMidnight === 0
      ? t.t('digest.noAfterMidnight')
      : t.t('digest.afterMidnight', { count: facts.afterMidnight }),
  );
  return lines.map((line) => `• ${line}`).join('\n');
}

/** The band's name in the reader's language (the chart's labels carry them for both). */
const bandName = (t: Translator, facts: DigestFacts) => WEEK_CHART_LABELS[t.locale].bands[facts.band.id];

/**
 * The digest DM: header, last week against the one before, the chart (when it could be uploaded), the longest
 * day, quiet days and after-midnight entries, one article line, and how to stop it. Pure; within Slack's limits
 * (six blocks; every text far under 3,000 characters, the article line cut at 600).
 */
export function renderDigest(
  t: Translator,
  facts: DigestFacts,
  extras: { chart?: ChartImage; line?: DigestLine } = {},
): DigestMessage {
  const total = amount(t, facts.total);
  const previous = amount(t, facts.previousTotal);
  const band = bandName(t, facts);
  const header = t.t('digest.header', { from: t.date(facts.week.from), to: t.date(facts.week.to) });
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: header.slice(0, 150) } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `${t.t('digest.summary', { total, band, previous })} ${change(t, facts)}` },
    },
  ];
  if (extras.chart) {
    blocks.push({
      type: 'image',
      slack_file: extras.chart.slackFile,
      alt_text: extras.chart.alt.slice(0, 2000),
      title: { type: 'plain_text', text: t.t('digest.chartTitle') },
    });
  }
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: details(t, facts) } });
  if (extras.line) {
    const text = escapeMrkdwn(extras.line.text.slice(0, 600));
    const who = extras.line.attribution ? ` — ${escapeMrkdwn(extras.line.attribution.slice(0, 200))}` : '';
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `${t.t('digest.fromArticle')}\n> ${text}${who} ${t.t('digest.lineNote')}` },
    });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t.t('digest.footer') }] });
  return { text: t.t('digest.fallback', { total, band, previous }), blocks };
}
