import { randomBytes } from 'node:crypto';
import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  RespondArguments,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
} from '@slack/bolt';
import type { Logger } from '../logger.js';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

const failureReply = (what: string, errorId: string): RespondArguments => ({
  response_type: 'ephemeral',
  replace_original: false,
  text: `:warning: Lights Out could not finish ${what}. Nothing was changed that you were not told about; please try again in a minute. If it keeps failing, tell whoever runs the bot (error ${errorId}).`,
});

/** Runs a listener; if it throws, logs with context and tells the person privately, instead of going silent. */
async function guarded(
  logger: Logger,
  what: string,
  context: Record<string, unknown>,
  ack: (reply?: RespondArguments) => Promise<void>,
  respond: (reply: RespondArguments) => Promise<unknown>,
  run: (ack: (reply?: RespondArguments) => Promise<void>) => Promise<void>,
): Promise<void> {
  let acked = false;
  const ackOnce = async (reply?: RespondArguments) => {
    if (acked) return;
    acked = true;
    await ack(reply);
  };
  try {
    await run(ackOnce);
    // A listener that forgot to ack must not leave Slack showing a timeout error.
    await ackOnce();
  } catch (error) {
    const errorId = randomBytes(4).toString('hex');
    logger.error({ err: error, errorId, ...context }, `${what} failed`);
    const reply = failureReply(what, errorId);
    try {
      if (acked) await respond(reply);
      else await ackOnce(reply);
    } catch (replyError) {
      logger.error({ err: replyError, errorId, ...context }, `could not tell the user that ${what} failed`);
    }
  }
}

/**
 * Registers a slash command. The handler gets an `ack` it may call with the answer itself (the fastest path,
 * one HTTP round trip) or call empty before slower work that then answers through `respond`.
 */
export function onCommand(
  app: App,
  logger: Logger,
  name: string,
  handler: (args: CommandArgs, ack: (reply?: RespondArguments) => Promise<void>) => Promise<void>,
): void {
  app.command(name, async (args) => {
    const { command } = args;
    const context = { command: name, teamId: command.team_id, userId: command.user_id, channelId: command.channel_id };
    await guarded(logger, name, context, args.ack, args.respond, (ack) => handler(args, ack));
  });
}

/** Registers a button handler; same guarantees as `onCommand`. */
export function onButton(
  app: App,
  logger: Logger,
  actionId: string | RegExp,
  handler: (args: ButtonArgs, ack: () => Promise<void>) => Promise<void>,
): void {
  app.action<BlockAction>({ type: 'block_actions', action_id: actionId }, async (args) => {
    const { body } = args;
    const context = { action: String(actionId), teamId: body.team?.id, userId: body.user.id };
    await guarded(
      logger,
      'that button',
      context,
      () => args.ack(),
      args.respond,
      (ack) => handler(args, () => ack()),
    );
  });
}
