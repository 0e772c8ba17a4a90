import type { types } from '@slack/bolt';
import { DateTime } from 'luxon';
import { formatDuration } from '../../hours/duration.js';
import { escapeMrkdwn } from '../../slack/mrkdwn.js';
import type { HoursEntry } from '../../store/types.js';
import { dayName, type Reply } from './render.js';

/** The words and buttons for a day's entries, and for an entry edited or deleted. */

type KnownBlock = types.KnownBlock;

export const ACTION_ENTRY_EDIT = 'hours_entry_edit';
export const ACTION_ENTRY_DELETE = 'hours_entry_delete';
/** A day list shows buttons for this many entries (Slack allows 50 blocks); the rest by number only. */
export const MAX_ENTRY_BUTTONS = 20;

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
const amount = formatDuration;
const quoted = (note: string | null) => (note ? ` — “${escapeMrkdwn(note)}”` : '');

/** An entry button's value: owner, entry id and its number in the day list. */
export function entryValue(userId: string, id: number, n: number): string {
  return `${userId}:${id}:${n}`;
}

export function parseEntryValue(value: string | undefined): { userId: string; id: number; n: number } | undefined {
  const match = /^([A-Z0-9]{1,32}):(\d{1,15}):(\d{1,4})$/i.exec(value ?? '');
  if (!match) return undefined;
  return { userId: match[1] as string, id: Number(match[2]), n: Number(match[3]) };
}

const loggedAt = (entry: HoursEntry, zone?: string) =>
  zone ? ` · logged ${DateTime.fromISO(entry.loggedAt, { zone }).toFormat('ccc HH:mm')}` : '';

export type DayListView = { date: string; today: string; entries: HoursEntry[]; userId: string; zone?: string };

export function dayListReply(view: DayListView): Reply {
  const { date, entries } = view;
  const name = dayName(date, view.today);
  if (entries.length === 0) {
    const text = `Nothing logged for ${name}.`;
    return { text, blocks: [section(text)] };
  }
  const lines = entries.map((e, i) => `${i + 1}. *${amount(e.minutes)}*${quoted(e.note)}${loggedAt(e, view.zone)}`);
  const total = entries.reduce((sum, e) => sum + e.minutes, 0);
  return { text: `${entries.length} entries for ${name}: ${amount(total)}.`, blocks: withButtons(view, lines) };
}

/** One line per entry, each with Edit and Delete (the first MAX_ENTRY_BUTTONS; the rest as text). */
function withButtons(view: DayListView, lines: string[]): KnownBlock[] {
  const { date, entries, userId } = view;
  const name = dayName(date, view.today);
  const total = entries.reduce((sum, e) => sum + e.minutes, 0);
  const blocks: KnownBlock[] = [section(`*Entries for ${name}* · ${amount(total)}`)];
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
          text: { type: 'plain_text', text: `Edit ${n}` },
          value: entryValue(userId, entry.id, n),
        },
        {
          type: 'button',
          action_id: ACTION_ENTRY_DELETE,
          style: 'danger',
          text: { type: 'plain_text', text: `Delete ${n}` },
          value: entryValue(userId, entry.id, n),
        },
      ],
    });
  });
  if (entries.length > MAX_ENTRY_BUTTONS) blocks.push(section(lines.slice(MAX_ENTRY_BUTTONS).join('\n')));
  blocks.push(
    context(
      `Or type \`/hours edit ${date} <n> <amount> [note]\` or \`/hours delete ${date} <n>\`. A new note replaces the old one; without one, the note stays.`,
    ),
  );
  return blocks;
}

/**
 * What Edit answers when its form cannot open (Slack refused views.open): why, and the command to change this
 * entry, filled in, to adjust and send.
 */
export function editHintReply(entry: HoursEntry, n: number, today: string): Reply {
  const command = `/hours edit ${entry.workDate} ${n} ${amount(entry.minutes)}${entry.note ? ` ${escapeMrkdwn(entry.note)}` : ''}`;
  const text = `The edit form did not open, so nothing changed. To change entry ${n} of ${dayName(entry.workDate, today)} (${amount(entry.minutes)}${quoted(entry.note)}), send this with the new amount or note:`;
  return { text, blocks: [section(`:pencil2: ${text}\n\`${command.replace(/`/g, "'")}\``)] };
}

export function editedReply(view: {
  before: HoursEntry;
  entry: HoursEntry;
  today: string;
  dayBefore: number;
  dayAfter: number;
}): Reply {
  const { before, entry } = view;
  const name = dayName(entry.workDate, view.today);
  const note =
    before.note !== entry.note
      ? ` Note: ${quoted(before.note).slice(3) || 'none'} → ${quoted(entry.note).slice(3) || 'none'}.`
      : '';
  const text = `Changed an entry of ${name}: ${amount(before.minutes)} → *${amount(entry.minutes)}*.${note} Day: ${amount(view.dayBefore)} → *${amount(view.dayAfter)}*.`;
  return { text, blocks: [section(`:pencil2: ${text}`)] };
}

export function deletedReply(view: { entry: HoursEntry; today: string; before: number; after: number }): Reply {
  const { entry } = view;
  const text = `Deleted ${amount(entry.minutes)}${quoted(entry.note)} from ${dayName(entry.workDate, view.today)}. Day: ${amount(view.before)} → *${amount(view.after)}*.`;
  return { text, blocks: [section(`:wastebasket: ${text}`)] };
}

export function entryMissingReply(view: { today: string; date?: string; n?: number; count?: number }): Reply {
  const text =
    view.date !== undefined && view.n !== undefined
      ? `${dayName(view.date, view.today)} has ${view.count === 1 ? '1 entry' : `${view.count ?? 0} entries`}, so there is no entry ${view.n}. Nothing changed. \`/hours day ${view.date}\` lists them.`
      : 'That entry is already gone (deleted, undone or forgotten earlier), or it is not yours. Nothing changed.';
  return { text, blocks: [section(text)] };
}

export function entryNotYoursReply(): Reply {
  const text = "Those buttons belong to someone else's entries, so nothing changed.";
  return { text, blocks: [section(`:lock: ${text}`)] };
}
