import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { CHART_FONT_ID } from './fonts.js';

/**
 * The cache key of a chart picture, computed without rendering (and without loading vega), so a caller can
 * skip both the render and the upload when it is unchanged.
 */

const require = createRequire(import.meta.url);

/** A dependency's installed version, read from its package.json (their `exports` do not list it). */
function installedVersion(name: string): string {
  for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (manifest.name === name && manifest.version) return manifest.version;
  }
  return 'unknown';
}

/** Bump when a change in src/charts changes the picture drawn for the same spec. */
const CHART_LAYOUT_VERSION = 1;

export const CHART_RENDERER_VERSION = [
  `week-chart/${CHART_LAYOUT_VERSION}`,
  ...['vega', 'vega-lite', '@resvg/resvg-js'].map((name) => `${name}@${installedVersion(name)}`),
  CHART_FONT_ID,
].join(' ');

/** JSON with object keys sorted, so equal specs hash equally whatever order their keys were built in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The spec holds every day's date and minutes and every word drawn; the rest is how it is drawn. */
export function chartCacheKey(input: { spec: TopLevelSpec; locale: string; scale: number }): string {
  const hashed = canonicalJson({ renderer: CHART_RENDERER_VERSION, ...input });
  return createHash('sha256').update(hashed).digest('hex').slice(0, 32);
}
