import type { WebClient } from '@slack/web-api';
import type { AppDeps } from '../../deps.js';
import { isoWeek, workDay } from '../../hours/calendar.js';
import { type TeamFigures, teamFigures, teamWeek } from '../../hours/team.js';
import { type ResolvedZone, resolveZone } from '../../people/zone.js';
import type { HoursEntry, PersonKey, PersonNudge } from '../../store/types.js';
import { type MonthSummary, monthRange, summarizeMonth, summarizeWeek, type WeekSummary } from '../hours/domain.js';
import { streakAsOf } from '../hours/ledger.js';

/**
 * Everything the Home tab shows for one person, read from the store with the hours domain (the same summaries
 * `/hours week`, `/hours month` and `/hours team` use). No wording here: render.ts turns it into blocks.
 */

export type QuoteOfTheDay = { id: string; text: { en: string; zh: string }; speaker: { en: string; zh: string } };

export type HomeData = {
  now: Date;
  zone: ResolvedZone;
  today: string;
  week: WeekSummary;
  month: MonthSummary;
  /** Days of this week up to today with nothing logged. */
  quiet: string[];
  todayEntries: HoursEntry[];
  team: TeamFigures;
  quote: QuoteOfTheDay | undefined;
  nudge: PersonNudge | undefined;
};

export type HomeDeps = Pick<AppDeps, 'store' | 'corpus' | 'config' | 'logger' | 'now'>;

/** The same quote for everyone all day (the person's work day), a different one the next day. */
export function quoteOfTheDay(corpus: AppDeps['corpus'], today: string): QuoteOfTheDay | undefined {
  if (corpus.quotes.length === 0) return undefined;
  const day = Math.floor(Date.parse(`${today}T00:00:00Z`) / 86_400_000);
  const quote = corpus.quotes[((day % corpus.quotes.length) + corpus.quotes.length) % corpus.quotes.length];
  if (!quote) return undefined;
  const speaker = corpus.speakerById.get(quote.speaker);
  return {
    id: quote.id,
    text: { en: quote.en, zh: quote.zh },
    speaker: { en: speaker?.name_en ?? quote.speaker, zh: speaker?.name_zh ?? speaker?.name_en ?? quote.speaker },
  };
}

/** Days of the current week, up to today, with no hours. */
export function quietDays(week: WeekSummary): string[] {
  return week.days.filter((day) => !day.future && day.minutes === 0).map((day) => day.date);
}

export async function loadHome(deps: HomeDeps, client: WebClient, person: PersonKey): Promise<HomeData> {
  const { store } = deps;
  const now = deps.now();
  // After the ack (app_home_opened is acked by Bolt; republishes run on a timer): Slack may be asked for the zone.
  const zone = await resolveZone(
    { store, client, logger: deps.logger, now: deps.now, fallbackZone: deps.config.nudge.timezone },
    person,
  );
  const today = workDay(now, zone.zone).date;
  const week = isoWeek(today);
  const month = monthRange(today);
  // One read covers the month view and this week (the month range ends with the current week).
  const totals = await store.hours.dailyTotals(person, month.from, month.to);
  const streak = await streakAsOf(store, person, today);
  const team = teamWeek(today);
  const [teamTotals, todayEntries, nudge] = await Promise.all([
    store.hours.teamTotals(person.teamId, team.from, team.to, person.userId),
    store.hours.entriesOn(person, today),
    store.nudges.getPerson(person),
  ]);
  const weekSummary = summarizeWeek(week, totals, today, streak);
  return {
    now,
    zone,
    today,
    week: weekSummary,
    month: summarizeMonth(totals, today),
    quiet: quietDays(weekSummary),
    todayEntries,
    team: teamFigures(teamTotals, team),
    quote: quoteOfTheDay(deps.corpus, today),
    nudge,
  };
}

/** The ISO week's Monday, for the chart (its cache is keyed by person and week content). */
export const weekStartOf = (data: HomeData): string => data.week.range.from;
