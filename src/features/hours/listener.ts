import type { ButtonAction, RespondArguments } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { AppDeps } from '../../deps.js';
import { workDay } from '../../hours/calendar.js';
import { personTranslator } from '../../i18n/resolve.js';
import type { Translator } from '../../i18n/translator.js';
import { cachedZone, resolveZone } from '../../people/zone.js';
import { type ButtonArgs, onButton, onCommand } from '../../slack/listen.js';
import type { PersonKey } from '../../store/types.js';
import type { Feature } from '../index.js';
import { onEditSubmission } from './edit-modal.js';
import { deleteEntry } from './entries.js';
import { dayMinutes, execute, needsZone, type Outcome, prepare } from './ledger.js';
import { parseHours } from './parse.js';
import {
  ACTION_DAY,
  ACTION_FORGET,
  ACTION_FORGET_CANCEL,
  ACTION_UNDO,
  exportFileReply,
  exportFileWords,
  forgetKeptReply,
  forgetNotYoursReply,
  forgottenReply,
  parseDayValue,
  parseUndoValue,
  problemReply,
  type Reply,
  undoGoneReply,
  undoNotYoursReply,
  undoneReply,
} from './render.js';
import {
  ACTION_ENTRY_DELETE,
  ACTION_ENTRY_EDIT,
  dayListReply,
  editHintReply,
  entryMissingReply,
  entryNotYoursReply,
  parseEntryValue,
} from './render-entries.js';
import { editEntryView } from './render-modal.js';

/**
 * `/hours` and its buttons. Every answer is ephemeral. Store-only answers go in the ack; when the person's zone
 * must come from Slack (users.info), the ack goes out empty first and the answer follows through response_url.
 */

const ephemeral = (reply: Reply): RespondArguments => ({ response_type: 'ephemeral', ...reply });
const replacing = (reply: Reply): RespondArguments => ({
  response_type: 'ephemeral',
  replace_original: true,
  ...reply,
});
const besides = (reply: Reply): RespondArguments => ({ response_type: 'ephemeral', replace_original: false, ...reply });

/** Sends a large export to the person's DM as a CSV file (getUploadURLExternal → upload → complete). */
async function sendExport(
  t: Translator,
  client: WebClient,
  person: PersonKey,
  file: Extract<Outcome, { kind: 'file' }>,
) {
  const opened = await client.conversations.open({ users: person.userId });
  const channelId = opened.channel?.id;
  if (!channelId) throw new Error('conversations.open returned no channel');
  const words = exportFileWords(t, file.count);
  await client.files.uploadV2({
    channel_id: channelId,
    file: Buffer.from(file.csv, 'utf8'),
    filename: file.filename,
    title: words.title,
    initial_comment: words.comment,
  });
}

function presser(body: ButtonArgs['body']): PersonKey {
  const teamId = body.team?.id ?? body.user.team_id;
  if (!teamId) throw new Error('button press without a team id');
  return { teamId, userId: body.user.id };
}

const buttonValue = (args: ButtonArgs) => (args.action as ButtonAction).value;

