import type { WebClient } from '@slack/web-api';
import type { SlackIdentity } from './app.js';
import type { AppDeps } from './deps.js';

/** Scheduled work (the nightly nudges). Started by main after the app listens; stopped first on shutdown. */
export type Jobs = {
  stop(): Promise<void>;
  /** Posts a channel's go-home nudge now, as tonight's would be (the local workspace's "send now" control). */
  nudgeChannelNow(teamId: string, channelId: string): Promise<void>;
  /** Sends one person's personal nudge DM now. */
  nudgePersonNow(teamId: string, userId: string): Promise<void>;
};

export function startJobs(_deps: AppDeps, _client: WebClient, _identity: SlackIdentity): Jobs {
  return {
    stop: async () => undefined,
    nudgeChannelNow: async () => undefined,
    nudgePersonNow: async () => undefined,
  };
}
