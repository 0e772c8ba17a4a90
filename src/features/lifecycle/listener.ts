import type { Feature } from '../index.js';
import { type LifecycleEnvelope, removalOf, removeWorkspace } from './uninstall.js';

/**
 * Slack tells us when the app is removed or its bot token revoked. With one workspace (token in the
 * environment) the useful thing is one clear log line for whoever runs the bot. In OAuth mode the workspace's
 * installation and every row of its data are deleted. Bolt runs these listeners without authorizing (the
 * tokens are gone), and acks events itself.
 */
export const lifecycleFeature: Feature = (app, deps) => {
  const { logger } = deps;
  const remove = async (body: unknown, reason: string) => {
    const removal = removalOf(body as LifecycleEnvelope, deps.now());
    if (!removal) {
      logger.warn({ reason }, 'an uninstall event without a team id: nothing removed');
      return;
    }
    await removeWorkspace(deps, removal, reason);
  };
  // Many workspaces (OAuth mode, and the local workspace, which installs through the same path).
  const oauth = deps.config.oauth !== undefined;
  app.event('app_uninstalled', async ({ body, context }) => {
    if (oauth) return remove(body, 'app_uninstalled');
    logger.warn(
      { teamId: context.teamId },
      'Lights Out was uninstalled from this workspace: stop the process or reinstall the app from manifest.yml',
    );
  });
  app.event('tokens_revoked', async ({ event, body, context }) => {
    // Only the bot token matters: Lights Out asks for no user scopes, so a revoked user token changes nothing.
    if (oauth && (event.tokens.bot?.length ?? 0) > 0) return remove(body, 'tokens_revoked');
    if (oauth) return;
    logger.warn(
      { teamId: context.teamId, botTokens: event.tokens.bot?.length ?? 0 },
      'Slack revoked Lights Out tokens: reinstall the app and update SLACK_BOT_TOKEN',
    );
  });
};