export const hoursFeature: Feature = (app, deps: AppDeps) => {
  const { store, logger, config } = deps;
  const fallbackZone = config.nudge.timezone;

  onCommand(app, logger, '/hours', async (args, ack) => {
    const { command, client } = args;
    const person: PersonKey = { teamId: command.team_id, userId: command.user_id };
    const t = await personTranslator(deps, person);
    const parsed = parseHours(command.text ?? '');
    if (!parsed.ok) {
      await ack(ephemeral(problemReply(t, parsed)));
      return;
    }
    const now = deps.now();
    const ctx = { store, person, now, t, relanguage: () => personTranslator(deps, person) };
    await prepare(ctx, parsed.command);

    if (!needsZone(parsed.command)) {
      const outcome = await execute(ctx, parsed.command);
      if (outcome.kind === 'reply') {
        await ack(ephemeral(outcome.reply));
        return;
      }
      await ack();
      await sendExport(t, client, person, outcome);
      await args.respond(ephemeral(exportFileReply(t, outcome.count, outcome.filename)));
      return;
    }

    const cached = await cachedZone({ store, now: deps.now, fallbackZone }, person);
    if (cached.source === 'override' || !cached.stale) {
      // Fast path: the entry is written before the ack, so an acknowledged entry is durable.
      const outcome = await execute({ ...ctx, zone: cached }, parsed.command);
      if (outcome.kind === 'reply') await ack(ephemeral(outcome.reply));
      return;
    }
    // Slow path: Slack must tell us the zone. Ack first (no Web API call may precede it), then answer.
    await ack();
    const zone = await resolveZone({ store, client, logger, now: deps.now, fallbackZone }, person);
    // users.info also brought the person's Slack locale: a newcomer's first answer is already in their language.
    const outcome = await execute({ ...ctx, t: await personTranslator(deps, person), zone }, parsed.command);
    if (outcome.kind === 'reply') await args.respond(ephemeral(outcome.reply));
  });

  onButton(app, logger, ACTION_UNDO, async (args, ack) => {
    await ack();
    const who = presser(args.body);
    const t = await personTranslator(deps, who);
    const target = parseUndoValue(buttonValue(args));
    if (!target || target.userId !== who.userId) {
      await args.respond(besides(undoNotYoursReply(t)));
      return;
    }
    // The store only removes the entry if it belongs to the presser, whatever the button says.
    const removed = await store.hours.removeEntry(who, target.entryId);
    if (!removed) {
      await args.respond(besides(undoGoneReply(t)));
      return;
    }
    await args.respond(replacing(undoneReply(t, removed, await dayMinutes(store, who, removed.workDate))));
  });

  /** The presser's zone from the store alone: a button needs today's date, never a Slack call before answering. */
  const zoneOf = async (who: PersonKey) => (await cachedZone({ store, now: deps.now, fallbackZone }, who)).zone;

  onButton(app, logger, new RegExp(`^${ACTION_DAY}_`), async (args, ack) => {
    await ack();
    const who = presser(args.body);
    const t = await personTranslator(deps, who);
    const target = parseDayValue(buttonValue(args));
    if (!target || target.userId !== who.userId) {
      await args.respond(besides(entryNotYoursReply(t)));
      return;
    }
    const zone = await zoneOf(who);
    const entries = await store.hours.entriesOn(who, target.date);
    const today = workDay(deps.now(), zone).date;
    await args.respond(besides(dayListReply(t, { date: target.date, today, entries, userId: who.userId, zone })));
  });

  /** Edit opens a form with the entry's amount and note; if Slack refuses it, the command to send instead. */
  onButton(app, logger, ACTION_ENTRY_EDIT, async (args, ack) => {
    await ack();
    const who = presser(args.body);
    const t = await personTranslator(deps, who);
    const target = parseEntryValue(buttonValue(args));
    if (!target || target.userId !== who.userId) {
      await args.respond(besides(entryNotYoursReply(t)));
      return;
    }
    const today = workDay(deps.now(), await zoneOf(who)).date;
    // Find the entry among the presser's own (the store is keyed by person, so no one else's can match).
    const entry = await store.hours.getEntry(who, target.id);
    if (!entry) {
      await args.respond(besides(entryMissingReply(t, { today })));
      return;
    }
    const { body } = args;
    const metadata = {
      userId: who.userId,
      id: entry.id,
      n: target.n,
      ...(body.response_url ? { responseUrl: body.response_url } : {}),
      ...(body.channel?.id ? { channelId: body.channel.id } : {}),
    };
    try {
      await args.client.views.open({
        trigger_id: body.trigger_id,
        view: editEntryView(t, entry, target.n, today, metadata),
      });
    } catch (error) {
      logger.warn({ err: error, teamId: who.teamId, userId: who.userId }, 'views.open failed; answering the command');
      await args.respond(besides(editHintReply(t, entry, target.n, today)));
    }
  });

  onButton(app, logger, ACTION_ENTRY_DELETE, async (args, ack) => {
    await ack();
    const who = presser(args.body);
    const t = await personTranslator(deps, who);
    const target = parseEntryValue(buttonValue(args));
    if (!target || target.userId !== who.userId) {
      await args.respond(besides(entryNotYoursReply(t)));
      return;
    }
    const reply = await deleteEntry({ store, person: who, now: deps.now(), zone: await zoneOf(who), t }, target.id);
    await args.respond(replacing(reply));
  });

  onEditSubmission(app, { store, logger, now: deps.now, zoneOf, translatorOf: (who) => personTranslator(deps, who) });

  onButton(app, logger, ACTION_FORGET, async (args, ack) => {
    await ack();
    const who = presser(args.body);
    const t = await personTranslator(deps, who);
    if (buttonValue(args) !== who.userId) {
      await args.respond(besides(forgetNotYoursReply(t)));
      return;
    }
    const { entries } = await store.people.forget(who);
    await args.respond(replacing(forgottenReply(t, entries)));
  });

  onButton(app, logger, ACTION_FORGET_CANCEL, async (args, ack) => {
    await ack();
    const t = await personTranslator(deps, presser(args.body));
    await args.respond(replacing(forgetKeptReply(t)));
  });
};
