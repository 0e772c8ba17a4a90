import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { projectPath } from '../src/paths.js';
import { percentile } from './load.js';

/**
 * The week chart: render time (cold first render apart, then warm ones in English and Chinese, split into the
 * SVG layout on the main thread and the rasterising on libuv's pool) and the RSS it adds. Measured in a child
 * process on the build in dist/, so nothing else the bench loaded counts towards the memory. Run twice, one child
 * after the other: with the font subset the renderer uses (src/charts/fonts.ts), and with the whole 8 MB font
 * file as it was before, so the two are compared under the same load.
 */

export type ChartTimings = { label: string; renders: number; p50: number; p99: number; svgP50: number; pngP50: number };
export type ChartFontVariant = 'subset' | 'whole';
export type ChartBench = { renders: number; variants: Array<{ font: ChartFontVariant } & ChartRun> };
type ChartRun = {
  rows: ChartTimings[];
  /**
   * RSS in MB: before importing the chart module, after importing it, after the first render, halfway and
   * after all (halfway ≈ end means it has levelled off rather than leaking).
   */
  rss: { start: number; imported: number; first: number; half: number; end: number };
  /** Median PNG size in bytes. */
  pngBytesP50: number;
};

type Sample = { locale: 'en' | 'zh'; svgMs: number; pngMs: number; bytes: number };
type ChildResult = { cold: Sample; warm: Sample[]; rss: ChartRun['rss'] };

/** Runs in the child: `node --expose-gc --input-type=module -e CHILD`. */
const CHILD = `
const mb = () => { globalThis.gc(); return process.memoryUsage().rss / 2 ** 20; };
const start = mb();
const render = await import(process.env.CHART_RENDER_URL);
const { buildWeekChartSpec } = await import(process.env.CHART_SPEC_URL);
const { WEEK_CHART_LABELS } = await import(process.env.CHART_LABELS_URL);
const { CHART_FONT_FILE } = await import(process.env.CHART_FONTS_URL);
const pngOptions = process.env.CHART_FONT === 'whole' ? { fontFiles: [CHART_FONT_FILE] } : {};
const imported = mb();
const renders = Number(process.env.CHART_RENDERS);
const once = async (index, locale) => {
  // A different week each time, so no layer can serve a cached answer.
  const days = Array.from({ length: 7 }, (_, day) => ({
    date: '2026-11-' + String(23 + day).padStart(2, '0'),
    minutes: ((index * 37 + day * 113) % 900) + (day === 2 ? 0 : 30),
  }));
  const t0 = performance.now();
  const svg = await render.specToSvg(buildWeekChartSpec({ days }, { labels: WEEK_CHART_LABELS[locale] }));
  const t1 = performance.now();
  const png = await render.svgToPng(svg, pngOptions);
  const t2 = performance.now();
  return { locale, svgMs: t1 - t0, pngMs: t2 - t1, bytes: png.length };
};
const cold = await once(0, 'en');
const first = mb();
const warm = [];
let half = first;
for (let index = 1; index <= renders; index++) {
  warm.push(await once(index, index % 2 ? 'zh' : 'en'));
  if (index === Math.ceil(renders / 2)) half = mb();
}
const end = mb();
process.stdout.write(JSON.stringify({ cold, warm, rss: { start, imported, first, half, end } }));
`;

function runChild(renders: number, font: ChartFontVariant): Promise<ChildResult> {
  const url = (file: string) => pathToFileURL(projectPath('dist', 'src', 'charts', file)).href;
  const child = spawn(process.execPath, ['--expose-gc', '--input-type=module', '-e', CHILD], {
    env: {
      ...process.env,
      CHART_RENDER_URL: url('render.js'),
      CHART_SPEC_URL: url('spec.js'),
      CHART_LABELS_URL: url('labels.js'),
      CHART_FONTS_URL: url('fonts.js'),
      CHART_FONT: font,
      CHART_RENDERS: String(renders),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out) as ChildResult);
      else reject(new Error(`chart bench child exited with ${code}`));
    });
  });
}

function timings(label: string, samples: Sample[]): ChartTimings {
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const total = sorted(samples.map((sample) => sample.svgMs + sample.pngMs));
  return {
    label,
    renders: samples.length,
    p50: percentile(total, 50),
    p99: percentile(total, 99),
    svgP50: percentile(sorted(samples.map((sample) => sample.svgMs)), 50),
    pngP50: percentile(sorted(samples.map((sample) => sample.pngMs)), 50),
  };
}

async function benchVariant(renders: number, font: ChartFontVariant): Promise<ChartRun> {
  const result = await runChild(renders, font);
  const byLocale = (locale: 'en' | 'zh') => result.warm.filter((sample) => sample.locale === locale);
  return {
    rows: [
      timings('cold (first render in the process, en)', [result.cold]),
      timings('warm, en', byLocale('en')),
      timings('warm, zh', byLocale('zh')),
      timings('warm, all', result.warm),
    ],
    rss: result.rss,
    pngBytesP50: percentile(
      result.warm.map((sample) => sample.bytes).sort((a, b) => a - b),
      50,
    ),
  };
}

export async function benchChart(options: { renders: number }): Promise<ChartBench> {
  const variants: ChartBench['variants'] = [];
  for (const font of ['subset', 'whole'] as const)
    variants.push({ font, ...(await benchVariant(options.renders, font)) });
  return { renders: options.renders + 1, variants };
}

const FONT_LABEL: Record<ChartFontVariant, string> = {
  subset: 'font subset (what the renderer uses)',
  whole: 'whole 8 MB font file (before)',
};

/** The section's markdown lines. */
export function chartReport(bench: ChartBench, fmt: (value: number, digits?: number) => string): string[] {
  const lines = [
    `## 5. Week chart (vega-lite → SVG → resvg PNG at 2×, 1200×600; ${bench.renders} renders per process)`,
    '',
    '| font | renders | what | p50 ms | p99 ms | SVG (main thread) p50 ms | PNG (libuv pool) p50 ms |',
    '|---|---:|---|---:|---:|---:|---:|',
  ];
  for (const variant of bench.variants) {
    for (const row of variant.rows) {
      lines.push(
        `| ${FONT_LABEL[variant.font]} | ${row.renders} | ${row.label} | ${fmt(row.p50, 0)} | ${fmt(row.p99, 0)} | ${fmt(row.svgP50, 0)} | ${fmt(row.pngP50, 0)} |`,
      );
    }
  }
  lines.push('');
  for (const variant of bench.variants) {
    const { rss } = variant;
    lines.push(
      `- RSS, ${FONT_LABEL[variant.font]}: ${fmt(rss.start)} MB bare → ${fmt(rss.imported)} MB with the chart modules (+${fmt(rss.imported - rss.start)}) → ${fmt(rss.first)} MB after the first render → ${fmt(rss.half)} MB halfway → **${fmt(rss.end)} MB after ${bench.renders}** (the chart adds **${fmt(rss.end - rss.start)} MB**; ${fmt(rss.end - rss.first)} MB of it after the first render); PNG p50 ${fmt(variant.pngBytesP50 / 1024)} KiB`,
    );
  }
  lines.push('');
  return lines;
}
