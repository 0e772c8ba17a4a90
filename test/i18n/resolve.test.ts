import { describe, expect, it } from 'vitest';
import { channelLocale, channelTranslator, personLocale, personTranslator } from '../../src/i18n/resolve.js';
import { SqliteStore } from '../../src/store/sqlite.js';

const NOW = '2026-12-01T06:00:00.000Z';
const person = { teamId: 'T1', userId: 'U1' };

async function setup(defaultLocale: 'en' | 'zh' = 'en') {
  const store = new SqliteStore(':memory:', { now: () => new Date(NOW) });
  return { store, config: { defaultLocale } };
}

describe('choosing a language', () => {
  it('a person: their /hours lang choice, else their Slack locale, else the workspace default', async () => {
    const deps = await setup('zh');
    expect(await personLocale(deps, person)).toBe('zh');
    await deps.store.people.saveSlackTimezone(person, 'Europe/London', NOW, 'en-GB');
    expect(await personLocale(deps, person)).toBe('en');
    await deps.store.people.saveSlackTimezone(person, 'Asia/Taipei', NOW, 'zh-TW');
    expect(await personLocale(deps, person)).toBe('zh');
    await deps.store.people.setLocaleOverride(person, 'en');
    expect(await personLocale(deps, person)).toBe('en');
    expect((await personTranslator(deps, person)).locale).toBe('en');
  });

  it('a channel: its own language, else DEFAULT_LOCALE', async () => {
    const deps = await setup('en');
    expect(await channelLocale(deps, 'T1', 'C1')).toBe('en');
    await deps.store.nudges.setChannelLocale('T1', 'C1', 'zh', { time: '22:00', zone: 'UTC' }, NOW);
    expect(await channelLocale(deps, 'T1', 'C1')).toBe('zh');
    expect(await channelLocale(deps, 'T1', 'C2')).toBe('en');
    expect((await channelTranslator(deps, 'T1', 'C1')).t('common.language.zh')).toBe('简体中文');
  });
});
