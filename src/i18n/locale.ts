/** The languages Lights Out speaks. Slack's locale (`zh-CN`, `zh-TW`, `en-GB`, …) is folded onto one of these. */
export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

/** The BCP 47 tag each language is formatted with (Intl, luxon) and registered under in i18next. */
export const LANGUAGE_TAG: Readonly<Record<Locale, string>> = { en: 'en-US', zh: 'zh-CN' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** `zh-*` is Chinese (Simplified: the catalogue has one Chinese), anything else English; no locale is no answer. */
export function localeFromSlack(tag: string | null | undefined): Locale | undefined {
  if (!tag) return undefined;
  return /^zh(?:[-_]|$)/i.test(tag) ? 'zh' : 'en';
}
