import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { type HomeData, loadHome, quoteOfTheDay } from '../../../src/features/home/data.js';
import { homeView, textBars } from '../../../src/features/home/render.js';
import { addDays } from '../../../src/hours/calendar.js';
import type { Locale } from '../../../src/i18n/locale.js';
import { translator } from '../../../src/i18n/translator.js';
import { SqliteStore } from '../../../src/store/sqlite.js';
import type { PersonKey } from '../../../src/store/types.js';
import { expectValidHomeView } from '../../helpers/block-kit.js';
import { testCorpus } from '../../helpers/corpus.js';
import { captureLogs } from '../../helpers/logs.js';

/** Wed 25 Nov 2026, noon in Los Angeles: 7h of today have passed since 05:00. */
const NOW = new Date('2026-11-25T20:00:00Z');
const TODAY = '2026-11-25';
const ZONE = 'America/Los_Angeles';
const ada: PersonKey = { teamId: 'T0LIGHTS', userId: 'U0ADA' };
/** The zone is cached, so loading Home never asks Slack: a client that throws proves it. */
const noSlack = new Proxy(
  {},
  {
    get: () => {
      throw new Error('no Slack call expected');
    },
  },
) as WebClient;

type Block = {
  type: string;
  text?: { text: string };
  fields?: Array<{ text: string }>;
  elements?: Array<{ text?: string; action_id?: string }>;
};

async function setUp(fill: (store: SqliteStore) => Promise<void> = async () => {}) {
  const store = new SqliteStore(':memory:', { now: () => NOW });
  await store.people.saveSlackTimezone(ada, ZONE, NOW.toISOString());
  await fill(store);
  const deps = {
    store,
    corpus: testCorpus(),
    config: loadConfig({ SLACK_BOT_TOKEN: 'xoxb-x', SLACK_SIGNING_SECRET: 's', NUDGE_TZ: ZONE }),
    logger: captureLogs('silent').logger,
    now: () => NOW,
  };
  return { store, data: await loadHome(deps, noSlack, ada) };
}

const log = (store: SqliteStore, person: PersonKey, date: string, minutes: number, note: string | null = null) =>
  store.hours.addEntry({ ...person, workDate: date, minutes, note, loggedAt: NOW.toISOString() }, 24 * 60);

/** A year of 12h days with long notes full of mrkdwn specials, a busy today, and a team of six. */
async function fullYear(store: SqliteStore) {
  const long = `${'&<>*_~`'.repeat(28)}end`.slice(0, 200);
  for (let i = 1; i <= 366; i++) await log(store, ada, addDays(TODAY, -i), 720, long);
  for (let i = 0; i < 14; i++) await log(store, ada, TODAY, 30, long);
  // Six others logged last week (16–22 Nov): 42h to 77h, so the figures may be shown.
  for (let p = 0; p < 6; p++)
    for (let d = 0; d < 7; d++)
      await log(store, { teamId: ada.teamId, userId: `U0P${p}` }, addDays('2026-11-16', d), 60 * (6 + p));
}

const blocksOf = (data: HomeData, locale: Locale) => homeView(translator(locale), data).blocks as Block[];
const allText = (blocks: Block[]) => JSON.stringify(blocks);

function expectWithinLimits(blocks: Block[]) {
  for (const block of blocks) {
    if (block.type === 'section') expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    if (block.type === 'header') expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(150);
    for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(2000);
  }
}

describe('the Home view', () => {
  for (const locale of ['en', 'zh'] as const) {
    it(`${locale}: is valid and within Slack's limits for an empty ledger`, async () => {
      const { data } = await setUp();
      const view = homeView(translator(locale), data);
      expectValidHomeView(view);
      expectWithinLimits(view.blocks as Block[]);
      // Nothing logged: every day so far is quiet, and there are no team figures.
      expect(data.quiet).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
      expect(data.team.enough).toBe(false);
    });

    it(`${locale}: is valid and within Slack's limits for a full year of entries with long notes`, async () => {
      const { data } = await setUp(fullYear);
      const view = homeView(translator(locale), data);
      expectValidHomeView(view);
      const blocks = view.blocks as Block[];
      expectWithinLimits(blocks);
      // Notes are shown inert: no raw < or > reaches Slack from a note.
      const today = blocks.find((b) => b.type === 'section' && b.text?.text.includes('&amp;&lt;&gt;'));
      expect(today?.text?.text).not.toMatch(/[<>]/);
      expect(data.team).toMatchObject({ enough: true, people: 6, medianHours: 60 });
      expect(allText(blocks)).toContain(locale === 'en' ? '6 people logged that week' : '上周有 6 人记录了工时');
      expect(data.week.total).toBe(2 * 720 + 14 * 30);
      expect(data.week.streak).toBeGreaterThan(300);
      expect(data.quiet).toEqual([]);
    });

    it(`${locale}: puts the chart image at the top of the week instead of the text bars`, async () => {
      const { data } = await setUp(fullYear);
      const view = homeView(translator(locale), data, { slackFile: { id: 'F0CHART' }, alt: 'Mon 10h, Tue 10h' });
      expectValidHomeView(view);
      const blocks = view.blocks as Array<Block & { slack_file?: unknown; alt_text?: string }>;
      expect(blocks.slice(0, 3).map((b) => b.type)).toEqual(['header', 'context', 'image']);
      expect(blocks[2]).toMatchObject({ slack_file: { id: 'F0CHART' }, alt_text: 'Mon 10h, Tue 10h' });
      expect(allText(blocks)).not.toContain('█');
    });
  }

  it('shows each day of the week as a bar with its hours, today marked and the future empty', async () => {
    const { data } = await setUp(async (store) => {
      await log(store, ada, '2026-11-23', 9 * 60);
      await log(store, ada, '2026-11-24', 14 * 60 + 30);
      await log(store, ada, TODAY, 2 * 60);
    });
    const lines = textBars(translator('en'), data).split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]).toBe('`█████████······`  9h · Mon 23 Nov');
    expect(lines[1]).toBe('`██████████████▌`  14h30m · Tue 24 Nov');
    expect(lines[2]).toContain('*Wed 25 Nov (today)*');
    expect(lines[6]).toBe('`···············`  _Sun 29 Nov_');
    const zh = textBars(translator('zh'), data).split('\n');
    expect(zh[1]).toContain('14 小时 30 分');
    const blocks = blocksOf(data, 'en');
    expect(allText(blocks)).toContain('*This week*\\n25h30m');
    expect(allText(blocks)).toContain('No quiet days this week yet');
  });

  it('has the three buttons that open the forms', async () => {
    const { data } = await setUp();
    const actions = blocksOf(data, 'en').find((b) => b.type === 'actions');
    expect(actions?.elements?.map((e) => e.action_id)).toEqual(['home_open_log', 'home_open_nudge', 'home_open_zone']);
  });

  it('picks the same quote all day and another one the next day', () => {
    const corpus = testCorpus();
    const first = quoteOfTheDay(corpus, TODAY);
    expect(quoteOfTheDay(corpus, TODAY)).toEqual(first);
    expect(quoteOfTheDay(corpus, addDays(TODAY, 1))?.id).not.toBe(first?.id);
    expect(corpus.quoteById.get(first?.id ?? '')?.zh).toBe(first?.text.zh);
  });
});
