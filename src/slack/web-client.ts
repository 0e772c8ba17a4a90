import { type RetryOptions, WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from '../logger.js';
import { boltLogger } from '../logger.js';
import { countingFetch, type Metrics } from '../metrics.js';

/**
 * Retry policies, chosen per path instead of the SDK's default (ten retries over ~30 minutes):
 * - interactive: a person is waiting; one quick retry, then report the failure to them.
 * - startup: fail fast with a clear message instead of hanging a deploy.
 * - background: nudges own their pacing and 429 handling, so the SDK must not retry behind their back.
 */
export const RETRY_POLICIES = {
  interactive: { retries: 1, factor: 2, minTimeout: 250, maxTimeout: 1000 },
  startup: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000 },
  background: { retries: 0 },
} satisfies Record<string, RetryOptions>;

export const REQUEST_TIMEOUT_MS = { interactive: 5000, startup: 5000, background: 10000 } as const;

export type ClientPurpose = keyof typeof RETRY_POLICIES;

/** With `metrics`, every HTTP attempt is counted through the SDK's `fetch` seam (below its retries). */
export function webClientOptions(
  apiUrl: string,
  logger: Logger,
  purpose: ClientPurpose,
  metrics?: Metrics,
): WebClientOptions {
  return {
    slackApiUrl: apiUrl,
    logger: boltLogger(logger, `web-api:${purpose}`),
    retryConfig: RETRY_POLICIES[purpose],
    timeout: REQUEST_TIMEOUT_MS[purpose],
    // Background senders read Retry-After themselves; interactive calls let the SDK wait (bounded by retries).
    rejectRateLimitedCalls: purpose === 'background',
    ...(metrics ? { fetch: countingFetch(apiUrl, metrics) } : {}),
  };
}

export function createWebClient(
  token: string,
  apiUrl: string,
  logger: Logger,
  purpose: ClientPurpose,
  metrics?: Metrics,
): WebClient {
  return new WebClient(token, webClientOptions(apiUrl, logger, purpose, metrics));
}
