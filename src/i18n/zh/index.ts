import type { Catalogue } from '../catalogue.js';
import { common } from './common.js';

/** The Chinese (Simplified) catalogue: the same keys and placeholders as the English one. */
export const zh = { common } as const satisfies Catalogue;
