import { DateTime } from 'luxon';
import type { TopLevelSpec } from 'vega-lite';
import { LightsOutError } from '../errors.js';
import { BANDS, type Band } from '../hours/bands.js';
import type { ChartLabels } from './labels.js';

/**
 * The week chart as a declarative vega-lite spec: one bar per day, a line at 8 h, and the weekly bands as
 * shading. Pure: the same week, labels and size give the same spec (the cache key hashes it). No wording here;
 * every word comes from `labels`.
 */

export type ChartDay = { date: string; minutes: number };
/** Structurally a subset of the ledger's `WeekSummary`, so `summarizeWeek(...)` can be passed as it is. */
export type ChartWeek = { days: readonly ChartDay[] };
export type ChartBand = Pick<Band, 'id' | 'fromHours' | 'toHours'>;

export type WeekChartSpecOptions = {
  labels: ChartLabels;
  /** Weekly thresholds; bands.ts by default. */
  bands?: readonly ChartBand[];
  /** The picture's size in CSS pixels, axes and labels included. */
  width?: number;
  height?: number;
};

export const CHART_WIDTH = 600;
export const CHART_HEIGHT = 300;
export const WORK_DAY_HOURS = 8;
/** The family name inside the shipped font file (see fonts.ts); every text mark uses it. */
export const CHART_FONT_FAMILY = 'Noto Sans S Chinese';

export const CHART_COLORS = {
  bar: '#2f5d9e',
  workDay: '#1f1f1f',
  text: '#333333',
  muted: '#6b6b6b',
  /** Lightest first, one per band; pale so a bar always stands out against them. */
  bands: ['#eef5ec', '#fbf5e2', '#fcebd9', '#fadcd5', '#f4c9c4'],
} as const;

const DAYS_PER_WEEK = 7;
const MIN_TOP_HOURS = 12;
const Y_AXIS_EXTENT = 34;

/** The y scale's top: at least 12 h, and room above the tallest bar for its amount. */
export function chartTopHours(days: readonly ChartDay[]): number {
  const tallest = Math.max(0, ...days.map((day) => day.minutes / 60));
  return Math.max(MIN_TOP_HOURS, Math.ceil((tallest + 1.5) / 2) * 2);
}

function dayRows(days: readonly ChartDay[], labels: ChartLabels) {
  if (days.length !== DAYS_PER_WEEK) {
    throw new LightsOutError('bad_input', `A week chart needs 7 days, got ${days.length}.`);
  }
  const first = DateTime.fromISO(days[0]?.date ?? '', { zone: 'UTC' });
  return days.map((day, index) => {
    const date = DateTime.fromISO(day.date, { zone: 'UTC' });
    // Seven consecutive dates, so no two bars share a weekday label.
    const consecutive = first.isValid && date.equals(first.plus({ days: index }));
    if (!consecutive || !Number.isFinite(day.minutes) || day.minutes < 0) {
      throw new LightsOutError('bad_input', `Not a chartable day: ${JSON.stringify(day)}.`);
    }
    return {
      date: day.date,
      day: labels.days[date.weekday - 1] as string,
      hours: day.minutes / 60,
      amount: day.minutes > 0 ? labels.amount(day.minutes) : '',
    };
  });
}

/**
 * A band's weekly range drawn at the daily average that puts a week in it (÷ 7): a week whose every day sits in
 * a band's shading is in that band. Clipped to the y scale; bands wholly above it are left out.
 */
function bandRows(bands: readonly ChartBand[], labels: ChartLabels, top: number) {
  return bands
    .map((band, index) => ({
      band: band.id,
      label: labels.bands[band.id],
      color: CHART_COLORS.bands[Math.min(index, CHART_COLORS.bands.length - 1)] as string,
      from: band.fromHours / DAYS_PER_WEEK,
      to: Math.min(band.toHours / DAYS_PER_WEEK, top),
    }))
    .filter((row) => row.from < top)
    .map((row) => ({ ...row, middle: (row.from + row.to) / 2 }));
}

const SIDE_LABEL_FONT_SIZE = 10;

/** Every 2 h up to 12 h, every 4 h above: 8 h is always a tick. */
function tickValues(top: number): number[] {
  const step = top <= MIN_TOP_HOURS ? 2 : 4;
  return Array.from({ length: Math.floor(top / step) + 1 }, (_, index) => index * step);
}
const WIDE_GLYPH = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/gu;

