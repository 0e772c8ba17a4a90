import { isValidZone } from '../../people/zone.js';

/**
 * The zones the Time zone form offers: every IANA zone Intl knows, in option groups by area (America, Europe,
 * …). Slack allows at most 100 options in a group and 100 groups, so a larger area is split into parts.
 * Static lists are searchable by typing in Slack's client, so no options endpoint is needed.
 */

export const MAX_OPTIONS_PER_GROUP = 100;

export type ZoneGroup = { area: string; part?: { index: number; of: number }; zones: string[] };

let cached: ZoneGroup[] | undefined;

function allZones(): string[] {
  const known = Intl.supportedValuesOf('timeZone').filter((zone) => zone.includes('/') && isValidZone(zone));
  return [...new Set([...known, 'UTC'])].sort();
}

export function zoneGroups(): ZoneGroup[] {
  if (cached) return cached;
  const byArea = new Map<string, string[]>();
  for (const zone of allZones()) {
    const area = zone.includes('/') ? (zone.split('/')[0] as string) : 'UTC';
    byArea.set(area, [...(byArea.get(area) ?? []), zone]);
  }
  const groups: ZoneGroup[] = [];
  for (const [area, zones] of byArea) {
    const parts = Math.ceil(zones.length / MAX_OPTIONS_PER_GROUP);
    for (let i = 0; i < parts; i++) {
      const slice = zones.slice(i * MAX_OPTIONS_PER_GROUP, (i + 1) * MAX_OPTIONS_PER_GROUP);
      groups.push({ area, ...(parts > 1 ? { part: { index: i + 1, of: parts } } : {}), zones: slice });
    }
  }
  cached = groups;
  return groups;
}
