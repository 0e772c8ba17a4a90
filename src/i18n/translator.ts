import i18next, { type i18n } from 'i18next';
import { DateTime } from 'luxon';
import { CATALOGUES, type MessageKey } from './catalogue.js';
import { LANGUAGE_TAG, LOCALES, type Locale } from './locale.js';

export type MessageValues = Record<string, string | number>;

/**
 * Everything a renderer needs to speak one language: messages from the catalogue and Intl formatting in that
 * language. Renderers receive one and hold no wording of their own.
 */
export type Translator = {
  readonly locale: Locale;
  /** The BCP 47 tag (`en-US`, `zh-CN`) for Intl and luxon. */
  readonly tag: string;
  t(key: MessageKey, values?: MessageValues): string;
  /** A number in the language's digits and separators, at most `maxFractionDigits` decimals. */
  number(value: number, maxFractionDigits?: number): string;
  /** `a, b and c` / `a、b和c`. */
  list(items: readonly string[]): string;
  /** A calendar date (`2026-11-30`) in a catalogue format (`common.format.day` unless told). */
  date(isoDate: string, format?: DateFormatKey): string;
  /** An instant on the wall clock of `zone`, in a catalogue format (`common.format.dayTime` unless told). */
  at(instant: Date, zone: string, format?: DateFormatKey): string;
};

type DateFormatKey = Extract<MessageKey, `common.format.${string}`>;

/** One i18next instance for the process: resources are in memory, so initialisation is synchronous. */
function createI18n(): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources: Object.fromEntries(LOCALES.map((locale) => [LANGUAGE_TAG[locale], { translation: CATALOGUES[locale] }])),
    lng: LANGUAGE_TAG.en,
    // Every key exists in every language (tested); English is only a last resort, never a raw key.
    fallbackLng: LANGUAGE_TAG.en,
    // Renderers escape user text for mrkdwn themselves; HTML escaping would show `&amp;` in Slack.
    interpolation: { escapeValue: false },
    returnNull: false,
    returnObjects: false,
  });
  return instance;
}

let shared: i18n | undefined;
const cache = new Map<Locale, Translator>();

export function translator(locale: Locale): Translator {
  const cached = cache.get(locale);
  if (cached) return cached;
  shared ??= createI18n();
  const tag = LANGUAGE_TAG[locale];
  const fixed = shared.getFixedT(tag);
  const numbers = new Map<number, Intl.NumberFormat>();
  const lists = new Intl.ListFormat(tag, { style: 'long', type: 'conjunction' });
  const made: Translator = {
    locale,
    tag,
    t: (key, values) => fixed(key, values ?? {}) as string,
    number(value, maxFractionDigits = 2) {
      let format = numbers.get(maxFractionDigits);
      if (!format) {
        format = new Intl.NumberFormat(tag, { maximumFractionDigits: maxFractionDigits, useGrouping: true });
        numbers.set(maxFractionDigits, format);
      }
      return format.format(value);
    },
    list: (items) => lists.format(items),
    date: (isoDate, format = 'common.format.day') =>
      DateTime.fromISO(isoDate, { zone: 'UTC', locale: tag }).toFormat(fixed(format) as string),
    at: (instant, zone, format = 'common.format.dayTime') =>
      DateTime.fromJSDate(instant, { zone })
        .setLocale(tag)
        .toFormat(fixed(format) as string),
  };
  cache.set(locale, made);
  return made;
}
