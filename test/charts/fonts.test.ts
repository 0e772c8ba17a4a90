import { describe, expect, it } from 'vitest';
import { CHART_FONT_FILE, chartFonts, chartGlyphs } from '../../src/charts/fonts.js';
import { WEEK_CHART_LABELS } from '../../src/charts/labels.js';
import { specToSvg, svgToPng } from '../../src/charts/render.js';
import { buildWeekChartSpec, CHART_FONT_FAMILY } from '../../src/charts/spec.js';
import { decode, inkIn } from './pixels.js';
import { weekOf } from './week.js';

describe('the chart font subset', () => {
  it('covers digits, Latin and every word of both locales’ labels', () => {
    const glyphs = new Set(chartGlyphs());
    for (const char of '0123456789 hm.AZaz-') expect(glyphs.has(char)).toBe(true);
    for (const labels of Object.values(WEEK_CHART_LABELS)) {
      for (const word of [...labels.days, labels.yAxis, ...Object.values(labels.bands), labels.amount(61)]) {
        for (const char of word) expect(glyphs.has(char), `${char} of ${word}`).toBe(true);
      }
    }
  });

  it('draws the same picture, byte for byte, as the whole font, in both languages', async () => {
    for (const locale of ['en', 'zh'] as const) {
      const week = weekOf([9, 14, 0, 6.5, 12, 3, 17]);
      const svg = await specToSvg(buildWeekChartSpec(week, { labels: WEEK_CHART_LABELS[locale] }));
      expect((await chartFonts()).forText(svg)).not.toEqual([CHART_FONT_FILE]);
      const subset = await svgToPng(svg, { scale: 1 });
      const whole = await svgToPng(svg, { scale: 1, fontFiles: [CHART_FONT_FILE] });
      expect(subset.equals(whole)).toBe(true);
    }
  });

  it('falls back to the whole font for a character outside the subset, so new wording still renders', async () => {
    const fonts = await chartFonts();
    expect(fonts.forText('<text>周一</text>')).not.toEqual([CHART_FONT_FILE]);
    expect(fonts.forText('<text>星期</text>')).toEqual([CHART_FONT_FILE]);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="80" height="30"><rect width="80" height="30" fill="white"/><text x="4" y="22" font-family="${CHART_FONT_FAMILY}" font-size="18" fill="black">星期</text></svg>`;
    const box = { x0: 0, y0: 0, x1: 80, y1: 30 };
    const drawn = inkIn(decode(await svgToPng(svg, { scale: 1 })), box);
    const whole = inkIn(decode(await svgToPng(svg, { scale: 1, fontFiles: [CHART_FONT_FILE] })), box);
    expect(drawn.count).toBeGreaterThan(40);
    expect(drawn.fingerprint).toBe(whole.fingerprint);
  });
});
