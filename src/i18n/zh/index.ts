import type { Catalogue } from '../catalogue.js';
import { common } from './common.js';
import { hours } from './hours.js';

/** The Chinese (Simplified) catalogue: the same keys and placeholders as the English one. */
export const zh = { common, hours } as const satisfies Catalogue;
