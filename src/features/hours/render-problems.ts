import { DateTime } from 'luxon';
import type { Translator } from '../../i18n/translator.js';
import { escapeMrkdwn, truncate } from '../../slack/mrkdwn.js';
import { type ExampleId, MAX_MINUTES, NOTE_MAX_CHARS, type Problem } from './parse.js';
import { amount } from './words.js';

/** The words for every `/hours` parse problem (parse.ts returns only codes and data). */

/** User text quoted back: cut short, inert in mrkdwn, and unable to break out of its code span. */
export function shown(raw: string | undefined, max = 24): string {
  return `\`${escapeMrkdwn(truncate((raw ?? '').replace(/`/g, "'").replace(/\s+/g, ' '), max))}\``;
}

/** `1/12` read both ways, as the person's language writes a day and month. */
function readings(t: Translator, data: Record<string, string | number>) {
  const [a, b] = [Number(data.first), Number(data.second)];
  const as = (month: number, dayOfMonth: number, format: 'dayMonth' | 'monthDay') =>
    DateTime.fromObject({ year: 2024, month, day: dayOfMonth }, { zone: 'UTC', locale: t.tag }).toFormat(
      t.t(`hours.format.${format}`),
    );
  return { dayFirst: as(b, a, 'dayMonth'), monthFirst: as(a, b, 'monthDay') };
}

export function problemText(t: Translator, p: Problem): string {
  const d = p.data ?? {};
  const value = shown(p.value);
  const max = amount(t, MAX_MINUTES);
  switch (p.code) {
    case 'amount_missing':
    case 'amount_scientific':
    case 'amount_unreadable':
      return t.t(`hours.problem.${p.code}`, { value, forms: t.t('hours.problem.amountForms') });
    case 'date_not_real':
    case 'date_format':
      return t.t(`hours.problem.${p.code}`, { value, forms: t.t('hours.problem.dateForms') });
    case 'amount_over_day':
    case 'amount_far_over_day':
      return t.t(`hours.problem.${p.code}`, { value, max });
    case 'amount_decimals':
      return t.t('hours.problem.amount_decimals', { value, rounded: String(d.rounded ?? '') });
    case 'amount_minutes_over_59':
      return t.t('hours.problem.amount_minutes_over_59', { value, hours: String(d.hours ?? '') });
    case 'amount_minutes_word':
      return t.t('hours.problem.amount_minutes_word', { value, minutes: String(d.minutes ?? '') });
    case 'note_too_long':
      return t.t('hours.problem.note_too_long', { length: Number(d.length), max: NOTE_MAX_CHARS });
    case 'date_ambiguous':
      return t.t('hours.problem.date_ambiguous', { value, ...readings(t, d) });
    case 'entry_number':
      return t.t(p.value ? 'hours.problem.entry_number' : 'hours.problem.entry_missing', { value });
    case 'amount_zero':
      // Not `amount_zero`: i18next would read that key as a plural form of `amount`.
      return t.t('hours.problem.amount_none', { value });
    case 'takes_nothing':
      return t.t('hours.problem.takes_nothing', { command: String(d.command ?? '') });
    default:
      return t.t(`hours.problem.${p.code}`, { value });
  }
}

/** The "try" line under a problem; `/hours help` is named once, whether or not it is the example. */
export function tryText(t: Translator, example: ExampleId): string {
  if (example === 'help') return t.t('hours.problem.tryHelp');
  return t.t('hours.problem.try', { example: t.t(`hours.example.${example}`) });
}
