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

type CommandHandler = (args: CommandArgs, ack: (reply?: RespondArguments) => Promise<void>) => Promise<void>;
type ButtonHandler = (args: ButtonArgs, ack: () => Promise<void>) => Promise<void>;

/**
 * One Bolt listener for every command and one for every button, dispatching by name here. Bolt runs each
 * registered listener's middleware on every request, so nine listeners cost about a third of the bot's
 * throughput (measured with `npm run bench`); a lookup in a Map costs nothing.
 */
type Router = {
  commands: Map<string, CommandHandler>;
  buttons: Array<{ actionId: string | RegExp; handler: ButtonHandler }>;
};
const routers = new WeakMap<App, Router>();

function routerFor(app: App, logger: Logger): Router {
  let router = routers.get(app);
  if (router) return router;
  const created: Router = { commands: new Map(), buttons: [] };
  router = created;
  routers.set(app, created);

  app.command(/.*/, async (args) => {
    const { command } = args;
    const name = command.command;
    const context = { command: name, teamId: command.team_id, userId: command.user_id, channelId: command.channel_id };
    const handler = created.commands.get(name);
    await guarded(logger, name, context, args.ack, args.respond, async (ack) => {
      if (handler) return handler(args, ack);
      logger.warn(context, 'a slash command this app does not handle (is manifest.yml in step with the code?)');
      await ack({ response_type: 'ephemeral', text: `Lights Out does not know ${name}. Try /hours help.` });
    });
  });

  app.action<BlockAction>({ type: 'block_actions' }, async (args) => {
    const { body } = args;
    const actionId = args.action.action_id;
    const route = created.buttons.find(({ actionId: id }) =>
      typeof id === 'string' ? id === actionId : id.test(actionId),
    );
    const context = { action: actionId, teamId: body.team?.id, userId: body.user.id };
    await guarded(
      logger,
      'that button',
      context,
      () => args.ack(),
      args.respond,
      async (ack) => {
        if (route) return route.handler(args, () => ack());
        // A button from an older message, or not ours: acknowledge so Slack shows no error.
        logger.warn(context, 'a button this app does not handle');
        await ack();
      },
    );
  });
  return created;
}

/** The slash commands registered on `app` (the manifest test compares them with manifest.yml). */
export function registeredCommands(app: App): string[] {
  return [...(routers.get(app)?.commands.keys() ?? [])].sort();
}

/**
 * Registers a slash command. The handler gets an `ack` it may call with the answer itself (the fastest path,
 * one HTTP round trip) or call empty before slower work that then answers through `respond`.
 */
export function onCommand(app: App, logger: Logger, name: string, handler: CommandHandler): void {
  const router = routerFor(app, logger);
  if (router.commands.has(name)) throw new Error(`${name} is registered twice`);
  router.commands.set(name, handler);
}

/** Registers a button handler; same guarantees as `onCommand`. */
export function onButton(app: App, logger: Logger, actionId: string | RegExp, handler: ButtonHandler): void {
  routerFor(app, logger).buttons.push({ actionId, handler });
}
