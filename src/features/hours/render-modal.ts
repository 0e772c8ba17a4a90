import type { types } from '@slack/bolt';
import type { Translator } from '../../i18n/translator.js';
import { decodeSlackText, escapeMrkdwn } from '../../slack/mrkdwn.js';
import type { HoursEntry } from '../../store/types.js';
import { NOTE_MAX_CHARS } from './grammar.js';
import { amount, dayName } from './words.js';

/** The Edit modal for one entry: its view, what it carries, and the words for its field errors. */

export const VIEW_ENTRY_EDIT = 'hours_entry_edit_view';
export const BLOCK_AMOUNT = 'hours_edit_amount';
export const BLOCK_NOTE = 'hours_edit_note';
export const INPUT_AMOUNT = 'amount';
export const INPUT_NOTE = 'note';

/** What the modal carries to its submission: whose entry, which, and where to answer afterwards. */
export type EditMetadata = { userId: string; id: number; n: number; responseUrl?: string; channelId?: string };

export function editMetadata(meta: EditMetadata): string {
  return JSON.stringify(meta);
}

export function parseEditMetadata(raw: string | undefined): EditMetadata | undefined {
  try {
    const value = JSON.parse(raw ?? '') as Partial<EditMetadata>;
    if (typeof value.userId !== 'string' || !Number.isSafeInteger(value.id) || !Number.isSafeInteger(value.n))
      return undefined;
    return {
      userId: value.userId,
      id: value.id as number,
      n: value.n as number,
      ...(typeof value.responseUrl === 'string' ? { responseUrl: value.responseUrl } : {}),
      ...(typeof value.channelId === 'string' ? { channelId: value.channelId } : {}),
    };
  } catch {
    return undefined;
  }
}

/** The modal: the entry's amount and note, prefilled, to change and save. */
export function editEntryView(
  t: Translator,
  entry: HoursEntry,
  n: number,
  today: string,
  metadata: EditMetadata,
): types.ModalView {
  const day = dayName(t, entry.workDate, today);
  return {
    type: 'modal',
    callback_id: VIEW_ENTRY_EDIT,
    private_metadata: editMetadata(metadata),
    title: { type: 'plain_text', text: t.t('hours.modal.title', { n }) },
    submit: { type: 'plain_text', text: t.t('hours.modal.submit') },
    close: { type: 'plain_text', text: t.t('hours.modal.close') },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: t.t('hours.modal.intro', { n, day: escapeMrkdwn(day) }) } },
      {
        type: 'input',
        block_id: BLOCK_AMOUNT,
        label: { type: 'plain_text', text: t.t('hours.modal.amountLabel') },
        hint: { type: 'plain_text', text: t.t('hours.modal.amountHint') },
        element: {
          type: 'plain_text_input',
          action_id: INPUT_AMOUNT,
          initial_value: amount(t, entry.minutes),
          max_length: 20,
        },
      },
      {
        type: 'input',
        block_id: BLOCK_NOTE,
        optional: true,
        label: { type: 'plain_text', text: t.t('hours.modal.noteLabel') },
        hint: { type: 'plain_text', text: t.t('hours.modal.noteHint') },
        element: {
          type: 'plain_text_input',
          action_id: INPUT_NOTE,
          max_length: NOTE_MAX_CHARS * 2,
          ...(entry.note ? { initial_value: entry.note } : {}),
        },
      },
    ],
  };
}

/**
 * A field error is plain text under the field: the mrkdwn answers lose their code marks and entities there.
 */
export function fieldText(mrkdwn: string): string {
  return decodeSlackText(mrkdwn.replace(/[`*]/g, '').replace(/^:[a-z_]+: /, ''));
}

export const entryGoneFieldText = (t: Translator): string => t.t('hours.entries.gone');
