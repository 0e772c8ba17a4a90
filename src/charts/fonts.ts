import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { LightsOutError } from '../errors.js';

/**
 * The one font the charts use, shipped by an npm package rather than found on the machine: Noto Sans SC
 * (Noto Sans S Chinese, OFL) from @embedpdf/fonts-sc, an OTF that covers Latin and Simplified Chinese. Its
 * family name is `CHART_FONT_FAMILY` in spec.ts.
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
