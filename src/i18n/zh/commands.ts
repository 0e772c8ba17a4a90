import type { Catalogue } from '../catalogue.js';

export const commands = {
  hours: '这次 /hours 操作',
  quote: '这次 /quote 操作',
  fact: '这次 /fact 操作',
  nudge: '这次 /nudge 操作',
  other: '这次 {{command}} 操作',
} as const satisfies Catalogue;
