import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHART_RENDERER_VERSION } from '../../src/charts/cache-key.js';
import { type WeekChartOptions, weekChartCacheKey } from '../../src/charts/render.js';
import { weekOf } from './week.js';

const en: WeekChartOptions = { locale: 'en' };

describe('weekChartCacheKey', () => {
  const week = weekOf([9, 14, 0, 6, 12, 3, 17]);

  it('is stable for the same week, and ignores fields the picture does not show', () => {
    const key = weekChartCacheKey(week, en);
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(weekChartCacheKey(weekOf([9, 14, 0, 6, 12, 3, 17]), { locale: 'en' })).toBe(key);
    // A ledger WeekSummary's days carry today/future flags; they do not change the picture.
    const summaryDays = week.days.map((day, index) => ({ ...day, today: index === 3, future: index > 3 }));
    expect(weekChartCacheKey({ days: summaryDays }, en)).toBe(key);
  });

  it('changes with one day’s minutes, with a date, with the locale and with the size', () => {
    const key = weekChartCacheKey(week, en);
    const others = [
      weekChartCacheKey(weekOf([9, 14, 0, 6, 12, 3, 17 + 1 / 60]), en),
      weekChartCacheKey(weekOf([9, 14, 0, 6, 12, 3, 17], '2026-11-30'), en),
      weekChartCacheKey(week, { locale: 'zh' }),
      weekChartCacheKey(week, { locale: 'en', scale: 1 }),
      weekChartCacheKey(week, { locale: 'en', width: 500 }),
    ];
    expect(new Set([key, ...others]).size).toBe(others.length + 1);
  });

  it('names the renderer’s installed versions and font, so an upgrade changes every key', () => {
    expect(CHART_RENDERER_VERSION).toBe(
      'week-chart/1 vega@6.4.0 vega-lite@6.4.0 @resvg/resvg-js@2.6.2 @embedpdf/fonts-sc/NotoSansHans-Regular.otf',
    );
  });

  it('is equal exactly when the days and locale are equal', () => {
    const minutes = fc.array(fc.integer({ min: 0, max: 24 * 60 }), { minLength: 7, maxLength: 7 });
    const locale = fc.constantFrom<'en' | 'zh'>('en', 'zh');
    fc.assert(
      // Half the runs compare a week with a copy of itself, so both outcomes are exercised.
      fc.property(minutes, locale, minutes, locale, fc.boolean(), (a, localeA, other, localeB, copy) => {
        const b = copy ? [...a] : other;
        const keyA = weekChartCacheKey(weekOf(a.map((m) => m / 60)), { locale: localeA });
        const keyB = weekChartCacheKey(weekOf(b.map((m) => m / 60)), { locale: localeB });
        const same = localeA === localeB && a.every((value, index) => value === b[index]);
        expect(keyA === keyB).toBe(same);
      }),
      { numRuns: 200 },
    );
  });
});
