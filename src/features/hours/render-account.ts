import type { types } from '@slack/bolt';
import { escapeMrkdwn } from '../../slack/mrkdwn.js';

/** The answers about a person's data as a whole: the export and `/hours forget`. */

type KnownBlock = types.KnownBlock;
type Reply = { text: string; blocks: KnownBlock[] };

export const ACTION_FORGET = 'hours_forget';
export const ACTION_FORGET_CANCEL = 'hours_forget_cancel';

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

export function exportInlineReply(count: number, csv: string): Reply {
  const text = `Your ${count} ${count === 1 ? 'entry' : 'entries'} as CSV (only you can see this):`;
  return { text, blocks: [section(text), section(`\`\`\`${escapeMrkdwn(csv.replace(/\r\n/g, '\n'))}\`\`\``)] };
}

export function exportEmptyReply(): Reply {
  const text = 'Nothing to export yet: your ledger is empty.';
  return { text, blocks: [section(text)] };
}

export function exportFileReply(count: number, filename: string): Reply {
  const text = `Sent your ${count} entries as \`${filename}\` to our DM. Only you can see it there.`;
  return { text, blocks: [section(`:page_facing_up: ${text}`)] };
}

export function forgetAskReply(userId: string, entries: number): Reply {
  const what = entries === 1 ? '1 entry' : `${entries} entries`;
  const text = `This deletes all your hours (${what}) and your time-zone setting, for good. There is no undo.`;
  return {
    text,
    blocks: [
      section(`:wastebasket: ${text}`),
      {
        type: 'actions',
        block_id: 'hours_forget',
        elements: [
          {
            type: 'button',
            action_id: ACTION_FORGET,
            style: 'danger',
            text: { type: 'plain_text', text: 'Delete everything' },
            value: userId,
          },
          {
            type: 'button',
            action_id: ACTION_FORGET_CANCEL,
            text: { type: 'plain_text', text: 'Keep it' },
            value: userId,
          },
        ],
      },
      context('Or type `/hours forget confirm`. `/hours export` first if you want a copy.'),
    ],
  };
}

export function forgottenReply(entries: number): Reply {
  const what = entries === 1 ? '1 entry' : `${entries} entries`;
  const text = `Forgotten. Deleted ${what} and your preferences; Lights Out keeps nothing of your ledger now.`;
  return { text, blocks: [section(`:wastebasket: ${text}`)] };
}

export function forgetKeptReply(): Reply {
  const text = 'Kept. Nothing was deleted.';
  return { text, blocks: [section(text)] };
}

export function forgetNotYoursReply(): Reply {
  const text = 'That button was for someone else, so nothing was deleted. `/hours forget` handles your own data.';
  return { text, blocks: [section(`:lock: ${text}`)] };
}
