import type { Catalogue } from '../catalogue.js';

export const common = {
  failure:
    ':warning: Lights Out 没能完成{{what}}。除了已经告诉你的，什么都没有改动；请过一分钟再试。如果一直失败，请告诉管理这个机器人的人（错误 {{errorId}}）。',
  failureButton: '这个按钮的操作',
  unknownCommand: 'Lights Out 不认识 {{command}}。试试 /hours help。',
  language: { en: '英文', zh: '简体中文' },
  format: {
    day: 'M月d日 ccc',
    dayWithYear: 'yyyy年M月d日 ccc',
    time: 'HH:mm',
    dayTime: 'M月d日 ccc HH:mm',
  },
} as const satisfies Catalogue;
