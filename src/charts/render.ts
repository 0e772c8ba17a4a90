import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { renderAsync } from '@resvg/resvg-js';
import { parse, View, version as vegaVersion } from 'vega';
import { compile, type TopLevelSpec, version as vegaLiteVersion } from 'vega-lite';
import { weekChartAlt } from './alt.js';
import { CHART_FONT_ID, chartFontFiles } from './fonts.js';
import { type ChartLabels, type ChartLocale, WEEK_CHART_LABELS } from './labels.js';
import { buildWeekChartSpec, CHART_FONT_FAMILY, type ChartBand, type ChartWeek } from './spec.js';

/**
 * Week chart → PNG: the vega-lite spec is compiled to vega, laid out headless (renderer 'none', no DOM, no
 * canvas) into SVG, and rasterised by resvg with the shipped font only. The cache key is computed without
 * rendering, so callers can skip both the render and the upload when it is unchanged.
 */

export type WeekChartOptions = {
  locale: ChartLocale;
  /** Defaults to the locale's labels (labels.ts). */
  labels?: ChartLabels;
  bands?: readonly ChartBand[];
  /** CSS pixels; the PNG is `scale` times larger (2 by default, for high-density screens). */
  width?: number;
  height?: number;
  scale?: number;
};

export type WeekChart = { png: Buffer; alt: string; cacheKey: string };

/** Bump when a change here changes the picture for the same spec. */
const CHART_LAYOUT_VERSION = 1;
const DEFAULT_SCALE = 2;
const resvgVersion = (createRequire(import.meta.url)('@resvg/resvg-js/package.json') as { version: string }).version;

export const CHART_RENDERER_VERSION = [
  `week-chart/${CHART_LAYOUT_VERSION}`,
  `vega@${vegaVersion}`,
  `vega-lite@${vegaLiteVersion}`,
  `resvg@${resvgVersion}`,
  CHART_FONT_ID,
].join(' ');

function specFor(week: ChartWeek, options: WeekChartOptions): TopLevelSpec {
  return buildWeekChartSpec(week, {
    labels: options.labels ?? WEEK_CHART_LABELS[options.locale],
    ...(options.bands ? { bands: options.bands } : {}),
    ...(options.width ? { width: options.width } : {}),
    ...(options.height ? { height: options.height } : {}),
  });
}

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

function cacheKeyOf(spec: TopLevelSpec, options: WeekChartOptions): string {
  const input = {
    renderer: CHART_RENDERER_VERSION,
    locale: options.locale,
    scale: options.scale ?? DEFAULT_SCALE,
    spec,
  };
  return createHash('sha256').update(canonicalJson(input)).digest('hex').slice(0, 32);
}

/**
 * What the picture depends on, hashed: every day's date and minutes, the wording (so the locale), the bands,
 * the size and the renderer's versions. Equal keys mean identical PNGs.
 */
export function weekChartCacheKey(week: ChartWeek, options: WeekChartOptions): string {
  return cacheKeyOf(specFor(week, options), options);
}

export async function specToSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rasterises off the main thread (resvg's async render); only the given font files, never the system's. */
export async function svgToPng(svg: string, options: { scale?: number; fontFiles?: string[] } = {}): Promise<Buffer> {
  const image = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: options.scale ?? DEFAULT_SCALE },
    background: 'white',
    font: {
      loadSystemFonts: false,
      fontFiles: options.fontFiles ?? chartFontFiles(),
      defaultFontFamily: CHART_FONT_FAMILY,
      sansSerifFamily: CHART_FONT_FAMILY,
    },
  });
  return image.asPng();
}

export async function renderWeekChart(week: ChartWeek, options: WeekChartOptions): Promise<WeekChart> {
  const labels = options.labels ?? WEEK_CHART_LABELS[options.locale];
  const spec = specFor(week, options);
  const svg = await specToSvg(spec);
  const png = await svgToPng(svg, options.scale ? { scale: options.scale } : {});
  return { png, alt: weekChartAlt(week, labels), cacheKey: cacheKeyOf(spec, options) };
}
