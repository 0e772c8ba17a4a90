import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHART_COLORS } from '../../src/charts/spec.js';
import { weekChartImage } from '../../src/home/chart-file.js';
import { FakeSlack } from '../../src/local/fake-slack.js';
import { createWebClient } from '../../src/slack/web-client.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { columnSpan, decode, type Image, rowRuns } from '../charts/pixels.js';
import { BOT_TOKEN } from '../helpers/build.js';
import { captureLogs } from '../helpers/logs.js';

const TEAM = 'T0CHART';
const ada = { teamId: TEAM, userId: 'U0ADA' };
const MONDAY = '2026-11-23';
const input = { zone: 'Europe/London', locale: 'en' as const, weekStart: MONDAY };
const LOGGED = '2026-11-29T21:00:00.000Z';

let fake: FakeSlack;
let store: SqliteStore;
let logs: ReturnType<typeof captureLogs>;
let deps: Parameters<typeof weekChartImage>[0];

beforeEach(async () => {
  fake = new FakeSlack({ teamId: TEAM });
  await fake.start();
  fake.addUser({ id: ada.userId, name: 'ada', tz: 'Europe/London' });
  store = new SqliteStore(':memory:');
  logs = captureLogs();
  const client = createWebClient(BOT_TOKEN, fake.apiUrl, logs.logger, 'background');
  deps = { client, store, logger: logs.logger, now: () => new Date(LOGGED) };
});

afterEach(async () => {
  await store.close();
  await fake.stop();
});

async function log(date: string, hours: number): Promise<void> {
  const added = await store.hours.addEntry(
    { ...ada, workDate: date, minutes: hours * 60, note: null, loggedAt: LOGGED },
    1440,
  );
  expect(added.ok).toBe(true);
}

const uploads = () => fake.callsTo('files.completeUploadExternal').length;

/** The bars' runs along the row just above the baseline (the lowest row with any bar colour). */
function barRuns(image: Image): [number, number][] {
  for (let y = image.height - 1; y >= 0; y--) {
    if (rowRuns(image, y, CHART_COLORS.bar).length > 0) return rowRuns(image, y - 1, CHART_COLORS.bar);
  }
  return [];
}

/** Each bar's height in pixels, measured down the middle of each bar's column. */
function barHeights(image: Image, centres: number[]): number[] {
  return centres.map((x) => {
    const span = columnSpan(image, x, CHART_COLORS.bar);
    return span ? span.bottom - span.top + 1 : 0;
  });
}

describe('weekChartImage', () => {
  it('uploads the week’s chart into the person’s DM, where only they can see it, and its bars match the ledger', async () => {
    const hours = [9, 14, 2, 6, 12, 3, 17];
    for (const [index, h] of hours.entries()) await log(`2026-11-${23 + index}`, h);
    const image = await weekChartImage(deps, ada, input);
    expect(image?.alt).toBe('Mon 9h, Tue 14h, Wed 2h, Thu 6h, Fri 12h, Sat 3h, Sun 17h, week 63h (crunch)');
    const fileId = (image?.slackFile as { id: string } | undefined)?.id ?? '';
    expect(fake.fileFor(ada.userId, fileId)).toBeDefined();
    expect(fake.fileFor('U0SOMEONEELSE', fileId)).toBeUndefined();
    const uploaded = fake.files.find((file) => file.id === fileId);
    expect(uploaded?.filename).toBe(`lights-out-week-${MONDAY}.png`);

    const png = decode(uploaded?.content as Buffer);
    const runs = barRuns(png);
    expect(runs).toHaveLength(7);
    const heights = barHeights(
      png,
      runs.map(([from, to]) => Math.round((from + to) / 2)),
    );
    const perHour = (heights[6] as number) / 17;
    for (const [index, h] of hours.entries()) {
      expect(Math.abs((heights[index] as number) - h * perHour)).toBeLessThanOrEqual(2);
    }
  });

  it('uploads again only when the picture changed: same week twice, once; a new entry, once more', async () => {
    await log('2026-11-24', 8);
    const first = await weekChartImage(deps, ada, input);
    const again = await weekChartImage(deps, ada, input);
    expect(uploads()).toBe(1);
    expect(again).toEqual(first);
    // Hours outside the week do not change its picture.
    await log('2026-11-30', 4);
    expect(await weekChartImage(deps, ada, input)).toEqual(first);
    expect(uploads()).toBe(1);

    await log('2026-11-25', 3);
    const changed = await weekChartImage(deps, ada, input);
    expect(uploads()).toBe(2);
    expect(changed?.slackFile).not.toEqual(first?.slackFile);
    expect(changed?.alt).toContain('Wed 3h');
    // Another language is another picture; concurrent calls for one picture share its upload.
    const both = await Promise.all([
      weekChartImage(deps, ada, { ...input, locale: 'zh' }),
      weekChartImage(deps, ada, { ...input, locale: 'zh' }),
    ]);
    expect(uploads()).toBe(3);
    expect(both[0]).toEqual(both[1]);
    expect(both[0]?.alt).toContain('周三 3小时');
  });

  it('draws an empty week (no entries) with no bars', async () => {
    const image = await weekChartImage(deps, ada, input);
    const fileId = (image?.slackFile as { id: string } | undefined)?.id;
    const uploaded = fake.files.find((file) => file.id === fileId);
    expect(barRuns(decode(uploaded?.content as Buffer))).toEqual([]);
    expect(image?.alt).toMatch(/^Mon 0h, .*week 0h \(sustainable\)$/);
  });

  it('returns undefined and logs when the upload fails, keeps nothing, and uploads on the next call', async () => {
    await log('2026-11-24', 8);
    fake.fail('files.completeUploadExternal', { kind: 'slack_error', error: 'internal_error' });
    expect(await weekChartImage(deps, ada, input)).toBeUndefined();
    expect(await store.charts.get(ada, { weekStart: MONDAY, locale: 'en' })).toBeUndefined();
    const failure = logs.records().find((record) => record.msg === 'week chart could not be drawn or uploaded');
    expect(failure).toMatchObject({ stage: 'upload', userId: ada.userId });
    expect(await weekChartImage(deps, ada, input)).toBeDefined();
  });

  it('refuses a weekStart that is not a Monday, without any Slack call', async () => {
    expect(await weekChartImage(deps, ada, { ...input, weekStart: '2026-11-24' })).toBeUndefined();
    expect(await weekChartImage(deps, ada, { ...input, weekStart: 'monday' })).toBeUndefined();
    expect(fake.calls.filter((call) => call.method.startsWith('files.'))).toEqual([]);
    const refused = logs.records().filter((record) => record.msg === 'week chart not drawn: bad input');
    expect(refused.map((record) => record.problem)).toEqual(['not_a_monday', 'not_a_monday']);
  });
});
