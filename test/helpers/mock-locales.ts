import type { Locale } from '../../src/i18n/locale.js';

/**
 * Stand-ins for src/i18n/resolve.ts's lookups, for tests of what each surface says in each language (the
 * lookups themselves, from Slack locales and people's choices, are tested on their own): people whose id
 * starts with `UZH` and channels whose id starts with `CZH` are Chinese, `UBROKEN` cannot be looked up (as
 * when the store is down), everyone else is English. Use as
 * `vi.mock(path, async (original) => (await import(…)).mockLocales(original))` (vi.mock is hoisted).
 */
export async function mockLocales(importOriginal: () => Promise<unknown>) {
  const actual = (await importOriginal()) as typeof import('../../src/i18n/resolve.js');
  const { translator } = await import('../../src/i18n/translator.js');
  const personLocale = async (_deps: unknown, person: { userId: string }): Promise<Locale> => {
    if (person.userId.startsWith('UBROKEN')) throw new Error('the store is down');
    return person.userId.startsWith('UZH') ? 'zh' : 'en';
  };
  const channelLocale = async (_deps: unknown, _teamId: string, channelId: string): Promise<Locale> =>
    channelId.startsWith('CZH') ? 'zh' : 'en';
  return {
    ...actual,
    personLocale,
    channelLocale,
    personTranslator: async (deps: unknown, person: { userId: string }) => translator(await personLocale(deps, person)),
    channelTranslator: async (deps: unknown, teamId: string, channelId: string) =>
      translator(await channelLocale(deps, teamId, channelId)),
  };
}
