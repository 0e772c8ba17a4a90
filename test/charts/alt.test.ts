import { describe, expect, it } from 'vitest';
import { weekChartAlt } from '../../src/charts/alt.js';
import { WEEK_CHART_LABELS } from '../../src/charts/labels.js';
import { weekOf } from './week.js';

describe('weekChartAlt', () => {
  it('says every day and the week in English', () => {
    expect(weekChartAlt(weekOf([9, 14, 0, 6, 12.5, 3, 17]), WEEK_CHART_LABELS.en)).toBe(
      'Mon 9h, Tue 14h, Wed 0h, Thu 6h, Fri 12h30m, Sat 3h, Sun 17h, week 61h30m (crunch)',
    );
  });

  it('says every day and the week in Chinese', () => {
    expect(weekChartAlt(weekOf([9, 14, 0, 6, 12.5, 3, 17]), WEEK_CHART_LABELS.zh)).toBe(
      '周一 9小时，周二 14小时，周三 0小时，周四 6小时，周五 12小时30分，周六 3小时，周日 17小时，本周 61小时30分（冲刺加班）',
    );
    expect(weekChartAlt(weekOf([0.75, 0, 0, 0, 0, 0, 0]), WEEK_CHART_LABELS.zh)).toMatch(/^周一 45分钟，周二 0小时，/);
  });

  it('names the band of the week total, from bands.ts', () => {
    expect(weekChartAlt(weekOf([0, 0, 0, 0, 0, 0, 0]), WEEK_CHART_LABELS.en)).toMatch(/, week 0h \(sustainable\)$/);
    expect(weekChartAlt(weekOf([8, 8, 8, 8, 8, 0, 0]), WEEK_CHART_LABELS.en)).toMatch(/, week 40h \(long\)$/);
    expect(weekChartAlt(weekOf([15, 15, 15, 15, 15, 15, 15]), WEEK_CHART_LABELS.en)).toMatch(/week 105h \(0-0-2\)$/);
  });
});
