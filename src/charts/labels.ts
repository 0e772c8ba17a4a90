import { formatAmount } from '../features/hours/parse.js';
import type { BandId } from '../hours/bands.js';

/**
 * Every word the week chart and its alt text show. The spec builder and the alt text take one of these and
 * carry no wording of their own; the i18n catalogue can replace these defaults later.
 */
export type ChartLocale = 'en' | 'zh';

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

const EN: ChartLabels = {
  days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  xAxis: 'Day',
  yAxis: 'Hours',
  eightHours: '8 h',
  bands: {
    sustainable: 'sustainable',
    long: 'long',
    crunch: 'crunch',
    frontier: 'frontier-lab hours',
    'zero-zero-two': '0-0-2',
  },
  amount: (minutes) => (minutes === 0 ? '0h' : formatAmount(minutes)),
  altDay: (day, amount) => `${day} ${amount}`,
  altWeek: (amount, band) => `week ${amount} (${band})`,
  altSeparator: ', ',
};

function chineseAmount(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return m === 0 ? '0小时' : `${m}分钟`;
  if (m === 0) return `${h}小时`;
  return `${h}小时${m}分`;
}

const ZH: ChartLabels = {
  days: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  xAxis: '日期',
  yAxis: '小时',
  eightHours: '8小时',
  bands: {
    sustainable: '可持续',
    long: '偏长',
    crunch: '冲刺加班',
    frontier: '前沿实验室工时',
    'zero-zero-two': '0-0-2',
  },
  amount: chineseAmount,
  altDay: (day, amount) => `${day} ${amount}`,
  altWeek: (amount, band) => `本周 ${amount}（${band}）`,
  altSeparator: '，',
};

export const WEEK_CHART_LABELS: Readonly<Record<ChartLocale, ChartLabels>> = { en: EN, zh: ZH };
