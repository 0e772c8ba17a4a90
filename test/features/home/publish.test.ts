import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { type ChartMaker, HomePublisher, MAX_REMEMBERED } from '../../../src/features/home/publish.js';
import { SqliteStore } from '../../../src/store/sqlite.js';
import type { PersonKey } from '../../../src/store/types.js';
import { testCorpus } from '../../helpers/corpus.js';
import { eventually } from '../../helpers/eventually.js';
import { captureLogs } from '../../helpers/logs.js';
import { ManualTimers } from './timers.js';

const NOW = new Date('2026-11-25T20:00:00Z');
const ada: PersonKey = { teamId: 'T0LIGHTS', userId: 'U0ADA' };

async function setUp(chart?: ChartMaker) {
  const store = new SqliteStore(':memory:', { now: () => NOW });
  await store.people.saveSlackTimezone(ada, 'America/Los_Angeles', NOW.toISOString());
  const published: Array<Record<string, unknown>> = [];
  const client = {
    views: { publish: async (args: Record<string, unknown>) => published.push(args) },
  } as unknown as WebClient;
  const deps = {
    store,
    corpus: testCorpus(),
    config: loadConfig({ SLACK_BOT_TOKEN: 'xoxb-x', SLACK_SIGNING_SECRET: 's' }),
    logger: captureLogs('silent').logger,
    now: () => NOW,
  };
  const timers = new ManualTimers();
  return {
    store,
    client,
    published,
    timers,
    publisher: new HomePublisher(deps, { timers, ...(chart ? { chart } : {}) }),
  };
}

describe('the Home publisher', () => {
  it('folds changes in a row into one publish, per person', async () => {
    const { client, published, timers, publisher } = await setUp();
    const ben = { ...ada, userId: 'U0BEN' };
    for (let i = 0; i < 3; i++) publisher.schedule(ada, client);
    publisher.schedule(ben, client);
    expect(timers.size).toBe(2);
    expect(publisher.waiting).toBe(2);
    timers.runAll();
    await eventually(() => published.length === 2 || undefined, 3000, 'two publishes');
    expect(published.map((p) => p.user_id).sort()).toEqual(['U0ADA', 'U0BEN']);
  });

  it('publishing now cancels the one waiting, and of two overlapping publishes only the newer is sent', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let charts = 0;
    const chart: ChartMaker = async () => {
      charts++;
      if (charts === 1) await gate;
      return undefined;
    };
    const { client, published, timers, publisher } = await setUp(chart);
    publisher.schedule(ada, client);
    const first = publisher.publish(ada, client);
    expect(timers.size).toBe(0);
    await eventually(() => charts === 1 || undefined, 3000, 'the first publish to reach the chart');
    await publisher.publish(ada, client);
    expect(published).toHaveLength(1);
    release();
    await first;
    expect(published).toHaveLength(1);
  });

  it('remembers a bounded set of people, forgetting the one seen longest ago', async () => {
    const { publisher } = await setUp();
    const ben = { ...ada, userId: 'U0BEN' };
    publisher.remember(ada);
    publisher.remember(ben);
    for (let i = 0; i < MAX_REMEMBERED - 2; i++) publisher.remember({ ...ada, userId: `U${i}` });
    // Ada opens Home again: she is now the most recent, so Ben is the one forgotten next.
    publisher.remember(ada);
    publisher.remember({ ...ada, userId: 'U0LAST' });
    expect(publisher.knows(ada)).toBe(true);
    expect(publisher.knows(ben)).toBe(false);
    expect(publisher.knows({ ...ada, userId: 'U0LAST' })).toBe(true);
  });
});
