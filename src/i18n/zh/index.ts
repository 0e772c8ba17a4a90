import type { Catalogue } from '../catalogue.js';
import { common } from './common.js';
import { digest } from './digest.js';

/** The Chinese (Simplified) catalogue: the same keys and placeholders as the English one. */
export const zh = { common, digest } as const satisfies Catalogue;
