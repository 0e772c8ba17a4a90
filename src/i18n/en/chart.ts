/** The week chart's words: axes, days, the 8 h line, the bands, and its alt text. */
export const chart = {
  /** ISO weekdays, Monday first. */
  days: { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' },
  xAxis: 'Day',
  yAxis: 'Hours',
  eightHours: '8 h',
  bands: {
    sustainable: 'sustainable',
    long: 'long',
    crunch: 'crunch',
    frontier: 'frontier-lab hours',
    zeroZeroTwo: '0-0-2',
  },
  /** An amount on top of a bar and in the alt text: `0h`, `45m`, `9h`, `12h30m` (as the ledger writes it). */
  amount: {
    zero: '0h',
    minutes: '{{minutes}}m',
    hours: '{{hours}}h',
    hoursMinutes: '{{hours}}h{{minutes, number(minimumIntegerDigits: 2)}}m',
  },
  /** "Mon 9h, Tue 14h, …, week 61h (crunch)". */
  alt: { day: '{{day}} {{amount}}', week: 'week {{amount}} ({{band}})', separator: ', ' },
} as const;
