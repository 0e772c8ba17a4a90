import type { WebClient } from '@slack/web-api';
import type { AppDeps } from './deps.js';

export type Jobs = { stop(): Promise<void> };

/** Scheduled work (the nightly nudges). Started by main after the app listens; stopped first on shutdown. */
export function startJobs(_deps: AppDeps, _client: WebClient): Jobs {
  return { stop: async () => undefined };
}
