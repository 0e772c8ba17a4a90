import { bandFor } from '../../hours/bands.js';
import { workDay } from '../../hours/calendar.js';
import { teamFigures, teamWeek } from '../../hours/team.js';
import { type Translator, translator } from '../../i18n/translator.js';
import { canonicalZone, isValidZone, type ResolvedZone } from '../../people/zone.js';
import type { PersonKey, Store } from '../../store/types.js';
import { entriesToCsv } from './csv.js';
import {
  currentStreak,
  monthRange,
  resolveWhen,
  streakQueryRange,
  summarizeMonth,
  summarizeWeek,
  weekFor,
  weekQueryRange,
} from './domain.js';
import { dayCapFor, fixEntry, weekTotal } from './entries.js';
import type { HoursCommand } from './parse.js';
import {
  dateRefusedReply,
  dayCapReply,
  exportEmptyReply,
  exportInlineReply,
  forgetAskReply,
  forgottenReply,
  helpReply,
  langReply,
  loggedReply,
  monthReply,
  nothingToUndoReply,
  type Reply,
  teamReply,
  undoneReply,
  unknownZoneReply,
  weekReply,
  zoneReply,
  zoneSetReply,
} from './render.js';

/**
 * Runs a parsed `/hours` command against the store and says what to answer. No Slack here: the listener decides
 * how to deliver (in the ack, through response_url, or as a file).
 */

/**
 * `t` is the person's language (English when not given). `relanguage` gives the language that applies once
 * `/hours lang auto` dropped their choice (their Slack locale); the listener supplies it.
 */
export type LedgerContext = {
  store: Store;
  person: PersonKey;
  now: Date;
  t?: Translator;
  relanguage?: () => Promise<Translator>;
};
/** Commands that need the person's zone get it resolved first (see `needsZone`). */
export type ZonedContext = LedgerContext & { zone: ResolvedZone };

export type Outcome = { kind: 'reply'; reply: Reply } | { kind: 'file'; csv: string; count: number; filename: string };

/** Exports this small are shown in the answer; larger ones go to the person's DM as a file. */
export const INLINE_EXPORT_MAX_ENTRIES = 30;
/** Slack refuses a section whose text is longer than this. */
export const SECTION_MAX_CHARS = 3000;

/** Whether every section of `r` is within `max` characters, as Slack counts them (UTF-16 units, to be safe). */
export function sectionsFit(r: Reply, max: number): boolean {
  return r.blocks.every((block) => block.type !== 'section' || (block.text?.text.length ?? 0) <= max);
}

export function needsZone(command: HoursCommand): boolean {
  switch (command.kind) {
    case 'log':
    case 'day':
    case 'edit':
    case 'delete':
    case 'week':
    case 'month':
    case 'team':
      return true;
    case 'tz':
      return command.action.kind !== 'set';
    default:
      return false;
  }
}

/**
 * Store-only work that must happen before the zone is resolved: `/hours tz reset` drops the override first, so
 * the zone then resolved (and shown) is the one that applies from now on.
 */
export async function prepare(ctx: LedgerContext, command: HoursCommand): Promise<void> {
  if (command.kind === 'tz' && command.action.kind === 'clear') {
    await ctx.store.people.setTimezoneOverride(ctx.person, null);
  }
}

const reply = (r: Reply): Outcome => ({ kind: 'reply', reply: r });

