import { describe, expect, it } from 'vitest';
import { digestFacts, loggedAfterMidnight, readDigestFacts } from '../../../src/features/digest/facts.js';
import { renderDigest } from '../../../src/features/digest/render.js';
import { translator } from '../../../src/i18n/translator.js';
import { SqliteStore } from '../../../src/store/sqlite.js';
import { expectValidMessage } from '../../helpers/block-kit.js';

const MONDAY = '2026-11-30'; // the digest of Mon 30 Nov covers Mon 23 – Sun 29 Nov
const ada = { teamId: 'T1', userId: 'U1' };
const zone = 'America/Los_Angeles';
const chart = { slackFile: { id: 'F0CHART' }, alt: 'Mon 9h, Tue 14h, …, week 61h (crunch)' };
const line = { text: 'Nobody *asked* us to _work_ <this> much.', attribution: 'A researcher, on the 996 week' };

const totals = [
  { date: '2026-11-16', minutes: 600 }, // the week before: 10 h + 20 h
  { date: '2026-11-20', minutes: 1200 },
  { date: '2026-11-23', minutes: 540 },
  { date: '2026-11-24', minutes: 840 },
  { date: '2026-11-26', minutes: 840 }, // as long as Tuesday: Tuesday, the first, is the longest day
  { date: '2026-11-28', minutes: 90 },
];
const entries = [
  { workDate: '2026-11-24', loggedAt: '2026-11-25T09:30:00.000Z' }, // 01:30 in Los Angeles
  { workDate: '2026-11-26', loggedAt: '2026-11-27T05:00:00.000Z' }, // 21:00
  { workDate: '2026-11-28', loggedAt: '2026-11-29T12:59:00.000Z' }, // 04:59
  { workDate: '2026-11-16', loggedAt: '2026-11-17T09:00:00.000Z' }, // 01:00, but the week before
];

describe('digest facts', () => {
  it('compare last week with the one before and find the longest day, quiet days and after-midnight entries', () => {
    const facts = digestFacts({ monday: MONDAY, totals, entries, zone });
    expect(facts.week).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(facts.total).toBe(540 + 840 + 840 + 90);
    expect(facts.previousTotal).toBe(1800);
    expect(facts.band.id).toBe('sustainable');
    expect(facts.longest).toEqual({ date: '2026-11-24', minutes: 840 });
    expect(facts.quietDays).toEqual(['2026-11-25', '2026-11-27', '2026-11-29']);
    expect(facts.afterMidnight).toBe(2);
  });

  it('read "after midnight" on the person’s own clock, across a DST change', () => {
    // 01:30 on the night London's clocks went back (25 Oct 2026), and 05:30 local just after.
    expect(loggedAfterMidnight('2026-10-25T00:30:00.000Z', 'Europe/London')).toBe(true);
    expect(loggedAfterMidnight('2026-10-25T05:30:00.000Z', 'Europe/London')).toBe(false);
    expect(loggedAfterMidnight('2026-11-25T09:30:00.000Z', 'Asia/Shanghai')).toBe(false); // 17:30 there
  });

  it('say so when nothing was logged', () => {
    const facts = digestFacts({ monday: MONDAY, totals: [], entries: [], zone });
    expect(facts).toMatchObject({ total: 0, previousTotal: 0, longest: null, afterMidnight: 0 });
    expect(facts.quietDays).toHaveLength(7);
  });

  it('are read from the store as the ledger holds them', async () => {
    const store = new SqliteStore(':memory:');
    try {
      for (const { date, minutes } of totals) {
        const at = entries.find((entry) => entry.workDate === date)?.loggedAt ?? '2026-12-01T20:00:00.000Z';
        await store.hours.addEntry({ ...ada, workDate: date, minutes, note: null, loggedAt: at }, 1440);
      }
      expect(await readDigestFacts(store, ada, MONDAY, zone)).toEqual(
        digestFacts({ monday: MONDAY, totals, entries, zone }),
      );
    } finally {
      await store.close();
    }
  });
});

describe('renderDigest', () => {
  const facts = digestFacts({ monday: MONDAY, totals, entries, zone });

  it('is valid Block Kit in both languages, with and without the chart and the line', () => {
    for (const locale of ['en', 'zh'] as const) {
      const t = translator(locale);
      for (const extras of [{}, { chart }, { chart, line }])
        expectValidMessage(renderDigest(t, facts, extras), { requireBlocks: true });
      expectValidMessage(renderDigest(t, digestFacts({ monday: MONDAY, totals: [], entries: [], zone })), {
        requireBlocks: true,
      });
    }
  });

  it('says the week in English: totals, the change, the longest day, quiet days, after midnight, the line', () => {
    const message = renderDigest(translator('en'), facts, { chart, line });
    const all = JSON.stringify(message.blocks);
    expect(message.text).toBe('Your week: 38.5 h (sustainable); the week before: 30 h.');
    expect(all).toContain('Last week you logged *38.5 h* (sustainable). The week before: 30 h. That is 8.5 h more.');
    expect(all).toContain('Longest day: *Tue 24 Nov*, 14 h.');
    expect(all).toContain('3 quiet days (nothing logged): Wed 25 Nov, Fri 27 Nov, and Sun 29 Nov.');
    expect(all).toContain('2 entries were logged after midnight, your time.');
    expect(message.blocks.find((block) => block.type === 'image')).toMatchObject({
      slack_file: { id: 'F0CHART' },
      alt_text: chart.alt,
    });
    // The article line is escaped for mrkdwn.
    expect(all).toContain('&lt;this&gt;');
    expect(all).not.toContain('<this>');
  });

  it('says it in Chinese, with Chinese dates and the band’s Chinese name', () => {
    const message = renderDigest(translator('zh'), facts, { chart });
    const all = JSON.stringify(message.blocks);
    expect(message.text).toContain('38.5 小时（可持续）');
    expect(all).toContain('多了 8.5 小时。');
    expect(all).toContain('最长的一天：*11月24日');
    expect(all).toContain('3 天没有记录');
    expect(all).toContain('有 2 条记录');
  });

  it('uses the singular and "the same" where they apply', () => {
    const one = digestFacts({
      monday: MONDAY,
      totals: ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28'].map((date) => ({
        date,
        minutes: 60,
      })),
      entries: [{ workDate: '2026-11-23', loggedAt: '2026-11-24T09:00:00.000Z' }],
      zone,
    });
    const all = JSON.stringify(renderDigest(translator('en'), { ...one, previousTotal: one.total }).blocks);
    expect(all).toContain('1 quiet day (nothing logged): Sun 29 Nov.');
    expect(all).toContain('1 entry was logged after midnight, your time.');
    expect(all).toContain('Exactly the same.');
  });
});