/**
 * Without a canvas vega estimates a text's width at 0.8 em a character; CJK glyphs are 1 em wide. The
 * difference of the widest side label is added to the right padding, so `fit` leaves room for it.
 */
function rightPadding(sideLabels: readonly string[]): number {
  const wide = Math.max(0, ...sideLabels.map((label) => label.match(WIDE_GLYPH)?.length ?? 0));
  return 6 + Math.ceil(wide * SIDE_LABEL_FONT_SIZE * 0.25);
}

export function buildWeekChartSpec(week: ChartWeek, options: WeekChartSpecOptions): TopLevelSpec {
  const { labels } = options;
  const top = chartTopHours(week.days);
  const days = dayRows(week.days, labels);
  const bands = bandRows(options.bands ?? BANDS, labels, top);
  // Every layer shares the y scale; each names the same axis so vega-lite merges them into one.
  const y = {
    type: 'quantitative' as const,
    scale: { domain: [0, top], nice: false, zero: true },
    axis: {
      title: labels.yAxis,
      titleAngle: 0,
      titleAlign: 'left' as const,
      titleAnchor: 'end' as const,
      titleBaseline: 'bottom' as const,
      titleX: -Y_AXIS_EXTENT,
      titleY: -10,
      minExtent: Y_AXIS_EXTENT,
      maxExtent: Y_AXIS_EXTENT,
      grid: false,
      domain: false,
      values: tickValues(top),
    },
  };
  const x = { field: 'day', type: 'nominal' as const, sort: days.map((row) => row.day) };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: options.width ?? CHART_WIDTH,
    height: options.height ?? CHART_HEIGHT,
    autosize: { type: 'fit', contains: 'padding' },
    padding: {
      top: 18,
      left: 6,
      bottom: 6,
      right: rightPadding([...bands.map((row) => row.label), labels.eightHours]),
    },
    background: 'white',
    config: {
      font: CHART_FONT_FAMILY,
      view: { stroke: null },
      axis: { labelColor: CHART_COLORS.text, titleColor: CHART_COLORS.text, labelFontSize: 12, titleFontSize: 12 },
    },
    layer: [
      {
        data: { values: bands },
        mark: { type: 'rect', opacity: 1 },
        encoding: {
          y: { ...y, field: 'from' },
          y2: { field: 'to' },
          color: { field: 'color', type: 'nominal', scale: null, legend: null },
        },
      },
      {
        data: { values: bands },
        mark: {
          type: 'text',
          align: 'left',
          baseline: 'middle',
          dx: 4,
          fontSize: SIDE_LABEL_FONT_SIZE,
          color: CHART_COLORS.muted,
        },
        encoding: { x: { value: { expr: 'width' } }, y: { ...y, field: 'middle' }, text: { field: 'label' } },
      },
      {
        data: { values: days },
        layer: [
          {
            mark: { type: 'bar', color: CHART_COLORS.bar, opacity: 1 },
            encoding: {
              x: { ...x, axis: { title: labels.xAxis, labelAngle: 0, domainColor: CHART_COLORS.muted, ticks: false } },
              y: {
                ...y,
                field: 'hours',
              },
            },
          },
          {
            mark: { type: 'text', baseline: 'bottom', dy: -3, fontSize: 11, color: CHART_COLORS.text },
            encoding: { x, y: { ...y, field: 'hours' }, text: { field: 'amount' } },
          },
        ],
      },
      {
        data: { values: [{ hours: WORK_DAY_HOURS, label: labels.eightHours }] },
        layer: [
          {
            mark: { type: 'rule', color: CHART_COLORS.workDay, strokeWidth: 1.5, strokeDash: [6, 3] },
            encoding: { y: { ...y, field: 'hours' } },
          },
          {
            // Above the line, so it never meets the label of the band below it.
            mark: {
              type: 'text',
              align: 'left',
              baseline: 'bottom',
              dx: 4,
              dy: -1,
              fontSize: SIDE_LABEL_FONT_SIZE,
              color: CHART_COLORS.workDay,
            },
            encoding: { x: { value: { expr: 'width' } }, y: { ...y, field: 'hours' }, text: { field: 'label' } },
          },
        ],
      },
    ],
  };
}
