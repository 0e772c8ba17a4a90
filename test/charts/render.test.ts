import { describe, expect, it } from 'vitest';
import { CHART_FONT_FILE } from '../../src/charts/fonts.js';
import { WEEK_CHART_LABELS } from '../../src/charts/labels.js';
import { renderWeekChart, specToSvg, svgToPng } from '../../src/charts/render.js';
import { buildWeekChartSpec, CHART_COLORS, CHART_FONT_FAMILY, chartTopHours } from '../../src/charts/spec.js';
import { columnSpan, countColor, decode, type Image, inkIn, rowRuns } from './pixels.js';
import { weekOf } from './week.js';

const BAR = CHART_COLORS.bar;

/** Bar centres and the baseline, from a week whose seven bars are all there. */
function barLayout(image: Image): { centres: number[]; baseline: number } {
  const anyColumn = rowRuns(image, Math.round(image.height * 0.8), BAR);
  expect(anyColumn).toHaveLength(7);
  const centres = anyColumn.map(([from, to]) => Math.round((from + to) / 2));
  const baseline = columnSpan(image, centres[0] as number, BAR)?.bottom as number;
  return { centres, baseline };
}

describe('renderWeekChart', () => {
  it('renders a PNG of the chart’s size times the scale', async () => {
    const chart = await renderWeekChart(weekOf([9, 14, 0, 6, 12, 3, 17]), { locale: 'en' });
    expect(chart.png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const image = decode(chart.png);
    expect([image.width, image.height]).toEqual([1200, 600]);
    expect(chart.alt).toBe('Mon 9h, Tue 14h, Wed 0h, Thu 6h, Fri 12h, Sat 3h, Sun 17h, week 61h (crunch)');
    expect(chart.cacheKey).toMatch(/^[0-9a-f]{32}$/);
  });

  it('draws bars whose heights match the minutes: none for 0 h, a 12 h bar twice a 6 h one', async () => {
    const options = { locale: 'en', scale: 1 } as const;
    // Same y scale for both (top 18 h): a 17 h day in each.
    const reference = decode((await renderWeekChart(weekOf([4, 4, 4, 4, 4, 4, 17]), options)).png);
    const { centres, baseline } = barLayout(reference);
    const hours = [9, 14, 0, 6, 12, 3, 17];
    const image = decode((await renderWeekChart(weekOf(hours), options)).png);
    const heights = centres.map((x) => {
      const span = columnSpan(image, x, BAR);
      if (!span) return 0;
      expect(span.bottom).toBe(baseline);
      return span.bottom - span.top + 1;
    });
    expect(heights[2]).toBe(0);
    expect((heights[4] as number) / (heights[3] as number)).toBeCloseTo(2, 1);
    const pixelsPerHour = (heights[6] as number) / 17;
    hours.forEach((h, index) => {
      expect(Math.abs((heights[index] as number) - h * pixelsPerHour)).toBeLessThanOrEqual(2);
    });
    // …and on the axis's scale: the shading reaches the scale's top (20 h here), so in the 0 h day's column
    // its top edge is 20 h above the baseline.
    const top = chartTopHours(weekOf(hours).days);
    expect(top).toBe(20);
    const shading = columnSpan(image, centres[2] as number, CHART_COLORS.bands[4]);
    expect(shading).not.toBeNull();
    const axisPixelsPerHour = (baseline + 1 - (shading?.top as number)) / top;
    expect(pixelsPerHour / axisPixelsPerHour).toBeCloseTo(1, 1);
    // The reference's 4 h bars are all one height.
    const referenceHeights = centres.slice(0, 6).map((x) => {
      const span = columnSpan(reference, x, BAR);
      return span ? span.bottom - span.top : 0;
    });
    expect(new Set(referenceHeights).size).toBe(1);
  });

  it('renders concurrent requests one after another, each with its own picture', async () => {
    const weeks = [weekOf([1, 0, 0, 0, 0, 0, 0]), weekOf([0, 0, 0, 0, 0, 0, 9])];
    const charts = await Promise.all(weeks.map((week) => renderWeekChart(week, { locale: 'en', scale: 1 })));
    expect(charts.map((chart) => chart.alt.split(', ')[0])).toEqual(['Mon 1h', 'Mon 0h']);
    const bars = charts.map((chart) => rowRuns(decode(chart.png), 250, BAR).length);
    expect(bars).toEqual([1, 1]);
    expect(charts[0]?.cacheKey).not.toBe(charts[1]?.cacheKey);
  });

  it('refuses a malformed week without rendering', async () => {
    await expect(renderWeekChart({ days: [] }, { locale: 'en' })).rejects.toMatchObject({ code: 'bad_input' });
  });

  it('renders an empty week: no bars, and says so', async () => {
    const chart = await renderWeekChart(weekOf([0, 0, 0, 0, 0, 0, 0]), { locale: 'zh', scale: 1 });
    const image = decode(chart.png);
    expect([image.width, image.height]).toEqual([600, 300]);
    expect(countColor(image, BAR)).toBe(0);
    expect(chart.alt).toBe(
      '周一 0小时，周二 0小时，周三 0小时，周四 0小时，周五 0小时，周六 0小时，周日 0小时，本周 0小时（可持续）',
    );
  });
});

describe('Chinese labels', () => {
  const labelSvg = (text: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="80" height="30"><rect width="80" height="30" fill="white"/><text x="4" y="22" font-family="${CHART_FONT_FAMILY}" font-size="18" fill="black">${text}</text></svg>`;
  const box = { x0: 0, y0: 0, x1: 80, y1: 30 };

  it('render as seven different glyph pairs from the shipped font, not as boxes', async () => {
    const prints: string[] = [];
    for (const day of WEEK_CHART_LABELS.zh.days) {
      const ink = inkIn(decode(await svgToPng(labelSvg(day), { scale: 1, fontFiles: [CHART_FONT_FILE] })), box);
      expect(ink.count).toBeGreaterThan(40);
      prints.push(ink.fingerprint);
    }
    // Missing glyphs would all be the same .notdef box; real glyphs differ in their second character.
    expect(new Set(prints).size).toBe(7);
    // A character no font has gives something else than any day label.
    const missing = inkIn(decode(await svgToPng(labelSvg('\u{F0000}\u{F0001}'), { scale: 1 })), box);
    expect(prints).not.toContain(missing.fingerprint);
  });

  it('come from the shipped font only: without it no text is drawn at all', async () => {
    const withoutFonts = inkIn(decode(await svgToPng(labelSvg('周一'), { scale: 1, fontFiles: [] })), box);
    expect(withoutFonts.count).toBe(0);
  });

  it('are drawn under the chart’s bars, and differ from the English ones', async () => {
    const strip = async (locale: 'en' | 'zh', fontFiles?: string[]) => {
      const svg = await specToSvg(
        buildWeekChartSpec(weekOf([4, 4, 4, 4, 4, 4, 4]), { labels: WEEK_CHART_LABELS[locale] }),
      );
      const image = decode(await svgToPng(svg, { scale: 1, ...(fontFiles ? { fontFiles } : {}) }));
      const { baseline } = barLayout(image);
      return inkIn(image, { x0: 40, y0: baseline + 3, x1: image.width - 60, y1: baseline + 20 });
    };
    const zh = await strip('zh');
    expect(zh.count).toBeGreaterThan(200);
    expect((await strip('zh', [])).count).toBe(0);
    expect((await strip('en')).fingerprint).not.toBe(zh.fingerprint);
  });
});
