import { describe, expect, it } from 'vitest';
import { weekChartAlt } from '../../src/charts/alt.js';
import { chartLabels, WEEK_CHART_LABELS } from '../../src/charts/labels.js';
import { buildWeekChartSpec } from '../../src/charts/spec.js';
import { LOCALES } from '../../src/i18n/locale.js';
import { translator } from '../../src/i18n/translator.js';
import { expectNoChinese, expectNoEnglish } from '../helpers/languages.js';
import { weekOf } from './week.js';

/** The chart's words come from the `chart` catalogue namespace through a Translator. */

describe('chartLabels', () => {
  it.each(LOCALES)('%s: the same labels as WEEK_CHART_LABELS, built from the catalogue', (locale) => {
    const t = translator(locale);
    const labels = chartLabels(t);
    const { amount, altDay, altWeek, ...words } = labels;
    const { amount: _a, altDay: _d, altWeek: _w, ...known } = WEEK_CHART_LABELS[locale];
    expect(words).toEqual(known);
    expect(labels.days[0]).toBe(t.t('chart.days.mon'));
    expect(labels.bands.frontier).toBe(t.t('chart.bands.frontier'));
    expect(altWeek(amount(600), labels.bands.long)).toBe(
      t.t('chart.alt.week', { amount: amount(600), band: labels.bands.long }),
    );
    expect(altDay(labels.days[6], amount(0))).toBe(WEEK_CHART_LABELS[locale].altDay(labels.days[6], amount(0)));
  });

  it('writes amounts as the ledger does in English, and in Chinese units in Chinese', () => {
    const en = chartLabels(translator('en'));
    const zh = chartLabels(translator('zh'));
    const minutes = [0, 45, 60, 65, 750, 6000];
    expect(minutes.map(en.amount)).toEqual(['0h', '45m', '1h', '1h05m', '12h30m', '100h']);
    expect(minutes.map(zh.amount)).toEqual(['0小时', '45分钟', '1小时', '1小时5分', '12小时30分', '100小时']);
  });

  it('each language’s chart and alt text hold no word of the other', () => {
    const week = weekOf([9, 14, 0, 6, 12.5, 3, 17]);
    for (const locale of LOCALES) {
      const labels = chartLabels(translator(locale));
      const spec = buildWeekChartSpec(week, { labels });
      // The spec's own strings: every text the picture shows is a label value.
      const shown = [
        weekChartAlt(week, labels),
        labels.xAxis,
        labels.yAxis,
        labels.eightHours,
        ...labels.days,
        ...Object.values(labels.bands),
      ];
      for (const text of shown) {
        if (locale === 'en') expectNoChinese(text);
        else expectNoEnglish(text);
      }
      expect(JSON.stringify(spec)).toContain(JSON.stringify(labels.yAxis));
    }
  });
});
