import type { Catalogue } from '../catalogue.js';
import { common } from './common.js';
import { home } from './home.js';

/** The Chinese (Simplified) catalogue: the same keys and placeholders as the English one. */
export const zh = { common, home } as const satisfies Catalogue;
