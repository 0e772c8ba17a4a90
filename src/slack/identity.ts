import type { WebClient } from '@slack/web-api';
import type { SlackIdentity } from '../app.js';
import { LightsOutError } from '../errors.js';

const REFUSED_TOKEN = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired']);

/**
 * `auth.test` once at start-up: proves the token works before we accept traffic, and tells the app who it is.
 * Every failure becomes one coded error with a message a person can act on.
 */
export async function verifyBotToken(client: WebClient, apiUrl: string): Promise<SlackIdentity> {
  try {
    const result = await client.auth.test();
    if (!result.bot_id || !result.user_id) {
      throw new LightsOutError(
        'slack_auth_failed',
        'SLACK_BOT_TOKEN is not a bot token (auth.test returned no bot id): use the Bot User OAuth Token (xoxb-…) from OAuth & Permissions.',
      );
    }
    return { botId: result.bot_id, botUserId: result.user_id, ...(result.team_id ? { teamId: result.team_id } : {}) };
  } catch (error) {
    if (error instanceof LightsOutError) throw error;
    const slackError = (error as { data?: { error?: string } }).data?.error;
    if (slackError && REFUSED_TOKEN.has(slackError)) {
      throw new LightsOutError(
        'slack_auth_failed',
        `Slack refused SLACK_BOT_TOKEN (${slackError}). Copy the Bot User OAuth Token again from Slack app settings → OAuth & Permissions, and reinstall the app if it was revoked.`,
        { cause: error },
      );
    }
    if (slackError) {
      throw new LightsOutError('slack_auth_failed', `Slack answered auth.test with "${slackError}".`, { cause: error });
    }
    throw new LightsOutError(
      'slack_unreachable',
      `Cannot reach the Slack Web API at ${apiUrl} (${(error as Error).message}). Check the network, a proxy, or SLACK_API_URL.`,
      { cause: error },
    );
  }
}
