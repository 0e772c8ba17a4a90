import { en } from './en/index.js';
import type { Locale } from './locale.js';
import { zh } from './zh/index.js';

/** A message catalogue: nested namespaces of i18next strings (`{{name}}` placeholders, `_one`/`_other` plurals). */
export type Catalogue = { readonly [key: string]: string | Catalogue };

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type WithoutPlural<K extends string> = K extends `${infer Base}_${PluralSuffix}` ? Base : K;

/** Every key of a catalogue as a dotted path, plural forms folded onto their base key (`hours.entries`). */
type Keys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${WithoutPlural<K>}` : Keys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A key of the English catalogue; `t()` accepts nothing else, so a typo is a compile error. */
export type MessageKey = Keys<typeof en>;

export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = { en, zh };
