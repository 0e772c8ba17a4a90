import type { ViewSubmitAction } from '@slack/bolt';
import { addDays, isCalendarDate, localDate, workDay } from '../../hours/calendar.js';
import { isLocale, type Locale } from '../../i18n/locale.js';
import type { Translator } from '../../i18n/translator.js';
import { formatHourMinute, parseHourMinute } from '../../nudges/time.js';
import { canonicalZone, isValidZone } from '../../people/zone.js';
import type { PersonKey, PersonNudge, Store } from '../../store/types.js';
import { resolveWhen } from '../hours/domain.js';
import { dayCapFor } from '../hours/entries.js';
import { parseAmount, parseNote } from '../hours/parse.js';
import { MAX_PAUSE_DAYS } from '../nudge/parse.js';
import { duration } from './format.js';
import { oldestLogDay } from './forms.js';
import { INPUT, LANGUAGE_AUTO, LOG, NUDGE, ZONE, ZONE_FROM_SLACK } from './ids.js';

/**
 * Reading and applying the Home forms. Every problem is answered under its field and changes nothing; a valid
 * form changes what it says, through the same store calls as `/hours log`, `/nudge me …` and `/hours tz`.
 */

export type FieldErrors = Record<string, string>;
export type Applied = { ok: true } | { ok: false; errors: FieldErrors };
type Values = ViewSubmitAction['view']['state']['values'];
type State = {
  value?: string | null;
  selected_date?: string | null;
  selected_time?: string | null;
  selected_option?: { value?: string } | null;
  selected_options?: Array<{ value?: string }> | null;
};

const read = (values: Values, block: string): State => (values[block]?.[INPUT] ?? {}) as State;

export type FormContext = { store: Store; person: PersonKey; now: Date; zone: string; t: Translator };

/** Log hours: an amount, a day of the last 14 (not the future), a note; added under the day's cap. */
export async function applyLog(ctx: FormContext, values: Values): Promise<Applied> {
  const { t, now, zone } = ctx;
  const today = workDay(now, zone).date;
  const oldest = oldestLogDay(today);
  const amount = parseAmount(read(values, LOG.hours).value ?? '');
  const note = parseNote(read(values, LOG.note).value ?? '');
  const date = read(values, LOG.date).selected_date ?? '';
  const errors: FieldErrors = {};
  if (!amount.ok) errors[LOG.hours] = t.t('home.log.errors.hours');
  if (!note.ok) {
    const data = note.data ?? {};
    errors[LOG.note] =
      note.code === 'note_too_long'
        ? t.t('home.log.errors.noteLong', { max: Number(data.max ?? 0), length: Number(data.length ?? 0) })
        : t.t('home.log.errors.noteLink');
  }
  if (!isCalendarDate(date)) errors[LOG.date] = t.t('home.log.errors.date');
  else if (date > today) errors[LOG.date] = t.t('home.log.errors.future', { today: t.date(today) });
  else if (date < oldest)
    errors[LOG.date] = t.t('home.log.errors.tooOld', { oldest: t.date(oldest), today: t.date(today), date });
  if (!amount.ok || !note.ok || errors[LOG.date]) return { ok: false, errors };
  // The slash command's own rule on top of the form's 14 days (the store never sees a refused date).
  const resolved = resolveWhen({ kind: 'date', date }, now, zone);
  if (!resolved.ok)
    return { ok: false, errors: { [LOG.date]: t.t('home.log.errors.future', { today: t.date(today) }) } };
  const cap = dayCapFor(date, now, zone);
  const added = await ctx.store.hours.addEntry(
    { ...ctx.person, workDate: date, minutes: amount.minutes, note: note.note, loggedAt: now.toISOString() },
    cap,
  );
  if (added.ok) return { ok: true };
  const message = t.t('home.log.errors.dayCap', {
    day: t.date(date),
    total: duration(t, added.dayMinutes + amount.minutes),
    cap: duration(t, cap),
    date,
  });
  return { ok: false, errors: { [LOG.hours]: message } };
}

export type NudgeSettings = { nudge: PersonNudge; language: Locale | null; digest: boolean };

/** Nudge settings: on/off, a time, weekends, an optional pause day, and the language. */
export function readNudge(
  ctx: Pick<FormContext, 'person' | 'now' | 'zone' | 't'>,
  values: Values,
  existing: PersonNudge | undefined,
): { ok: true; settings: NudgeSettings } | { ok: false; errors: FieldErrors } {
  const { t } = ctx;
  // A pause ends on a calendar day, as with `/nudge me pause YYYY-MM-DD`.
  const today = localDate(ctx.now, ctx.zone);
  const errors: FieldErrors = {};
  const enabled = read(values, NUDGE.enabled).selected_option?.value === 'on';
  const time = parseHourMinute(read(values, NUDGE.time).selected_time ?? '');
  if (!time) errors[NUDGE.time] = t.t('home.nudge.errors.time');
  const weekends = (read(values, NUDGE.weekends).selected_options ?? []).some((o) => o.value === 'weekends');
  const digest = (read(values, NUDGE.digest).selected_options ?? []).some((o) => o.value === 'digest');
  const pause = read(values, NUDGE.pause).selected_date ?? null;
  const limit = addDays(today, MAX_PAUSE_DAYS);
  if (pause !== null && (!isCalendarDate(pause) || pause <= today))
    errors[NUDGE.pause] = t.t('home.nudge.errors.pausePast', { today: t.date(today) });
  else if (pause !== null && pause > limit)
    errors[NUDGE.pause] = t.t('home.nudge.errors.pauseFar', { limit: t.date(limit) });
  const chosen = read(values, NUDGE.language).selected_option?.value;
  if (chosen !== LANGUAGE_AUTO && !isLocale(chosen)) errors[NUDGE.language] = t.t('home.nudge.errors.language');
  if (Object.keys(errors).length > 0 || !time) return { ok: false, errors };
  const nudge: PersonNudge = {
    ...ctx.person,
    enabled,
    time: formatHourMinute(time),
    weekends,
    resumeOn: pause,
    // A person chose this: whatever the bot had turned off by itself is theirs to decide again.
    offReason: enabled ? null : (existing?.offReason ?? null),
    updatedAt: ctx.now.toISOString(),
  };
  return { ok: true, settings: { nudge, language: isLocale(chosen) ? chosen : null, digest } };
}

/** Whether saving `next` would change anything the form shows (a form saved as it was writes nothing). */
export function nudgeChanged(existing: PersonNudge | undefined, next: PersonNudge): boolean {
  if (!existing) return next.enabled;
  return (
    existing.enabled !== next.enabled ||
    existing.time !== next.time ||
    existing.weekends !== next.weekends ||
    (existing.resumeOn ?? null) !== next.resumeOn
  );
}

/** Time zone: the Slack zone (no override) or one zone Intl knows. */
export function readZone(
  t: Translator,
  values: Values,
): { ok: true; override: string | null } | { ok: false; errors: FieldErrors } {
  const chosen = read(values, ZONE.zone).selected_option?.value ?? '';
  if (chosen === ZONE_FROM_SLACK) return { ok: true, override: null };
  if (!isValidZone(chosen)) return { ok: false, errors: { [ZONE.zone]: t.t('home.zone.errors.unknown') } };
  return { ok: true, override: canonicalZone(chosen) ?? chosen };
}
