import type { Catalogue } from '../catalogue.js';

export const home = {
  header: '你的这一周',
  weekRange: '{{from}} – {{to}} · {{zone}}',
  day: {
    today: '{{day}}（今天）',
    future: '{{day}}',
  },
  duration: {
    hours: '{{h}} 小时',
    hoursMinutes: '{{h}} 小时 {{m}} 分',
    minutes: '{{m}} 分钟',
  },
  totals: {
    week: '*本周*\n{{total}}',
    month: '*最近四周*\n{{total}} · 平均每周 {{average}}',
    band: '*档位*\n{{emoji}} {{name}}',
    streak_other: '*连续*\n已连续 {{count}} 天工作 12 小时以上',
    noStreak: '*连续*\n没有连续工作 12 小时以上的日子',
  },
  band: {
    sustainable: '可持续',
    long: '偏长',
    crunch: '赶工',
    frontier: '前沿实验室强度',
    zeroZeroTwo: '0-0-2',
  },
  quiet: {
    some: ':crescent_moon: 本周没有记录工时的日子：{{days}}。',
    none: ':crescent_moon: 本周到目前为止每天都记了工时，还没有休息日。',
  },
  todayEntries: {
    title: '*今天已记录*',
    entry: '• {{amount}}',
    entryWithNote: '• {{amount}} — {{note}}',
    more_other: '……还有 {{count}} 条。',
  },
  quote: {
    title: '*今日一句*',
    body: '> {{text}}\n— {{speaker}}',
    note: '摘自介绍《华尔街日报》这篇报道的中文文章原文。',
  },
  team: {
    title: '*上周的团队*（{{from}} – {{to}}）',
    figures_other:
      '上周有 {{count}} 人记录了工时，每周工时的中位数是 {{median}}，其中 {{crunch}} 人达到 60 小时或以上。数据匿名，不含你自己的工时。',
    notEnough: '至少有 {{minimum}} 位其他同事记录了同一周的工时后，才会显示团队数据。',
  },
  settings: {
    nudgeOn: ':bell: 每晚 {{time}} 提醒，{{days}}。',
    nudgeEveryNight: '每天都提醒',
    nudgeWeekdays: '周六、周日晚上不提醒',
    nudgePaused: ':zzz: 每晚 {{time}} 提醒，已暂停到 {{date}}。',
    nudgeOff: ':no_bell: 每晚提醒已关闭。',
    zone: ':globe_with_meridians: 时区 {{zone}}，{{source}}。',
    zoneOverride: '由你自己设置',
    zoneSlack: '来自你的 Slack 资料',
    zoneDefault: '工作区的默认时区',
  },
  footer: '这个页面只有你能看到。更新于 {{at}}。这里的一切也都可以用命令完成：/hours help。',
  button: {
    log: '记录工时',
    nudge: '提醒设置',
    zone: '时区',
  },
  form: {
    cancel: '取消',
    save: '保存',
    failed: 'Lights Out 没能保存，什么都没有改动。请过一分钟再试（错误 {{errorId}}）。',
  },
  log: {
    title: '记录工时',
    submit: '记录',
    hours: '工时',
    hoursHint: '例如 7.5、7:30、7h30 或 45m。',
    date: '日期',
    dateHint: '今天或之前的 13 天之内。更早的日子请用 /hours log 8 2026-11-02。',
    note: '备注',
    noteHint: '可不填，只有你能看到。',
    errors: {
      hours: '请输入一段时间，例如 7.5、7:30、7h30 或 45m：要大于零，最多 24 小时。',
      date: '请选择日期。',
      future: '这一天还没到。请选择今天（{{today}}）或更早的日子。',
      tooOld:
        '请选择 {{oldest}} 到 {{today}} 之间的日子：这个表单只能往前记 14 天。更早的日子请输入 /hours log 8 {{date}}。',
      dayCap:
        '这样 {{day}} 就有 {{total}} 了，超过了这一天能容纳的 {{cap}}。请少记一些，或者用 /hours day {{date}} 查看那一天。',
      noteLong: '备注最多 {{max}} 个字符（现在有 {{length}} 个）。',
      noteLink: '备注里不能有提及或链接。请去掉带 < 的部分再试。',
    },
  },
  nudge: {
    title: '提醒设置',
    enabled: '每晚提醒',
    on: '开启：每晚发一条私信，告诉你当天的工时',
    off: '关闭',
    time: '时间',
    weekends: '周末',
    weekendsOption: '周六、周日晚上也提醒',
    pause: '暂停到',
    pauseHint: '这一天之前不提醒。不填就是不暂停。',
    language: '语言',
    languageAuto: '跟随我的 Slack 设置',
    errors: {
      time: '请选择时间，例如 22:00。',
      pausePast: '请选择今天（{{today}}）之后的日子，或者不填。',
      pauseFar: '请选择一年之内的日子，最晚 {{limit}}。',
      language: '请从列表中选择一种语言。',
    },
  },
  zone: {
    title: '时区',
    label: '你的时区',
    hint: '输入即可搜索，例如 London、Shanghai 或 Los_Angeles。你的每一天、每一周和提醒都按这个时区计算。',
    slackGroup: '来自 Slack',
    slack: '我的 Slack 时区（{{zone}}）',
    slackUnknown: '我的 Slack 时区',
    part: '{{area}} ({{part}})',
    errors: {
      unknown: '请从列表中选择一个时区。',
    },
  },
} as const satisfies Catalogue;
