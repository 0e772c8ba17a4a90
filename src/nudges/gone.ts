import type { WebClient } from '@slack/web-api';
import type { AppDeps } from '../deps.js';
import { type LocaleDeps, personTranslator } from '../i18n/resolve.js';
import { composeChannelGone } from './compose.js';
import type { Target } from './due.js';
import { classifySlackError } from './slack-errors.js';

/**
 * The bot cannot reach a target any more: turn its nudge off, and tell whoever turned a channel's on, once.
 * Returns 'token' when the answer means the bot's token, not the target, is the problem (an `account_inactive`
 * for a person who is active in fact).
 */
export async function targetGone(
  deps: Pick<AppDeps, 'store' | 'logger'> & LocaleDeps,
  client: WebClient,
  target: Target,
  error: string,
  now: Date,
  botName: string,
): Promise<'off' | 'token'> {
  const { store, logger } = deps;
  const nowIso = now.toISOString();
  if (target.kind === 'person') {
    if (error === 'account_inactive' && !(await personReallyGone(client, target.userId))) {
      logger.error(
        { userId: target.userId },
        'Slack answered account_inactive for a DM, but the person is active: the bot token is likely deactivated',
      );
      return 'token';
    }
    const current = await store.nudges.getPerson(target);
    if (current?.enabled) {
      await store.nudges.savePerson({ ...current, enabled: false, offReason: error, updatedAt: nowIso });
    }
    logger.warn({ teamId: target.teamId, userId: target.userId, error }, 'person cannot get DMs; their nudge is off');
    return 'off';
  }
  const fallback = { time: target.time ?? '22:00', zone: target.zone };
  const before = await store.nudges.disableChannel(target.teamId, target.channelId, fallback, error, nowIso);
  const wasOn = before ? before.enabled : target.env;
  logger.warn(
    { teamId: target.teamId, channelId: target.channelId, error, env: target.env },
    target.env
      ? `Lights Out cannot post in NUDGE_CHANNEL (${error}); its nudge is off. Invite the bot with /invite @${botName}, then run /nudge here in the channel`
      : `Lights Out cannot post in a channel (${error}); that channel's nudge is off`,
  );
  const setBy = before?.setBy ?? target.setBy;
  if (!wasOn || !setBy) return 'off';
  try {
    const opened = await client.conversations.open({ users: setBy });
    const channel = opened.channel?.id;
    if (!channel) return 'off';
    // A DM to the person who set the nudge: in their language.
    const t = await personTranslator(deps, { teamId: target.teamId, userId: setBy });
    const message = composeChannelGone(t, target.channelId, error, botName);
    await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
  } catch (notifyError) {
    logger.warn({ err: notifyError, userId: setBy, channelId: target.channelId }, 'could not tell who set the nudge');
  }
  return 'off';
}

async function personReallyGone(client: WebClient, userId: string): Promise<boolean> {
  try {
    const info = await client.users.info({ user: userId });
    return info.user?.deleted === true;
  } catch (error) {
    return classifySlackError(error, 'person').error === 'user_not_found';
  }
}