export async function execute(ctx: LedgerContext | ZonedContext, command: HoursCommand): Promise<Outcome> {
  const { store, person, now } = ctx;
  const t = ctx.t ?? translator('en');
  const zoned = () => {
    if (!('zone' in ctx)) throw new Error(`/hours ${command.kind} needs the person's time zone`);
    return ctx.zone.zone;
  };
  switch (command.kind) {
    case 'log': {
      const zone = zoned();
      const resolved = resolveWhen(command.when, now, zone);
      if (!resolved.ok) return reply(dateRefusedReply(t, resolved.reason, resolved.date, resolved.limit));
      const cap = dayCapFor(resolved.date, now, zone);
      const added = await store.hours.addEntry(
        {
          ...person,
          workDate: resolved.date,
          minutes: command.minutes,
          note: command.note,
          loggedAt: now.toISOString(),
        },
        cap,
      );
      if (!added.ok) {
        const view = {
          date: resolved.date,
          today: resolved.today,
          dayMinutes: added.dayMinutes,
          minutes: command.minutes,
        };
        return reply(dayCapReply(t, { ...view, cap }));
      }
      const weekMinutes = await weekTotal(store, person, resolved.date);
      return reply(
        loggedReply(t, {
          entry: added.entry,
          dayMinutes: added.dayMinutes,
          weekMinutes,
          band: bandFor(weekMinutes),
          nightRule: resolved.nightRule,
          today: resolved.today,
          ...(command.notedAs ? { notedAs: true } : {}),
        }),
      );
    }
    case 'day':
    case 'edit':
    case 'delete':
      return reply(await fixEntry({ store, person, now, zone: zoned(), t }, command));
    case 'week': {
      const today = workDay(now, zoned()).date;
      const week = weekFor(command.which, today);
      const range = weekQueryRange(week);
      const totals = await store.hours.dailyTotals(person, range.from, range.to);
      const current = week.from <= today && today <= week.to;
      const thisWeek = current ? undefined : await weekTotal(store, person, today);
      const streak = await streakAsOf(store, person, today);
      return reply(weekReply(t, summarizeWeek(week, totals, today, streak, thisWeek), person.userId));
    }
    case 'month': {
      const today = workDay(now, zoned()).date;
      const range = monthRange(today);
      return reply(monthReply(t, summarizeMonth(await store.hours.dailyTotals(person, range.from, range.to), today)));
    }
    case 'team': {
      // The asker's own entries are left out, and the week is a completed one: see src/hours/team.ts.
      const week = teamWeek(workDay(now, zoned()).date);
      const totals = await store.hours.teamTotals(person.teamId, week.from, week.to, person.userId);
      return reply(teamReply(t, teamFigures(totals, week)));
    }
    case 'undo': {
      const removed = await store.hours.removeLatestEntry(person);
      if (!removed) return reply(nothingToUndoReply(t));
      return reply(undoneReply(t, removed, await dayMinutes(store, person, removed.workDate)));
    }
    case 'tz': {
      const action = command.action;
      if (action.kind === 'set') {
        if (!isValidZone(action.zone)) return reply(unknownZoneReply(t, action.zone));
        const zone = canonicalZone(action.zone) ?? action.zone;
        await store.people.setTimezoneOverride(person, zone);
        return reply(zoneSetReply(t, zone, now));
      }
      if (!('zone' in ctx)) throw new Error('/hours tz needs the resolved zone');
      // For `clear`, `prepare` already dropped the override before the zone was resolved.
      return reply(zoneReply(t, ctx.zone, now, action.kind === 'clear'));
    }
    case 'export': {
      const entries = await store.hours.allEntries(person);
      if (entries.length === 0) return reply(exportEmptyReply(t));
      const csv = entriesToCsv(entries);
      const inline = exportInlineReply(t, entries.length, csv);
      // Measured on what is sent (escaped), against Slack's limit for a section's text.
      if (entries.length <= INLINE_EXPORT_MAX_ENTRIES && sectionsFit(inline, SECTION_MAX_CHARS)) return reply(inline);
      return {
        kind: 'file',
        csv,
        count: entries.length,
        filename: `lights-out-hours-${now.toISOString().slice(0, 10)}.csv`,
      };
    }
    case 'forget': {
      if (!command.confirmed) {
        return reply(forgetAskReply(t, person.userId, await store.hours.countEntries(person)));
      }
      const { entries } = await store.people.forget(person);
      return reply(forgottenReply(t, entries));
    }
    case 'help':
      return reply(helpReply(t));
    case 'lang':
      return reply(await language(ctx, t, command.action));
  }
}

/** `/hours lang`: shows the language, or sets it and answers in the new one. */
async function language(
  ctx: LedgerContext,
  t: Translator,
  action: Extract<HoursCommand, { kind: 'lang' }>['action'],
): Promise<Reply> {
  if (action.kind === 'show') return langReply(t, null, false);
  await ctx.store.people.setLocaleOverride(ctx.person, action.locale);
  const next: Translator = action.locale ? translator(action.locale) : ((await ctx.relanguage?.()) ?? t);
  return langReply(next, action.locale, true);
}

/**
 * The current 12 h streak, reading only as many recent days as the streak can span: a few rows for most
 * people, however long their history (a streak is capped at a year, as `streakQueryRange` says).
 */
export async function streakAsOf(store: Store, person: PersonKey, today: string): Promise<number> {
  const cap = streakQueryRange(today);
  for (let limit = 16; ; limit *= 4) {
    const days = (await store.hours.recentDailyTotals(person, today, limit)).filter((day) => day.date >= cap.from);
    const streak = currentStreak(days, today);
    // The run ended inside what was read (or there is nothing older): no need to read further.
    if (days.length < limit || streak < days.length - 1) return streak;
  }
}

export async function dayMinutes(store: Store, person: PersonKey, date: string): Promise<number> {
  const [total] = await store.hours.dailyTotals(person, date, date);
  return total?.minutes ?? 0;
}
