import type { Catalogue } from '../catalogue.js';

export const digest = {
  header: '你的一周：{{from}} 至 {{to}}',
  summary: '上周你记录了 *{{total}}*（{{band}}）。再上一周是 {{previous}}。',
  change: {
    more: '多了 {{amount}}。',
    less: '少了 {{amount}}。',
    same: '和再上一周完全一样。',
  },
  amount: '{{hours}} 小时',
  longest: '最长的一天：*{{day}}*，{{amount}}。',
  nothingLogged: '上周没有记录任何工时。',
  quiet_other: '{{count}} 天没有记录：{{days}}。',
  noQuiet: '上周每天都有记录，没有空白的日子。',
  afterMidnight_other: '有 {{count}} 条记录是在你那里的午夜之后写下的。',
  noAfterMidnight: '没有在你那里的午夜之后写下的记录。',
  chartTitle: '上周每天的工时',
  fromArticle: '摘自文章：',
  lineNote: '（原文）',
  footer: '每周一早上 9:00（你的时间）发送。不想再收到，请输入 `/nudge me digest off`。',
  fallback: '你的一周：{{total}}（{{band}}）；再上一周：{{previous}}。',
  command: {
    usage: '请说明开还是关：`/nudge me digest on` 或 `/nudge me digest off`。没有做任何改动。',
    on: ':calendar: 周一摘要已开启：每周一早上 9:00（你的时间，{{zone}}）私信给你上周和再上一周的对比。第一封在 {{next}} 送达。输入 `/nudge me digest off` 即可停止。',
    off: '周一摘要已关闭。输入 `/nudge me digest on` 可以重新开启。',
    alreadyOn: '周一摘要本来就是开着的。输入 `/nudge me digest off` 即可停止。',
    alreadyOff: '周一摘要本来就是关着的。输入 `/nudge me digest on` 可以开启。',
  },
} as const satisfies Catalogue;
