import type { TopLevelSpec } from 'vega-lite';
import { weekChartAlt } from './alt.js';
import { chartCacheKey } from './cache-key.js';
import { chartFonts } from './fonts.js';
import { type ChartLabels, type ChartLocale, WEEK_CHART_LABELS } from './labels.js';
import { buildWeekChartSpec, CHART_FONT_FAMILY, type ChartBand, type ChartWeek } from './spec.js';

/**
 * Week chart → PNG: the vega-lite spec is compiled to vega, laid out headless (renderer 'none', no DOM, no
 * canvas) into SVG, and rasterised by resvg with the shipped font only. vega and resvg are loaded on the first
 * render, so a process that never draws a chart does not pay their ~30 MB.
 */

export type WeekChartOptions = {
  locale: ChartLocale;
  /** Defaults to the locale's labels (`chartLabels` from the catalogue). */
  labels?: ChartLabels;
  bands?: readonly ChartBand[];
  /** CSS pixels; the PNG is `scale` times larger (2 by default, for high-density screens). */
  width?: number;
  height?: number;
  scale?: number;
};

export type WeekChart = { png: Buffer; alt: string; cacheKey: string };

const DEFAULT_SCALE = 2;

function specFor(week: ChartWeek, options: WeekChartOptions): TopLevelSpec {
  return buildWeekChartSpec(week, {
    labels: options.labels ?? WEEK_CHART_LABELS[options.locale],
    ...(options.bands ? { bands: options.bands } : {}),
    ...(options.width ? { width: options.width } : {}),
    ...(options.height ? { height: options.height } : {}),
  });
}

function cacheKeyOf(spec: TopLevelSpec, options: WeekChartOptions): string {
  return chartCacheKey({ spec, locale: options.locale, scale: options.scale ?? DEFAULT_SCALE });
}

/**
 * What the picture depends on, hashed: every day's date and minutes, the wording (so the locale), the bands,
 * the size and the renderer's versions. Equal keys mean identical PNGs. Cheap: no rendering.
 */
export function weekChartCacheKey(week: ChartWeek, options: WeekChartOptions): string {
  return cacheKeyOf(specFor(week, options), options);
}

export async function specToSvg(spec: TopLevelSpec): Promise<string> {
  const [{ parse, View }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Rasterises off the main thread (resvg's async render); only the shipped font, never the system's: by default
 * its subset (fonts.ts), or the given font files (tests).
 */
export async function svgToPng(svg: string, options: { scale?: number; fontFiles?: string[] } = {}): Promise<Buffer> {
  const { renderAsync } = await import('@resvg/resvg-js');
  const fontFiles = options.fontFiles ?? (await chartFonts()).forText(svg);
  const image = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: options.scale ?? DEFAULT_SCALE },
    background: 'white',
    font: {
      loadSystemFonts: false,
      fontFiles,
      defaultFontFamily: CHART_FONT_FAMILY,
      sansSerifFamily: CHART_FONT_FAMILY,
    },
  });
  return image.asPng();
}

/**
 * Renders wait for each other: on two cores parallel renders would only slow each other down, and a picture
 * that needs the whole font (fonts.ts) holds a copy of it while resvg draws.
 */
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

export async function renderWeekChart(week: ChartWeek, options: WeekChartOptions): Promise<WeekChart> {
  const labels = options.labels ?? WEEK_CHART_LABELS[options.locale];
  // Built before queueing, so bad input is refused without waiting for other renders.
  const spec = specFor(week, options);
  const alt = weekChartAlt(week, labels);
  const cacheKey = cacheKeyOf(spec, options);
  return oneAtATime(async () => {
    const svg = await specToSvg(spec);
    const png = await svgToPng(svg, options.scale ? { scale: options.scale } : {});
    return { png, alt, cacheKey };
  });
}
