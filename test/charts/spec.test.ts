import { describe, expect, it } from 'vitest';
import { type ChartLabels, WEEK_CHART_LABELS } from '../../src/charts/labels.js';
import { buildWeekChartSpec, chartTopHours, WORK_DAY_HOURS } from '../../src/charts/spec.js';
import { isLightsOutError } from '../../src/errors.js';
import { BANDS } from '../../src/hours/bands.js';
import { weekOf } from './week.js';

type Layer = { data?: { values: Record<string, unknown>[] }; layer?: Layer[]; mark: { type: string } | string };
const layers = (spec: unknown): Layer[] => (spec as { layer: Layer[] }).layer;
const markType = (layer: Layer) => (typeof layer.mark === 'string' ? layer.mark : layer.mark.type);
const valuesOf = (spec: unknown, type: string): Record<string, unknown>[] => {
  for (const layer of layers(spec)) {
    const inner = layer.layer ?? [layer];
    if (inner.some((candidate) => markType(candidate) === type)) return layer.data?.values ?? [];
  }
  throw new Error(`no ${type} layer`);
};

describe('buildWeekChartSpec', () => {
  const week = weekOf([9, 14, 0, 6, 12.5, 3, 17]);

  it('has one bar row per day, Monday first, with the locale’s day names and hours', () => {
    const en = valuesOf(buildWeekChartSpec(week, { labels: WEEK_CHART_LABELS.en }), 'bar');
    expect(en.map((row) => [row.day, row.hours, row.amount])).toEqual([
      ['Mon', 9, '9h'],
      ['Tue', 14, '14h'],
      ['Wed', 0, ''],
      ['Thu', 6, '6h'],
      ['Fri', 12.5, '12h30m'],
      ['Sat', 3, '3h'],
      ['Sun', 17, '17h'],
    ]);
    const zh = valuesOf(buildWeekChartSpec(week, { labels: WEEK_CHART_LABELS.zh }), 'bar');
    expect(zh.map((row) => row.day)).toEqual(['周一', '周二', '周三', '周四', '周五', '周六', '周日']);
  });

  it('names days by their own weekday, so a week starting on Thursday is labelled from Thu', () => {
    const rows = valuesOf(
      buildWeekChartSpec(weekOf([1, 2, 3, 4, 5, 6, 7], '2026-11-26'), { labels: WEEK_CHART_LABELS.en }),
      'bar',
    );
    expect(rows.map((row) => row.day)).toEqual(['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed']);
  });

  it('draws the 8 h line and each band at the daily average that puts a week in it, clipped to the scale', () => {
    const spec = buildWeekChartSpec(weekOf([9, 10, 0, 6, 12, 3, 4]), { labels: WEEK_CHART_LABELS.en });
    expect(valuesOf(spec, 'rule')).toEqual([{ hours: WORK_DAY_HOURS, label: '8 h' }]);
    const top = chartTopHours(weekOf([9, 10, 0, 6, 12, 3, 4]).days);
    expect(top).toBe(14);
    const bands = valuesOf(spec, 'rect');
    expect(bands.map((row) => [row.band, row.from, row.to])).toEqual([
      ['sustainable', 0, 40 / 7],
      ['long', 40 / 7, 60 / 7],
      ['crunch', 60 / 7, 80 / 7],
      ['frontier', 80 / 7, 14],
    ]);
    // 100 h / 7 ≈ 14.3 is above the scale's top: the 0-0-2 band is left out of this chart.
    expect(bands.find((row) => row.band === 'zero-zero-two')).toBeUndefined();
    expect(BANDS.map((band) => band.fromHours)).toEqual([0, 40, 60, 80, 100]);
  });

  it('keeps the scale at 12 h or more and above the tallest bar', () => {
    expect(chartTopHours(weekOf([0, 0, 0, 0, 0, 0, 0]).days)).toBe(12);
    expect(chartTopHours(weekOf([23, 0, 0, 0, 0, 0, 0]).days)).toBeGreaterThanOrEqual(24.5);
  });

  it('takes every word from the labels it is given', () => {
    const sentinel = (id: string) => `«${id}»`;
    const labels: ChartLabels = {
      days: ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7'],
      xAxis: sentinel('x'),
      yAxis: sentinel('y'),
      eightHours: sentinel('eight'),
      bands: {
        sustainable: sentinel('b1'),
        long: sentinel('b2'),
        crunch: sentinel('b3'),
        frontier: sentinel('b4'),
        'zero-zero-two': sentinel('b5'),
      },
      amount: (minutes) => `«${minutes}»`,
      altDay: (day, amount) => `${day}${amount}`,
      altWeek: (amount) => amount,
      altSeparator: ';',
    };
    const json = JSON.stringify(buildWeekChartSpec(weekOf([9, 14, 0, 6, 12, 3, 17]), { labels }));
    for (const word of ['«x»', '«y»', '«eight»', '«b1»', '«b5»', '«540»', 'd1', 'd7']) expect(json).toContain(word);
    for (const word of ['Mon', 'Hours', 'Day', 'frontier-lab hours', '8 h', '9h', '周一', '小时'])
      expect(json).not.toContain(word);
  });

  it('refuses a week that is not seven consecutive days with non-negative minutes', () => {
    const labels = WEEK_CHART_LABELS.en;
    const bad = [
      { days: weekOf([1, 2, 3, 4, 5, 6]).days },
      { days: [...weekOf([1, 2, 3, 4, 5, 6]).days, { date: '2026-11-23', minutes: 60 }] },
      { days: weekOf([1, 2, 3, -1, 5, 6, 7]).days },
      { days: weekOf([1, 2, 3, Number.NaN, 5, 6, 7]).days },
    ];
    for (const week of bad) {
      expect(() => buildWeekChartSpec(week, { labels })).toThrow(
        expect.objectContaining({ code: 'bad_input' }) as unknown as Error,
      );
      try {
        buildWeekChartSpec(week, { labels });
      } catch (error) {
        expect(isLightsOutError(error, 'bad_input')).toBe(true);
      }
    }
  });
});
