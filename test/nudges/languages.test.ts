import { describe, expect, it } from 'vitest';
import type { PostedMessage } from '../../src/local/fake-slack.js';
import { expectValidMessage } from '../helpers/block-kit.js';
import { expectLanguage, shownText } from './language.js';
import { rig, TEAM } from './rig.js';

/** Saturday 28 Nov 2026, 22:00 in Los Angeles. */
const SLOT = '2026-11-29T06:00:00.000Z';
const at = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
type R = Awaited<ReturnType<typeof rig>>;

async function channel(r: R, channelId: string, locale?: 'en' | 'zh') {
  await r.store.nudges.enableChannel({
    teamId: TEAM,
    channelId,
    time: '22:00',
    zone: 'America/Los_Angeles',
    setBy: 'U0SETTER',
    at: '2026-11-01T00:00:00.000Z',
    ...(locale ? { locale } : {}),
  });
}

async function person(r: R, userId: string, slackLocale: string | null) {
  await r.store.people.setTimezoneOverride({ teamId: TEAM, userId }, 'America/Los_Angeles');
  if (slackLocale) {
    // As the directory sync caches it: the zone and the locale Slack gave.
    await r.store.people.saveSlackTimezone(
      { teamId: TEAM, userId },
      'America/Los_Angeles',
      '2026-11-28T00:00:00.000Z',
      slackLocale,
    );
  }
  await r.store.nudges.savePerson({
    teamId: TEAM,
    userId,
    enabled: true,
    time: '22:00',
    weekends: true,
    resumeOn: null,
    offReason: null,
    updatedAt: '2026-11-01T00:00:00.000Z',
  });
}

const only = (messages: PostedMessage[]): PostedMessage => {
  expect(messages).toHaveLength(1);
  return messages[0] as PostedMessage;
};

describe('nudges in the reader’s language, end to end through the scheduler', () => {
  it('a channel set to zh gets its nightly nudge in Chinese; one without a language in DEFAULT_LOCALE', async () => {
    const r = await rig({ start: at(SLOT, -60), scheduler: { channelSpacingMs: 0 } });
    await channel(r, 'C0ZH', 'zh');
    await channel(r, 'C0PLAIN');
    await r.tickAt(at(SLOT, -60));
    expect((await r.tickAt(SLOT)).sent).toBe(2);
    const zh = only(r.messagesTo('C0ZH'));
    expectValidMessage(zh, { requireBlocks: true });
    expectLanguage('zh', zh);
    expect(shownText(zh)).toContain('America/Los_Angeles 时间 22:00。');
    const plain = only(r.messagesTo('C0PLAIN'));
    expectValidMessage(plain, { requireBlocks: true });
    expectLanguage('en', plain);
    expect(shownText(plain)).toContain('22:00 in America/Los_Angeles.');
  });

  it('DEFAULT_LOCALE=zh makes a channel without a language Chinese, and one set to en stays English', async () => {
    const r = await rig({ start: at(SLOT, -60), env: { DEFAULT_LOCALE: 'zh' }, scheduler: { channelSpacingMs: 0 } });
    await channel(r, 'C0PLAIN');
    await channel(r, 'C0EN', 'en');
    await r.tickAt(at(SLOT, -60));
    expect((await r.tickAt(SLOT)).sent).toBe(2);
    expectLanguage('zh', only(r.messagesTo('C0PLAIN')));
    expectLanguage('en', only(r.messagesTo('C0EN')));
  });

  it('a person whose Slack is Chinese gets the DM in Chinese, the others in English; a change applies next night', async () => {
    const r = await rig({ start: at(SLOT, -60), scheduler: { channelSpacingMs: 0 } });
    await person(r, 'U0CHEN', 'zh-CN');
    await person(r, 'U0ADA', 'en-US');
    await person(r, 'U0BEN', null);
    await r.tickAt(at(SLOT, -60));
    expect((await r.tickAt(SLOT)).sent).toBe(3);
    const chen = only(r.messagesTo('D0CHEN'));
    expectValidMessage(chen, { requireBlocks: true });
    expectLanguage('zh', chen);
    expect(shownText(chen)).toContain('现在是 America/Los_Angeles 时间 22:00');
    expect(shownText(chen)).toContain('11月28日 周六');
    for (const dm of ['D0ADA', 'D0BEN']) expectLanguage('en', only(r.messagesTo(dm)));

    // Read per delivery from the store: the same scheduler follows a new choice the next night.
    await r.store.people.setLocaleOverride({ teamId: TEAM, userId: 'U0CHEN' }, 'en');
    await r.store.people.setLocaleOverride({ teamId: TEAM, userId: 'U0ADA' }, 'zh');
    expect((await r.tickAt(at(SLOT, 24 * 60))).sent).toBe(3);
    expectLanguage('en', r.messagesTo('D0CHEN')[1] as PostedMessage);
    expectLanguage('zh', r.messagesTo('D0ADA')[1] as PostedMessage);
  });

  it('the "cannot post there" note reaches whoever set the nudge in their language', async () => {
    const r = await rig({ start: at(SLOT, -60) });
    await channel(r, 'C0GONE', 'en');
    await r.store.people.setLocaleOverride({ teamId: TEAM, userId: 'U0SETTER' }, 'zh');
    await r.tickAt(at(SLOT, -60));
    r.fake.fail('chat.postMessage', { kind: 'slack_error', error: 'not_in_channel' }, 1);
    expect(await r.tickAt(SLOT)).toMatchObject({ sent: 0, failed: 1 });
    const note = only(r.messagesTo('D0SETTER'));
    expectValidMessage(note);
    expectLanguage('zh', note);
    expect(note.text).toContain('<#C0GONE>');
    expect(note.text).toContain('/invite @Lights Out');
  });
});
