import { describe, expect, it } from 'vitest';
import { CATALOGUES, type Catalogue } from '../../src/i18n/catalogue.js';
import { LANGUAGE_TAG, LOCALES } from '../../src/i18n/locale.js';

/** Every leaf of a catalogue as `dotted.key → text`. */
function leaves(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(PLURAL, '');
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();
/** Keys by base, with every plural form's text. */
function byBase(catalogue: Catalogue): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const [key, text] of leaves(catalogue)) grouped.set(base(key), [...(grouped.get(base(key)) ?? []), text]);
  return grouped;
}

const english = byBase(CATALOGUES.en);

describe('the message catalogues', () => {
  it('has English messages to compare against', () => {
    expect(english.size).toBeGreaterThan(0);
  });

  for (const locale of LOCALES) {
    const messages = byBase(CATALOGUES[locale]);
    const forms = leaves(CATALOGUES[locale]);

    it(`${locale}: has exactly the English keys`, () => {
      expect([...messages.keys()].sort()).toEqual([...english.keys()].sort());
    });

    it(`${locale}: every message has the same placeholders as its English one`, () => {
      for (const [key, texts] of english) {
        const expected = [...new Set(texts.flatMap(placeholders))].sort();
        for (const text of messages.get(key) ?? []) {
          // A plural form may leave out {{count}} ("one entry"); nothing else may be missing or extra.
          const got = placeholders(text).filter((name) => name !== 'count');
          expect(new Set(got), `${locale} ${key}: ${text}`).toEqual(new Set(expected.filter((n) => n !== 'count')));
        }
      }
    });

    it(`${locale}: plural keys have exactly the forms the language's plural rules use`, () => {
      const categories = new Intl.PluralRules(LANGUAGE_TAG[locale]).resolvedOptions().pluralCategories;
      const pluralBases = new Set([...forms.keys()].filter((k) => PLURAL.test(k)).map(base));
      for (const key of pluralBases) {
        const have = [...forms.keys()].filter((k) => base(k) === key && PLURAL.test(k)).map((k) => k.split('_').pop());
        expect(new Set(have), `${locale} ${key}`).toEqual(new Set(categories));
      }
    });

    it(`${locale}: no message is empty or left as its key`, () => {
      for (const [key, text] of forms) {
        expect(text.trim(), key).not.toBe('');
        expect(text, key).not.toBe(key);
      }
    });
  }

  it('Chinese messages are Chinese: each holds Han characters, or only what needs no translation', () => {
    const english = leaves(CATALOGUES.en);
    for (const [key, text] of leaves(CATALOGUES.zh)) {
      // Han characters or Chinese (full-width) punctuation: `{{name}}，{{org}}` is written for Chinese.
      if (/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u.test(text)) continue;
      // Formats, emoji, code, numbers and names are the same in both languages.
      expect(text, `zh ${key} is English: ${text}`).toBe(english.get(key) ?? english.get(`${base(key)}_other`));
      expect(/[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}/i.test(text.replace(/`[^`]*`/g, '')), `zh ${key}: ${text}`).toBe(false);
    }
  });
});
