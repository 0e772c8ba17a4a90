import type { types } from '@slack/bolt';
import type { Translator } from '../../i18n/translator.js';
import { escapeMrkdwn } from '../../slack/mrkdwn.js';
import { context, type Reply, section } from './words.js';

/** The answers about a person's data as a whole: the export and `/hours forget`. */

type KnownBlock = types.KnownBlock;

export const ACTION_FORGET = 'hours_forget';
export const ACTION_FORGET_CANCEL = 'hours_forget_cancel';

export function exportInlineReply(t: Translator, count: number, csv: string): Reply {
  const text = t.t('hours.account.exportInline', { count });
  return { text, blocks: [section(text), section(`\`\`\`${escapeMrkdwn(csv.replace(/\r\n/g, '\n'))}\`\`\``)] };
}

export function exportEmptyReply(t: Translator): Reply {
  const text = t.t('hours.account.exportEmpty');
  return { text, blocks: [section(text)] };
}

export function exportFileReply(t: Translator, count: number, filename: string): Reply {
  const text = t.t('hours.account.exportFile', { count, filename });
  return { text, blocks: [section(`:page_facing_up: ${text}`)] };
}

/** The export file's title and the comment it arrives with in the DM. */
export function exportFileWords(t: Translator, count: number): { title: string; comment: string } {
  return { title: t.t('hours.account.fileTitle', { count }), comment: t.t('hours.account.fileComment', { count }) };
}

export function forgetAskReply(t: Translator, userId: string, entries: number): Reply {
  const text = t.t('hours.account.forgetAsk', { count: entries });
  const buttons: KnownBlock = {
    type: 'actions',
    block_id: 'hours_forget',
    elements: [
      {
        type: 'button',
        action_id: ACTION_FORGET,
        style: 'danger',
        text: { type: 'plain_text', text: t.t('hours.account.forgetButton') },
        value: userId,
      },
      {
        type: 'button',
        action_id: ACTION_FORGET_CANCEL,
        text: { type: 'plain_text', text: t.t('hours.account.keepButton') },
        value: userId,
      },
    ],
  };
  return {
    text,
    blocks: [section(`:wastebasket: ${text}`), buttons, context(t.t('hours.account.forgetHint'))],
  };
}

export function forgottenReply(t: Translator, entries: number): Reply {
  const text = t.t('hours.account.forgotten', { count: entries });
  return { text, blocks: [section(`:wastebasket: ${text}`)] };
}

export function forgetKeptReply(t: Translator): Reply {
  const text = t.t('hours.account.kept');
  return { text, blocks: [section(text)] };
}

export function forgetNotYoursReply(t: Translator): Reply {
  const text = t.t('hours.account.forgetNotYours');
  return { text, blocks: [section(`:lock: ${text}`)] };
}
