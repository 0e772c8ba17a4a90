import { article } from './article.js';
import { chart } from './chart.js';
import { commands } from './commands.js';
import { common } from './common.js';
import { digest } from './digest.js';
import { home } from './home.js';
import { hours } from './hours.js';
import { install } from './install.js';
import { nudge } from './nudge.js';

/**
 * The English catalogue, one namespace per feature (`hours.*`, `nudge.*`, …). It is the reference: the keys
 * of every other language must match it (test/i18n/catalogue.test.ts).
 */
export const en = { common, article, chart, commands, digest, home, hours, install, nudge } as const;
