import type { WebClient } from '@slack/web-api';
import { weekChartAlt } from '../charts/alt.js';
import { type ChartLocale, WEEK_CHART_LABELS } from '../charts/labels.js';
import { renderWeekChart, weekChartCacheKey } from '../charts/render.js';
import type { ChartWeek } from '../charts/spec.js';
import { addDays, datesIn, isCalendarDate, isoWeek } from '../hours/calendar.js';
import type { Logger } from '../logger.js';
import type { PersonKey, Store } from '../store/types.js';

/**
 * A person's week chart as a Slack file an image block can show (`slack_file`), uploaded only when the picture
 * changed: the store keeps, per person, week and language, the cache key of the last upload and its file id.
 *
 * Where it goes: the person's DM with the bot. An image block's `slack_file` must be a file the viewer can see;
 * a file uploaded with no channel is private to the bot, and Slack refuses it in blocks shown to anyone else
 * ("invalid slack file"). Shared into their own DM, only that person (and the bot) can see it. The price is that
 * each new picture also appears once in that DM, which is why nothing here uploads an unchanged one.
 *
 * Never call this on an ack path: a first render and an upload take well over Slack's 3 s in the worst case.
 */

export type ChartFileDeps = { client: WebClient; store: Store; logger: Logger; now: () => Date };
/** `weekStart`: the Monday of the week, as the person's work days count it in `zone` (calendar.ts). */
export type ChartFileInput = { zone: string; locale: ChartLocale; weekStart: string };
export type ChartImage = { slackFile: { id: string } | { url: string }; alt: string };

/** The seven days of the ISO week starting `weekStart`, from the ledger (days without entries are 0). */
export async function readChartWeek(store: Store, person: PersonKey, weekStart: string): Promise<ChartWeek> {
  const week = { from: weekStart, to: addDays(weekStart, 6) };
  const totals = new Map((await store.hours.dailyTotals(person, week.from, week.to)).map((t) => [t.date, t.minutes]));
  return { days: datesIn(week).map((date) => ({ date, minutes: totals.get(date) ?? 0 })) };
}

/** Why the input cannot be drawn (a log field), or undefined. */
function checkInput(input: ChartFileInput): string | undefined {
  if (!isCalendarDate(input.weekStart) || isoWeek(input.weekStart).from !== input.weekStart) return 'not_a_monday';
  if (!(input.locale in WEEK_CHART_LABELS)) return 'unknown_locale';
  return undefined;
}

/** The first file id (and its url_private) in files.uploadV2's answer: { files: [{ files: [{ id }] }] }. */
export function uploadedFile(answer: unknown): { id: string; url: string | null } | undefined {
  const completions = (answer as { files?: unknown[] } | undefined)?.files ?? [];
  for (const completion of completions) {
    const inner = (completion as { files?: unknown[] }).files ?? [completion];
    for (const file of inner) {
      const { id, url_private: url } = file as { id?: unknown; url_private?: unknown };
      if (typeof id === 'string' && id) return { id, url: typeof url === 'string' ? url : null };
    }
  }
  return undefined;
}

async function upload(deps: ChartFileDeps, person: PersonKey, png: Buffer, alt: string, weekStart: string) {
  const opened = await deps.client.conversations.open({ users: person.userId });
  const channelId = opened.channel?.id;
  if (!channelId) throw new Error('conversations.open returned no channel');
  const answer = await deps.client.files.uploadV2({
    channel_id: channelId,
    file: png,
    filename: `lights-out-week-${weekStart}.png`,
    title: alt,
    alt_text: alt,
  });
  const file = uploadedFile(answer);
  if (!file) throw new Error('files.uploadV2 answered without a file id');
  return file;
}

/** Calls for the same picture share one render and upload (a Home refresh racing the digest, say). */
const inFlight = new Map<string, Promise<ChartImage | undefined>>();

export function weekChartImage(
  deps: ChartFileDeps,
  person: PersonKey,
  input: ChartFileInput,
): Promise<ChartImage | undefined> {
  const key = `${person.teamId}:${person.userId}:${input.weekStart}:${input.locale}`;
  const running = inFlight.get(key);
  if (running) return running;
  const run = chartImage(deps, person, input).finally(() => inFlight.delete(key));
  inFlight.set(key, run);
  return run;
}

async function chartImage(deps: ChartFileDeps, person: PersonKey, input: ChartFileInput) {
  const { store, logger } = deps;
  const { teamId, userId } = person;
  const context = { teamId, userId, zone: input.zone, weekStart: input.weekStart, locale: input.locale };
  const problem = checkInput(input);
  if (problem) {
    logger.error({ ...context, problem }, 'week chart not drawn: bad input');
    return undefined;
  }
  let stage = 'read';
  try {
    const week = await readChartWeek(store, person, input.weekStart);
    const options = { locale: input.locale };
    const cacheKey = weekChartCacheKey(week, options);
    const alt = weekChartAlt(week, WEEK_CHART_LABELS[input.locale]);
    const slot = { weekStart: input.weekStart, locale: input.locale };
    const cached = await store.charts.get(person, slot);
    if (cached?.cacheKey === cacheKey) return { slackFile: { id: cached.fileId }, alt };
    stage = 'render';
    const chart = await renderWeekChart(week, options);
    stage = 'upload';
    const file = await upload(deps, person, chart.png, alt, input.weekStart);
    stage = 'save';
    const uploadedAt = deps.now().toISOString();
    await store.charts.save({ ...person, ...slot, cacheKey, fileId: file.id, fileUrl: file.url, uploadedAt });
    logger.debug({ ...context, fileId: file.id, bytes: chart.png.length }, 'week chart uploaded');
    return { slackFile: { id: file.id }, alt };
  } catch (error) {
    logger.error({ ...context, err: error, stage }, 'week chart could not be drawn or uploaded');
    return undefined;
  }
}
