import { isLocale, type Locale } from '../../i18n/locale.js';
import type { Person, PersonKey, Store } from '../../store/types.js';

/**
 * The person's language choice (`/hours lang`), read and written for the Nudge settings form. The store's
 * `setLocaleOverride` comes with the i18n work on main; until a store has it, the form keeps showing "same as
 * Slack" and a choice is not saved.
 */

type WithLocale = { localeOverride?: string | null };
type LocaleStore = { setLocaleOverride?: (person: PersonKey, locale: Locale | null) => Promise<void> };

export function localeOverrideOf(row: Person | undefined): Locale | null {
  const value = (row as (Person & WithLocale) | undefined)?.localeOverride;
  return isLocale(value) ? value : null;
}

export async function setLocaleOverride(store: Store, person: PersonKey, locale: Locale | null): Promise<void> {
  const people = store.people as Store['people'] & LocaleStore;
  await people.setLocaleOverride?.(person, locale);
}
