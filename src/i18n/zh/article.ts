import type { Catalogue } from '../catalogue.js';

export const article = {
  source: {
    en: '英文由 Lights Out 译自一篇转述《华尔街日报》报道的中文文章。',
    zh: '原文摘自一篇转述《华尔街日报》报道的中文文章。',
    both: '中文摘自一篇转述《华尔街日报》报道的中文文章；英文由 Lights Out 据此翻译。',
  },
  person: {
    named: '{{name}}，{{org}}',
    twoNames: '{{first}}（{{second}}），{{org}}',
    about: '{{who}}，{{detail}}',
  },
  matched: {
    typo: '文中没有引用名叫“{{typed}}”的人的话，这里按 *{{name}}* 来理解。',
    topic: '一句关于“{{typed}}”的话。',
    word: '文中没有引用名叫“{{typed}}”的人的话（文中发言的是{{speakers}}）。下面这句话里有这个词：',
    words: '文中没有引用名叫“{{typed}}”的人的话（文中发言的是{{speakers}}）。下面这句话里有这些词：',
  },
  problem: {
    noQuote: '文中没有和“{{query}}”对得上的发言人或引语。',
    noFact: '文中没有和“{{query}}”相关的事实。',
    ambiguous: '“{{query}}”可能是{{candidates}}，请把名字多打几个字。',
    tooLongQuote:
      '这次搜索有 {{length}} 个字符，最多只能 {{max}} 个。输入一两个词就好，比如 `/quote 贝特森` 或 `/quote 度假`。',
    tooLongFact:
      '这次搜索有 {{length}} 个字符，最多只能 {{max}} 个。输入一两个词就好，比如 `/fact 996` 或 `/fact 放假`。',
  },
  quoteHelp: {
    intro: '*/quote* 按发言人或关键词，给出文章里的一句话。发言人：',
    speaker_other: '• {{who}}：{{count}} 句话，`{{command}}`',
    examples: '例如：`/quote 贝特森`、`/quote 陈信翰 en`、`/quote 度假`，或者只输入 `/quote`。',
  },
  factHelp: {
    intro_other: '*/fact* 从文章的 {{count}} 条事实中随机给出一条，也可以按关键词查找。',
    keywords: '可以用的关键词有：{{tags}}。',
    examples: '例如：`/fact 996`、`/fact 0-0-2`、`/fact 放假`、`/fact 放假 en`，或者只输入 `/fact`。',
  },
  languages: '末尾加上 `zh`（中文原文）、`en`（我们的英文译文）或 `both`（两种都要）；都不加就显示中文原文。',
} as const satisfies Catalogue;
