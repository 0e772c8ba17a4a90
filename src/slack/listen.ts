import { randomBytes } from 'node:crypto';
import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  RespondArguments,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
} from '@slack/bolt';
import type { MessageKey } from '../i18n/catalogue.js';
import type { Locale } from '../i18n/locale.js';
import { type LocaleDeps, personLocale } from '../i18n/resolve.js';
import { type Translator, translator } from '../i18n/translator.js';
import type { Logger } from '../logger.js';
import type { PersonKey } from '../store/types.js';
import { escapeMrkdwn } from './mrkdwn.js';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** How each command is named in a sentence ("could not finish /hours"); others are named as typed. */
const COMMAND_NAMES: Readonly<Record<string, MessageKey>> = {
  '/hours': 'commands.hours',
  '/quote': 'commands.quote',
  '/fact': 'commands.fact',
  '/nudge': 'commands.nudge',
};

function commandName(t: Translator, command: string): string {
  const key = COMMAND_NAMES[command];
  return key ? t.t(key) : t.t('commands.other', { command: escapeMrkdwn(command) });
}

const failureReply = (t: Translator, what: string, errorId: string): RespondArguments => ({
  response_type: 'ephemeral',
  replace_original: false,
  text: t.t('common.failure', { what, errorId }),
});

/**
 * The language of a reply the router writes itself (a failure, an unknown command): the person's. Finding it
 * reads the store, which may be why the listener failed, so any trouble falls back to the workspace default.
 */
async function replyTranslator(router: Router, person: PersonKey | undefined, logger: Logger): Promise<Translator> {
  const locales = router.locales;
  const fallback: Locale = locales?.config.defaultLocale ?? 'en';
  if (!locales || !person) return translator(fallback);
  try {
    return translator(await personLocale(locales, person));
  } catch (error) {
    logger.warn({ err: error, ...person }, 'could not find the person’s language; answering in the default one');
    return translator(fallback);
  }
}

/**
 * Who to tell about a failure and how: `describe` names what failed in their language; `ackCarriesReply` is
 * false for buttons, whose ack Slack shows nothing of, so the reply goes through response_url.
 */
type FailureTarget = {
  person: PersonKey | undefined;
  describe: (t: Translator) => string;
  router: Router;
  ackCarriesReply: boolean;
};

/** Runs a listener; if it throws, logs with context and tells the person privately, instead of going silent. */
async function guarded(
  logger: Logger,
  what: string,
  reply: FailureTarget,
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
    try {
      const t = await replyTranslator(reply.router, reply.person, logger);
      const answer = failureReply(t, reply.describe(t), errorId);
      if (!acked && reply.ackCarriesReply) await ackOnce(answer);
      else {
        await ackOnce();
        await respond(answer);
      }
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
  /** Where people's languages come from (`answerInPeoplesLanguage`); without it, replies are English. */
  locales?: LocaleDeps;
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
    const person = { teamId: command.team_id, userId: command.user_id };
    const reply = { person, describe: (t: Translator) => commandName(t, name), router: created, ackCarriesReply: true };
    await guarded(logger, name, reply, context, args.ack, args.respond, async (ack) => {
      if (handler) return handler(args, ack);
      logger.warn(context, 'a slash command this app does not handle (is manifest.yml in step with the code?)');
      const t = await replyTranslator(created, person, logger);
      await ack({ response_type: 'ephemeral', text: t.t('common.unknownCommand', { command: escapeMrkdwn(name) }) });
    });
  });

  app.action<BlockAction>({ type: 'block_actions' }, async (args) => {
    const { body } = args;
    const actionId = args.action.action_id;
    const route = created.buttons.find(({ actionId: id }) =>
      typeof id === 'string' ? id === actionId : id.test(actionId),
    );
    const context = { action: actionId, teamId: body.team?.id, userId: body.user.id };
    const teamId = body.team?.id ?? body.user.team_id;
    const person = teamId ? { teamId, userId: body.user.id } : undefined;
    await guarded(
      logger,
      'that button',
      { person, describe: (t) => t.t('common.failureButton'), router: created, ackCarriesReply: false },
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

/**
 * Lets the router answer in each person's language when it speaks for itself (a failure, an unknown
 * command). Called once by the app before the features register.
 */
export function answerInPeoplesLanguage(app: App, logger: Logger, locales: LocaleDeps): void {
  routerFor(app, logger).locales = locales;
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
