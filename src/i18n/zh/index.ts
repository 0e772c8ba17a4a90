import type { Catalogue } from '../catalogue.js';
import { common } from './common.js';
import { nudge } from './nudge.js';

/** The Chinese (Simplified) catalogue: the same keys and placeholders as the English one. */
export const zh = { common, nudge } as const satisfies Catalogue;
