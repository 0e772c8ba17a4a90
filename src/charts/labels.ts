import type { BandId } from '../hours/bands.js';
import type { Locale } from '../i18n/locale.js';
import { type Translator, translator } from '../i18n/translator.js';

/**
 * Every word the week chart and its alt text show. The spec builder and the alt text take one of these and
 * carry no wording of their own; `chartLabels` builds it from a Translator (the `chart` catalogue namespace).
 */
export type ChartLocale = Locale;

export type ChartLabels = {
  /** Monday first, as ISO weekdays 1…7. */
  days: readonly [string, string, string, string, string, string, string];
  xAxis: string;
  yAxis: string;
  /** Beside the 8 h line. */
  eightHours: string;
  /** Beside each band's shading. */
  bands: Readonly<Record<BandId, string>>;
  /** One amount of time: on top of a bar and in the alt text. */
  amount: (minutes: number) => string;
  /** One day in the alt text: "Mon 9h". */
  altDay: (day: string, amount: string) => string;
  /** The end of the alt text: "week 61h (crunch)". */
  altWeek: (amount: string, band: string) => string;
  /** Between the parts of the alt text. */
  altSeparator: string;
};

function amount(t: Translator, minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (whole === 0) return t.t('chart.amount.zero');
  if (hours === 0) return t.t('chart.amount.minutes', { minutes: rest });
  if (rest === 0) return t.t('chart.amount.hours', { hours });
  return t.t('chart.amount.hoursMinutes', { hours, minutes: rest });
}

export function chartLabels(t: Translator): ChartLabels {
  return {
    days: [
      t.t('chart.days.mon'),
      t.t('chart.days.tue'),
      t.t('chart.days.wed'),
      t.t('chart.days.thu'),
      t.t('chart.days.fri'),
      t.t('chart.days.sat'),
      t.t('chart.days.sun'),
    ],
    xAxis: t.t('chart.xAxis'),
    yAxis: t.t('chart.yAxis'),
    eightHours: t.t('chart.eightHours'),
    bands: {
      sustainable: t.t('chart.bands.sustainable'),
      long: t.t('chart.bands.long'),
      crunch: t.t('chart.bands.crunch'),
      frontier: t.t('chart.bands.frontier'),
      'zero-zero-two': t.t('chart.bands.zeroZeroTwo'),
    },
    amount: (minutes) => amount(t, minutes),
    altDay: (day, value) => t.t('chart.alt.day', { day, amount: value }),
    altWeek: (value, band) => t.t('chart.alt.week', { amount: value, band }),
    altSeparator: t.t('chart.alt.separator'),
  };
}

/** Each language's labels, built once. */
export const WEEK_CHART_LABELS: Readonly<Record<ChartLocale, ChartLabels>> = {
  en: chartLabels(translator('en')),
  zh: chartLabels(translator('zh')),
};
