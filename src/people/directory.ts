import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import { isValidZone } from './zone.js';

/** How often the whole workspace's zones are read again: well inside the 24 h a cached zone counts as fresh. */
export const DIRECTORY_SYNC_INTERVAL_MS = 12 * 60 * 60 * 1000;
const PAGE_SIZE = 200;
/** users.list is Tier 2 (about 20 calls a minute): a workspace of 100,000 people is 500 pages. */
const MAX_PAGES = 1000;
const DEFAULT_RETRY_AFTER_MS = 30_000;

export type DirectoryDeps = {
  store: Store;
  client: WebClient;
  logger: Logger;
  now: () => Date;
  /** Waits between pages and after a 429; tests pass a fast one. */
  sleep?: (ms: number) => Promise<void>;
  /** Stops the sync early (shutdown). */
  signal?: AbortSignal;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Reads the workspace's Slack zones with users.list and refreshes the cached zone of everyone who uses Lights Out
 * (a stored row or a personal nudge), so their commands are answered at once, in the ack, and their nudges come at
 * their own hour, even after they moved. Nobody else's zone is stored: a person who never used the bot, or who
 * ran `/hours forget`, gets no row; their first command reads their zone with users.info. Failures are logged and
 * leave the cache as it was.
 */
export async function syncDirectoryZones(
  deps: DirectoryDeps,
  teamId: string,
): Promise<{ people: number; pages: number; known: number }> {
  const sleep = deps.sleep ?? defaultSleep;
  let cursor: string | undefined;
  let people = 0;
  let pages = 0;
  let known = 0;
  try {
    while (pages < MAX_PAGES) {
      if (deps.signal?.aborted) break;
      let page: Awaited<ReturnType<WebClient['users']['list']>>;
      try {
        // Slack sends `locale` only when asked; it picks each person's language (src/i18n/resolve.ts).
        page = await deps.client.users.list({ limit: PAGE_SIZE, include_locale: true, ...(cursor ? { cursor } : {}) });
      } catch (error) {
        const retryAfterSeconds = (error as { retryAfter?: number }).retryAfter;
        if (retryAfterSeconds === undefined) throw error;
        await sleep(retryAfterSeconds * 1000 || DEFAULT_RETRY_AFTER_MS);
        continue;
      }
      if (deps.signal?.aborted) break; // shutting down: the store may be closing
      pages++;
      const zones = (page.members ?? [])
        .filter((member) => member.id && !member.deleted && !member.is_bot)
        .map((member) => ({
          userId: member.id as string,
          zone: member.tz && isValidZone(member.tz) ? member.tz : null,
          locale: member.locale || null,
        }));
      known += await deps.store.people.updateKnownSlackTimezones(teamId, zones, deps.now().toISOString());
      people += zones.length;
      cursor = page.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    deps.logger.info(
      { teamId, people, pages, known },
      'refreshed the Slack time zones and locales of the people who use Lights Out',
    );
  } catch (error) {
    deps.logger.warn(
      { err: error, teamId, people, pages, known },
      'could not read the workspace directory (users.list); zones will be looked up person by person',
    );
  }
  return { people, pages, known };
}
