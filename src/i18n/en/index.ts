import { common } from './common.js';
import { home } from './home.js';

/**
 * The English catalogue, one namespace per feature (`hours.*`, `nudge.*`, …). It is the reference: the keys
 * of every other language must match it (test/i18n/catalogue.test.ts).
 */
export const en = { common, home } as const;
