import type { WebClient } from '@slack/web-api';
import { IANAZone } from 'luxon';
import { type Translator, translator } from '../i18n/translator.js';
import type { Logger } from '../logger.js';
import type { PersonKey, Store } from '../store/types.js';

export type ZoneSource = 'override' | 'slack' | 'default';
export type ResolvedZone = { zone: string; source: ZoneSource };

/** Slack profiles change rarely; refresh the cached zone at least daily. */
export const SLACK_ZONE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export type ZoneDeps = {
  store: Store;
  client: WebClient;
  logger: Logger;
  now: () => Date;
  /** NUDGE_TZ: used when Slack gives no zone. */
  fallbackZone: string;
};

/** Anything Intl could take for a zone: IANA names are at most ~32 characters of letters, digits and `_+-/`. */
const ZONE_SHAPE = /^[A-Za-z0-9_+\-/:]{1,64}$/;
const ZONE_MEMO_LIMIT = 2000;
const zoneValidity = new Map<string, boolean>();

/**
 * Whether `zone` is a time zone Intl knows. Called on every command and every scheduler tick, so memoised; the
 * memo is bounded because the input is whatever people type (`/hours tz …`, `/nudge here …`). luxon's
 * `IANAZone.create` must NOT see that text: it caches every name it is given, valid or not, forever, so a
 * stream of long made-up zones would grow the heap without limit.
 */
export function isValidZone(zone: string): boolean {
  if (typeof zone !== 'string' || !ZONE_SHAPE.test(zone)) return false;
  const known = zoneValidity.get(zone);
  if (known !== undefined) return known;
  if (zoneValidity.size >= ZONE_MEMO_LIMIT) zoneValidity.clear();
  // One Intl formatter per new name (~0.2 ms); after that the memo answers.
  const valid = IANAZone.isValidZone(zone);
  zoneValidity.set(zone, valid);
  return valid;
}

/**
 * The zone as Intl spells it when only the case differs ("europe/london" → "Europe/London", "utc" → "UTC"), the
 * text as typed for a valid alias Intl maps to another zone, or undefined if the zone is unknown.
 */
export function canonicalZone(zone: string): string | undefined {
  if (!isValidZone(zone)) return undefined;
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
}

/**
 * The zone from the store alone (no Slack call): override, then a cached Slack zone of any age, then the
 * fallback. `stale` says whether the Slack zone should be refreshed. A stale answer is a probe, not the person's
 * zone: with nothing cached (a newcomer, or right after `/hours forget`) it is NUDGE_TZ, so anything that answers
 * or schedules by it calls `resolveZone` first (after the ack, in a listener).
 */
export async function cachedZone(
  deps: Pick<ZoneDeps, 'store' | 'now' | 'fallbackZone'>,
  person: PersonKey,
): Promise<ResolvedZone & { stale: boolean }> {
  const row = await deps.store.people.getPerson(person);
  const zone = zoneOf(row ?? { tzOverride: null, slackTz: null }, deps.fallbackZone);
  if (zone.source === 'override') return { ...zone, stale: false };
  const fetchedAt = row?.slackTzFetchedAt ? Date.parse(row.slackTzFetchedAt) : Number.NaN;
  const stale = !Number.isFinite(fetchedAt) || deps.now().getTime() - fetchedAt > SLACK_ZONE_MAX_AGE_MS;
  return { ...zone, stale };
}

/**
 * THE zone-precedence rule, used everywhere a person's zone is needed (commands, `/nudge status`, the scheduler):
 * their `/hours tz` override, then their Slack profile zone, then NUDGE_TZ. A stored zone Intl does not know is
 * passed over.
 */
export function zoneOf(
  facts: { tzOverride: string | null; slackTz: string | null },
  fallbackZone: string,
): ResolvedZone {
  if (facts.tzOverride && isValidZone(facts.tzOverride)) return { zone: facts.tzOverride, source: 'override' };
  if (facts.slackTz && isValidZone(facts.slackTz)) return { zone: facts.slackTz, source: 'slack' };
  return { zone: fallbackZone, source: 'default' };
}

/**
 * The person's zone: their `/hours tz` override wins, then their Slack profile zone (users.info, cached and
 * refreshed daily), then NUDGE_TZ. A failed users.info call never fails the caller: it logs and falls back.
 */
export async function resolveZone(deps: ZoneDeps, person: PersonKey): Promise<ResolvedZone> {
  const cached = await cachedZone(deps, person);
  if (cached.source === 'override' || !cached.stale) return { zone: cached.zone, source: cached.source };
  try {
    // The locale comes in the same call (only when asked), so the answer can be in the person's language.
    const result = await deps.client.users.info({ user: person.userId, include_locale: true });
    const tz = result.user?.tz;
    const zone = tz && isValidZone(tz) ? tz : null;
    await deps.store.people.saveSlackTimezone(person, zone, deps.now().toISOString(), result.user?.locale || null);
    return zone ? { zone, source: 'slack' } : { zone: deps.fallbackZone, source: 'default' };
  } catch (error) {
    deps.logger.warn({ err: error, ...person }, 'users.info failed; using the cached or default time zone');
    return { zone: cached.zone, source: cached.source };
  }
}

/** Where the zone came from, in the person's language (English for callers not yet given a Translator). */
export function describeZoneSource(resolved: ResolvedZone, t: Translator = translator('en')): string {
  return t.t(`hours.zone.source.${resolved.source}`);
}
