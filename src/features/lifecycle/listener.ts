import type { Feature } from '../index.js';

/**
 * Slack tells us when the app is removed or its tokens revoked. Nothing can be sent after that, so the useful
 * thing is one clear log line for whoever runs the bot (nudges will fail with invalid_auth from here on).
 */
export const lifecycleFeature: Feature = (app, { logger }) => {
  app.event('app_uninstalled', async ({ context }) => {
    logger.warn(
      { teamId: context.teamId },
      'Lights Out was uninstalled from this workspace: stop the process or reinstall the app from manifest.yml',
    );
  });
  app.event('tokens_revoked', async ({ event, context }) => {
    logger.warn(
      { teamId: context.teamId, botTokens: event.tokens.bot?.length ?? 0 },
      'Slack revoked Lights Out tokens: reinstall the app and update SLACK_BOT_TOKEN',
    );
  });
};
