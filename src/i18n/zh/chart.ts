import type { Catalogue } from '../catalogue.js';

export const chart = {
  days: { mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日' },
  xAxis: '日期',
  yAxis: '小时',
  eightHours: '8小时',
  bands: {
    sustainable: '可持续',
    long: '偏长',
    crunch: '冲刺加班',
    frontier: '前沿实验室工时',
    zeroZeroTwo: '0-0-2',
  },
  amount: {
    zero: '0小时',
    minutes: '{{minutes}}分钟',
    hours: '{{hours}}小时',
    hoursMinutes: '{{hours}}小时{{minutes}}分',
  },
  alt: { day: '{{day}} {{amount}}', week: '本周 {{amount}}（{{band}}）', separator: '，' },
} as const satisfies Catalogue;
