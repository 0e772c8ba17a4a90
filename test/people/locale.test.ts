import { describe, expect, it } from 'vitest';
import { personLocale } from '../../src/i18n/resolve.js';
import { FakeSlack } from '../../src/local/fake-slack.js';
import { syncDirectoryZones } from '../../src/people/directory.js';
import { resolveZone } from '../../src/people/zone.js';
import { createWebClient } from '../../src/slack/web-client.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { captureLogs } from '../helpers/logs.js';

const TEAM = 'T0LIGHTS';
const NOW = new Date('2026-11-29T12:00:00Z');

async function setUp() {
  const fake = new FakeSlack({ teamId: TEAM });
  await fake.start();
  fake.addUser({ id: 'UCHEN', name: 'chen', tz: 'Asia/Shanghai', locale: 'zh-CN' });
  fake.addUser({ id: 'UADA', name: 'ada', tz: 'America/Los_Angeles', locale: 'en-US' });
  fake.addUser({ id: 'UNEW', name: 'newcomer', tz: 'Asia/Taipei', locale: 'zh-TW' });
  const store = new SqliteStore(':memory:');
  const { logger } = captureLogs('silent');
  const client = createWebClient('xoxb-test', fake.apiUrl, logger, 'background');
  const deps = { store, client, logger, now: () => NOW, sleep: async () => undefined };
  return { fake, store, deps, locale: { store, config: { defaultLocale: 'en' as const } } };
}

describe("a person's Slack locale is read with their zone", () => {
  it('the directory sync asks for locales and keeps them for the people who use Lights Out', async () => {
    const { fake, store, deps, locale } = await setUp();
    try {
      await store.people.saveSlackTimezone({ teamId: TEAM, userId: 'UCHEN' }, 'UTC', '2026-11-01T00:00:00Z');
      await store.people.saveSlackTimezone({ teamId: TEAM, userId: 'UADA' }, 'UTC', '2026-11-01T00:00:00Z');
      await syncDirectoryZones(deps, TEAM);
      expect(fake.callsTo('users.list').every((call) => String(call.args.include_locale) === 'true')).toBe(true);
      expect(await personLocale(locale, { teamId: TEAM, userId: 'UCHEN' })).toBe('zh');
      expect(await personLocale(locale, { teamId: TEAM, userId: 'UADA' })).toBe('en');
      // Never a stranger's: the newcomer has no row until they use a command.
      expect(await store.people.getPerson({ teamId: TEAM, userId: 'UNEW' })).toBeUndefined();
    } finally {
      await fake.stop();
    }
  });

  it("a newcomer's first users.info brings their locale too, so the first answer can be in their language", async () => {
    const { fake, store, deps, locale } = await setUp();
    try {
      const newcomer = { teamId: TEAM, userId: 'UNEW' };
      expect(await personLocale(locale, newcomer)).toBe('en');
      await resolveZone({ ...deps, fallbackZone: 'America/Los_Angeles' }, newcomer);
      expect(fake.callsTo('users.info').map((call) => String(call.args.include_locale))).toEqual(['true']);
      expect(await store.people.getPerson(newcomer)).toMatchObject({ slackTz: 'Asia/Taipei', slackLocale: 'zh-TW' });
      expect(await personLocale(locale, newcomer)).toBe('zh');
    } finally {
      await fake.stop();
    }
  });
});
