import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { LightsOutError } from '../errors.js';
import { WEEK_CHART_LABELS } from './labels.js';

/**
 * The one font the charts use, shipped by an npm package rather than found on the machine: Noto Sans SC
 * (Noto Sans S Chinese, OFL) from @embedpdf/fonts-sc, an OTF that covers Latin and Simplified Chinese. Its
 * family name is `CHART_FONT_FAMILY` in spec.ts.
 *
 * Why a subset: resvg reads a font file again from disk for every text it shapes (fontdb keeps a file source as
 * a path; resvg-js 2.6 on Node takes paths only), so the 8 MB file made a render slow and added ~150 MB RSS.
 * The file is cut down once per process (subset-font: harfbuzz compiled to WebAssembly, no native code, no
 * download) to the glyphs a chart can show, and the ~60 KB result written to a private temporary folder that
 * resvg reads instead. A picture with any other character (new wording) falls back to the whole font.
 */
const require = createRequire(import.meta.url);

export const CHART_FONT_FILE = join(
  dirname(require.resolve('@embedpdf/fonts-sc')),
  '..',
  'fonts',
  'NotoSansHans-Regular.otf',
);

/** Part of the cache key: another font file is another picture. */
export const CHART_FONT_ID = `@embedpdf/fonts-sc/${basename(CHART_FONT_FILE)}`;

/**
 * resvg draws nothing for text whose font it cannot find, so a missing file would give a chart without
 * labels; refuse instead.
 */
export function chartFontFiles(): string[] {
  if (!existsSync(CHART_FONT_FILE)) {
    throw new LightsOutError('chart_font_missing', `The chart font is missing: ${CHART_FONT_FILE} (npm install).`);
  }
  return [CHART_FONT_FILE];
}

/** Minutes whose amounts use every unit word of a locale (0 h, minutes only, hours only, hours and minutes). */
const SAMPLE_MINUTES = [0, 1, 60, 61];

/** Every character the chart of either locale can draw: printable ASCII (digits, Latin) and every label. */
export function chartGlyphs(): string {
  const chars = new Set<string>();
  for (let code = 0x20; code < 0x7f; code++) chars.add(String.fromCharCode(code));
  for (const labels of Object.values(WEEK_CHART_LABELS)) {
    const words = [
      ...labels.days,
      labels.xAxis,
      labels.yAxis,
      labels.eightHours,
      ...Object.values(labels.bands),
      ...SAMPLE_MINUTES.map((minutes) => labels.amount(minutes)),
    ];
    for (const word of words) for (const char of word) chars.add(char);
  }
  return [...chars].sort().join('');
}

export type ChartFonts = {
  /** The font files for one SVG: the subset when it covers every character, else the whole font. */
  forText(text: string): string[];
};

/** Name ids resvg matches families by (1, 16) and their styles (2, 17), kept beyond harfbuzz's default 0–6. */
const NAME_IDS = [1, 2, 3, 4, 6, 16, 17];

/**
 * harfbuzz's WebAssembly memory grows to hold the 8 MB font and is never given back (measured: +110 MB RSS kept
 * even when made in a worker thread), so the subset is made by a short-lived child process that writes it to
 * `out`: all of that memory goes with it.
 */
const SUBSET_CHILD = `
const { writeFileSync, readFileSync } = require('node:fs');
const job = JSON.parse(process.argv[1]);
require(job.subsetFont)(readFileSync(job.font), job.glyphs, job.options)
  .then((subset) => writeFileSync(job.out, subset, { mode: 0o600 }))
  .catch((error) => { process.stderr.write(String(error?.message ?? error)); process.exitCode = 1; });
`;

function subsetInChild(font: string, glyphs: string, out: string): Promise<void> {
  const job = {
    subsetFont: require.resolve('subset-font'),
    font,
    glyphs,
    out,
    options: { targetFormat: 'sfnt', preserveNameIds: NAME_IDS },
  };
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=commonjs', '-e', SUBSET_CHILD, JSON.stringify(job)],
      { timeout: 60_000, env: {} },
      (error, _stdout, stderr) => {
        if (!error) resolve();
        else
          reject(
            new LightsOutError(
              'chart_font_subset_failed',
              `Could not subset the chart font: ${stderr || error.message}`,
            ),
          );
      },
    );
  });
}

async function makeChartFonts(): Promise<ChartFonts> {
  const fullFiles = chartFontFiles();
  const glyphs = chartGlyphs();
  const covered = new Set(glyphs);
  const dir = await mkdtemp(join(tmpdir(), 'lights-out-chart-font-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'chart-subset.otf');
  await subsetInChild(fullFiles[0] as string, glyphs, file);
  return {
    forText: (text) => {
      // Markup is ASCII and its whitespace is no glyph; only the texts' characters can be missing.
      for (const char of text) if (char >= ' ' && !covered.has(char)) return fullFiles;
      return [file];
    },
  };
}

let loaded: Promise<ChartFonts> | undefined;

/** Made on the first render and kept; a failure is not kept, so the next render tries again. */
export function chartFonts(): Promise<ChartFonts> {
  loaded ??= makeChartFonts().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}
