import type { types } from '@slack/bolt';
import { DateTime } from 'luxon';
import type { Translator } from '../../i18n/translator.js';
import { escapeMrkdwn } from '../../slack/mrkdwn.js';
import type { HoursEntry } from '../../store/types.js';
import { amount, context, dayName, quoted, type Reply, section } from './words.js';

/** The words and buttons for a day's entries, and for an entry edited or deleted. */

type KnownBlock = types.KnownBlock;

export const ACTION_ENTRY_EDIT = 'hours_entry_edit';
export const ACTION_ENTRY_DELETE = 'hours_entry_delete';
/** A day list shows buttons for this many entries (Slack allows 50 blocks); the rest by number only. */
export const MAX_ENTRY_BUTTONS = 20;

/** An entry button's value: owner, entry id and its number in the day list. */
export function entryValue(userId: string, id: number, n: number): string {
  return `${userId}:${id}:${n}`;
}

export function parseEntryValue(value: string | undefined): { userId: string; id: number; n: number } | undefined {
  const match = /^([A-Z0-9]{1,32}):(\d{1,15}):(\d{1,4})$/i.exec(value ?? '');
  if (!match) return undefined;
  return { userId: match[1] as string, id: Number(match[2]), n: Number(match[3]) };
}

const loggedAt = (t: Translator, entry: HoursEntry, zone?: string) =>
  zone
    ? t.t('hours.entries.loggedAt', {
        at: DateTime.fromISO(entry.loggedAt, { zone }).setLocale(t.tag).toFormat(t.t('hours.format.weekdayTime')),
      })
    : '';

export type DayListView = { date: string; today: string; entries: HoursEntry[]; userId: string; zone?: string };

export function dayListReply(t: Translator, view: DayListView): Reply {
  const { date, entries } = view;
  const name = dayName(t, date, view.today);
  if (entries.length === 0) {
    const text = t.t('hours.entries.empty', { day: name });
    return { text, blocks: [section(text)] };
  }
  const lines = entries.map((e, i) =>
    t.t('hours.entries.line', {
      n: i + 1,
      amount: amount(t, e.minutes),
      note: quoted(t, e.note),
      at: loggedAt(t, e, view.zone),
    }),
  );
  const total = amount(
    t,
    entries.reduce((sum, e) => sum + e.minutes, 0),
  );
  return {
    text: t.t('hours.entries.text', { count: entries.length, day: name, total }),
    blocks: withButtons(t, view, lines, total),
  };
}

/** One line per entry, each with Edit and Delete (the first MAX_ENTRY_BUTTONS; the rest as text). */
function withButtons(t: Translator, view: DayListView, lines: string[], total: string): KnownBlock[] {
  const { date, entries, userId } = view;
  const blocks: KnownBlock[] = [section(t.t('hours.entries.heading', { day: dayName(t, date, view.today), total }))];
  entries.slice(0, MAX_ENTRY_BUTTONS).forEach((entry, i) => {
    const n = i + 1;
    blocks.push(section(lines[i] as string));
    blocks.push({
      type: 'actions',
      block_id: `hours_entry_${entry.id}`,
      elements: [
        {
          type: 'button',
          action_id: ACTION_ENTRY_EDIT,
          text: { type: 'plain_text', text: t.t('hours.entries.edit', { n }) },
          value: entryValue(userId, entry.id, n),
        },
        {
          type: 'button',
          action_id: ACTION_ENTRY_DELETE,
          style: 'danger',
          text: { type: 'plain_text', text: t.t('hours.entries.delete', { n }) },
          value: entryValue(userId, entry.id, n),
        },
      ],
    });
  });
  if (entries.length > MAX_ENTRY_BUTTONS) blocks.push(section(lines.slice(MAX_ENTRY_BUTTONS).join('\n')));
  blocks.push(context(t.t('hours.entries.hint', { date })));
  return blocks;
}

/**
 * What Edit answers when its form cannot open (Slack refused views.open): why, and the command to change this
 * entry, filled in, to adjust and send.
 */
export function editHintReply(t: Translator, entry: HoursEntry, n: number, today: string): Reply {
  const command = `/hours edit ${entry.workDate} ${n} ${amount(t, entry.minutes)}${entry.note ? ` ${escapeMrkdwn(entry.note)}` : ''}`;
  const text = t.t('hours.entries.editHint', {
    n,
    day: dayName(t, entry.workDate, today),
    amount: amount(t, entry.minutes),
    note: quoted(t, entry.note),
  });
  return { text, blocks: [section(`:pencil2: ${text}\n\`${command.replace(/`/g, "'")}\``)] };
}

export function editedReply(
  t: Translator,
  view: { before: HoursEntry; entry: HoursEntry; today: string; dayBefore: number; dayAfter: number },
): Reply {
  const { before, entry } = view;
  const noteOf = (note: string | null) => (note ? `“${escapeMrkdwn(note)}”` : t.t('hours.entries.noteNone'));
  const note =
    before.note !== entry.note
      ? t.t('hours.entries.noteChange', { before: noteOf(before.note), after: noteOf(entry.note) })
      : '';
  const text = t.t('hours.entries.edited', {
    day: dayName(t, entry.workDate, view.today),
    before: amount(t, before.minutes),
    after: amount(t, entry.minutes),
    note,
    dayBefore: amount(t, view.dayBefore),
    dayAfter: amount(t, view.dayAfter),
  });
  return { text, blocks: [section(`:pencil2: ${text}`)] };
}

export function deletedReply(
  t: Translator,
  view: { entry: HoursEntry; today: string; before: number; after: number },
): Reply {
  const { entry } = view;
  const text = t.t('hours.entries.deleted', {
    amount: amount(t, entry.minutes),
    note: quoted(t, entry.note),
    day: dayName(t, entry.workDate, view.today),
    before: amount(t, view.before),
    after: amount(t, view.after),
  });
  return { text, blocks: [section(`:wastebasket: ${text}`)] };
}

export function entryMissingReply(
  t: Translator,
  view: { today: string; date?: string; n?: number; count?: number },
): Reply {
  const text =
    view.date !== undefined && view.n !== undefined
      ? t.t('hours.entries.noSuch', {
          day: dayName(t, view.date, view.today),
          count: view.count ?? 0,
          n: view.n,
          date: view.date,
        })
      : t.t('hours.entries.gone');
  return { text, blocks: [section(text)] };
}

export function entryNotYoursReply(t: Translator): Reply {
  const text = t.t('hours.entries.notYours');
  return { text, blocks: [section(`:lock: ${text}`)] };
}
