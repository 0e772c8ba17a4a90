import { randomBytes } from 'node:crypto';
import type { App, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { type Translator, translator } from '../../i18n/translator.js';
import type { Logger } from '../../logger.js';
import type { PersonKey, Store } from '../../store/types.js';
import { type EntryContext, tryEdit } from './entries.js';
import { parseAmount, parseNote } from './parse.js';
import type { Reply } from './render.js';
import {
  BLOCK_AMOUNT,
  BLOCK_NOTE,
  type EditMetadata,
  entryGoneFieldText,
  fieldText,
  INPUT_AMOUNT,
  INPUT_NOTE,
  parseEditMetadata,
  VIEW_ENTRY_EDIT,
} from './render-modal.js';
import { problemText } from './render-problems.js';

/**
 * The Edit modal's submission. Problems answer under their field (`response_action: 'errors'`) and change
 * nothing; a saved edit closes the modal and answers privately where the Edit button was pressed.
 */

type FieldErrors = Record<string, string>;
type Submitted = { metadata: EditMetadata; minutes: number; note: string | null } | { errors: FieldErrors };

type EditDeps = {
  store: Store;
  logger: Logger;
  now: () => Date;
  zoneOf: (person: PersonKey) => Promise<string>;
  /** The person's language: field errors and the answer are in it. */
  translatorOf: (person: PersonKey) => Promise<Translator>;
};

type Values = ViewSubmitAction['view']['state']['values'];
const inputValue = (values: Values, block: string, action: string) => values[block]?.[action]?.value ?? '';

/** The submission read with the command's own parsers: the amount and the note, or the errors per field. */
export function readSubmission(t: Translator, view: ViewSubmitAction['view']): Submitted {
  const metadata = parseEditMetadata(view.private_metadata);
  if (!metadata) return { errors: { [BLOCK_AMOUNT]: entryGoneFieldText(t) } };
  const amount = parseAmount(inputValue(view.state.values, BLOCK_AMOUNT, INPUT_AMOUNT));
  const note = parseNote(inputValue(view.state.values, BLOCK_NOTE, INPUT_NOTE));
  const errors: FieldErrors = {
    ...(amount.ok ? {} : { [BLOCK_AMOUNT]: fieldText(problemText(t, amount)) }),
    ...(note.ok ? {} : { [BLOCK_NOTE]: fieldText(problemText(t, note)) }),
  };
  if (!amount.ok || !note.ok) return { errors };
  return { metadata, minutes: amount.minutes, note: note.note };
}

function submitter(body: ViewSubmitAction): PersonKey {
  const teamId = body.team?.id ?? body.user.team_id;
  if (!teamId) throw new Error('view submission without a team id');
  return { teamId, userId: body.user.id };
}

/** Answers privately: through the Edit button's response_url, else as an ephemeral in its channel. */
async function answer(client: WebClient, person: PersonKey, metadata: EditMetadata, reply: Reply): Promise<void> {
  if (metadata.responseUrl) {
    const res = await fetch(metadata.responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...reply }),
    });
    if (res.ok) return;
    if (!metadata.channelId) throw new Error(`response_url answered ${res.status}`);
  }
  if (!metadata.channelId) throw new Error('nowhere to answer an edit: no response_url and no channel');
  await client.chat.postEphemeral({ channel: metadata.channelId, user: person.userId, ...reply });
}

/** Applies a submission; returns the field errors to show, or the answer to post after closing the modal. */
async function submit(
  deps: EditDeps,
  t: Translator,
  person: PersonKey,
  submitted: Submitted,
): Promise<{ errors: FieldErrors } | { reply: Reply; metadata: EditMetadata }> {
  if ('errors' in submitted) return { errors: submitted.errors };
  const { metadata } = submitted;
  // The store is keyed by the submitter: someone else's entry id matches nothing of theirs.
  const entry = await deps.store.hours.getEntry(person, metadata.id);
  if (!entry) return { errors: { [BLOCK_AMOUNT]: entryGoneFieldText(t) } };
  const ctx: EntryContext = { store: deps.store, person, now: deps.now(), zone: await deps.zoneOf(person), t };
  const outcome = await tryEdit(ctx, entry.id, entry.workDate, { minutes: submitted.minutes, note: submitted.note });
  if (outcome.kind === 'edited') return { reply: outcome.reply, metadata };
  return {
    errors: { [BLOCK_AMOUNT]: fieldText(outcome.kind === 'missing' ? entryGoneFieldText(t) : outcome.reply.text) },
  };
}

export function onEditSubmission(app: App, deps: EditDeps): void {
  app.view<ViewSubmitAction>({ callback_id: VIEW_ENTRY_EDIT, type: 'view_submission' }, async (args) => {
    const { body, client } = args;
    let acked = false;
    let t: Translator | undefined;
    const context = { view: VIEW_ENTRY_EDIT, teamId: body.team?.id, userId: body.user.id };
    try {
      const person = submitter(body);
      t = await deps.translatorOf(person);
      const result = await submit(deps, t, person, readSubmission(t, body.view));
      acked = true;
      if ('errors' in result) {
        await args.ack({ response_action: 'errors', errors: result.errors });
        return;
      }
      await args.ack(); // closes the modal
      await answer(client, person, result.metadata, result.reply);
    } catch (error) {
      const errorId = randomBytes(4).toString('hex');
      deps.logger.error({ err: error, errorId, ...context }, 'the edit form failed');
      if (acked) return;
      const text = (t ?? translator('en')).t('hours.modal.saveFailed', { errorId });
      await args.ack({ response_action: 'errors', errors: { [BLOCK_AMOUNT]: text } });
    }
  });
}
