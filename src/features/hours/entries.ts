import { isoWeek, minutesPassedIn, workDay } from '../../hours/calendar.js';
import { type Translator, translator } from '../../i18n/translator.js';
import type { HoursEntry, PersonKey, Store } from '../../store/types.js';
import { resolveWhen } from './domain.js';
import { type HoursCommand, MAX_MINUTES } from './parse.js';
import type { Reply } from './render.js';
import { dateRefusedReply, dayCapReply } from './render.js';
import { dayListReply, deletedReply, editedReply, entryMissingReply } from './render-entries.js';

/**
 * Fixing any entry, not only the last: a day's entries, numbered in the order they were logged, and edits or
 * deletions by that number (commands) or by id (buttons, which carry the owner and are checked on every press).
 */

/** `t`: the person's language (English when not given). */
export type EntryContext = { store: Store; person: PersonKey; now: Date; zone: string; t?: Translator };

const speaker = (ctx: EntryContext): Translator => ctx.t ?? translator('en');

/**
 * What a day can hold: the time that has passed in it (for today, since it began at 05:00; for a past day its
 * whole length, 23h on a spring-forward day), and never more than 24h.
 */
export function dayCapFor(date: string, now: Date, zone: string): number {
  return Math.min(MAX_MINUTES, minutesPassedIn(date, now, zone));
}

export async function weekTotal(store: Store, person: PersonKey, date: string): Promise<number> {
  const week = isoWeek(date);
  const days = await store.hours.dailyTotals(person, week.from, week.to);
  return days.reduce((sum, d) => sum + d.minutes, 0);
}

const sum = (entries: HoursEntry[]) => entries.reduce((total, e) => total + e.minutes, 0);

type FixCommand = Extract<HoursCommand, { kind: 'day' | 'edit' | 'delete' }>;

export async function fixEntry(ctx: EntryContext, command: FixCommand): Promise<Reply> {
  const { store, person, now, zone } = ctx;
  const t = speaker(ctx);
  const resolved = resolveWhen(command.when, now, zone);
  if (!resolved.ok) return dateRefusedReply(t, resolved.reason, resolved.date, resolved.limit);
  const date = resolved.date;
  const entries = await store.hours.entriesOn(person, date);
  if (command.kind === 'day')
    return dayListReply(t, { date, today: resolved.today, entries, userId: person.userId, zone });
  const target = entries[command.n - 1];
  if (!target) return entryMissingReply(t, { date, today: resolved.today, n: command.n, count: entries.length });
  if (command.kind === 'delete') return deleteEntry(ctx, target.id);
  const change = { minutes: command.minutes, ...(command.note !== undefined ? { note: command.note } : {}) };
  return editEntry(ctx, target.id, date, change);
}

/** Deletes one of the person's entries by id (the store checks the owner); undefined if it is gone. */
export async function deleteEntry(ctx: EntryContext, id: number): Promise<Reply> {
  const { store, person, now, zone } = ctx;
  const t = speaker(ctx);
  const today = workDay(now, zone).date;
  const removed = await store.hours.removeEntry(person, id);
  if (!removed) return entryMissingReply(t, { today });
  const after = sum(await store.hours.entriesOn(person, removed.workDate));
  return deletedReply(t, { entry: removed, today, before: after + removed.minutes, after });
}

/** An edit's outcome: done, the entry gone (or not the person's), or over the day's cap; each with its answer. */
export type EditOutcome = { kind: 'edited' | 'missing' | 'day_cap'; reply: Reply };

/** Changes one of the person's entries on `date`, within that day's cap; the answer shows the day before and after. */
export async function editEntry(
  ctx: EntryContext,
  id: number,
  date: string,
  change: { minutes: number; note?: string | null },
): Promise<Reply> {
  return (await tryEdit(ctx, id, date, change)).reply;
}

/** editEntry, saying which way it went (the Edit modal answers a problem under its field). */
export async function tryEdit(
  ctx: EntryContext,
  id: number,
  date: string,
  change: { minutes: number; note?: string | null },
): Promise<EditOutcome> {
  const { store, person, now, zone } = ctx;
  const t = speaker(ctx);
  const today = workDay(now, zone).date;
  const cap = dayCapFor(date, now, zone);
  const result = await store.hours.updateEntry(person, id, change, cap);
  if (!result.ok && result.reason === 'not_found') return { kind: 'missing', reply: entryMissingReply(t, { today }) };
  if (!result.ok) {
    const date = result.before.workDate;
    const reply = dayCapReply(t, {
      date,
      today,
      dayMinutes: result.dayMinutes,
      minutes: change.minutes,
      cap,
      verb: 'make',
    });
    return { kind: 'day_cap', reply };
  }
  const after = result.dayMinutes;
  const reply = editedReply(t, {
    before: result.before,
    entry: result.entry,
    today,
    dayBefore: after - result.entry.minutes + result.before.minutes,
    dayAfter: after,
  });
  return { kind: 'edited', reply };
}
