import type { Catalogue } from '../catalogue.js';
import { article } from './article.js';
import { chart } from './chart.js';
import { commands } from './commands.js';
import { common } from './common.js';
import { digest } from './digest.js';
import { home } from './home.js';
import { hours } from './hours.js';
import { install } from './install.js';
import { nudge } from './nudge.js';

/** The Chinese (Simplified) catalogue: the same keys and placeholders as the English one. */
export const zh = {
  common,
  article,
  chart,
  commands,
  digest,
  home,
  hours,
  install,
  nudge,
} as const satisfies Catalogue;
