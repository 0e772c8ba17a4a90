import type { Catalogue } from '../catalogue.js';

export const install = {
  title: '{{page}} · Lights Out',
  add: {
    title: '把 Lights Out 添加到 Slack',
    intro: '那篇“每周工作 100 小时”报道里的原话、只有你自己看得到的工时记录，还有每晚提醒你下班回家的消息。',
    button: '添加到 Slack',
  },
  installed: {
    title: 'Lights Out 已安装',
    ready: 'Lights Out 已经可以用了。',
    readyIn: 'Lights Out 已经可以在 {{team}} 里用了。',
    next: '打开 Slack，在你们的深夜频道里试试 `/hours log 8`、`/quote` 或 `/nudge here 22:00`（先把机器人邀请进这个频道）。',
  },
  cancelled: { title: '安装已取消', body: '什么都没有安装，也没有保存任何数据。' },
  expired: {
    title: '这个安装链接已失效',
    body: '这个链接已经用过、打开已超过十分钟，或者是在另一个浏览器里打开的。什么都没有安装。请在当前浏览器里重新开始安装。',
  },
  failed: { title: '安装没有完成', body: 'Slack 没有确认这次安装，没有保存任何数据。' },
  again: '重新开始',
} as const satisfies Catalogue;
