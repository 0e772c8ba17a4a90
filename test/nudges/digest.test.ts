import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/i18n/locale.js';
import { MAX_UNCERTAIN_POSTS } from '../../src/store/types.js';
import { expectValidMessage } from '../helpers/block-kit.js';
import { eventually } from '../helpers/eventually.js';
import { controllablePost, type Rig, rig, TEAM } from './rig.js';

/**
 * The Monday digest through the nudge scheduler: a delivery kind of its own in the same ledger, so two schedulers
 * ticking at once send one DM, at 09:00 on Monday on the person's clock, across DST changes too.
 */
const TURNED_ON = '2026-01-01T00:00:00.000Z';

async function optIn(r: Rig, userId: string, zone: string, options: { enabled?: boolean; locale?: Locale } = {}) {
  await r.store.people.setTimezoneOverride({ teamId: TEAM, userId }, zone);
  if (options.locale) await r.store.people.setLocaleOverride({ teamId: TEAM, userId }, options.locale);
  await r.store.digests.save({ teamId: TEAM, userId, enabled: options.enabled ?? true, updatedAt: TURNED_ON });
}

async function log(r: Rig, userId: string, workDate: string, minutes: number, loggedAt: string) {
  await r.store.hours.addEntry({ teamId: TEAM, userId, workDate, minutes, note: null, loggedAt }, 1440);
}

/** Two schedulers on one store tick together every `stepMinutes`; returns the instants at which DMs went out. */
async function tickBoth(a: Rig, b: Rig, from: string, to: string, stepMinutes: number): Promise<string[]> {
  const sentAt: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += stepMinutes * 60_000) {
    const iso = new Date(t).toISOString();
    const reports = await Promise.all([a.tickAt(iso), b.tickAt(iso)]);
    for (let i = 0; i < reports[0].sent + reports[1].sent; i++) sentAt.push(iso);
  }
  return sentAt;
}

async function twoSchedulers(start: string): Promise<[Rig, Rig]> {
  const a = await rig({ start, scheduler: { channelSpacingMs: 0 } });
  const b = await rig({ start, fake: a.fake, databasePath: a.databasePath, scheduler: { channelSpacingMs: 0 } });
  return [a, b];
}

const digestsTo = (r: Rig, channel: string) =>
  r.messagesTo(channel).filter((message) => JSON.stringify(message.blocks ?? []).includes('"type":"header"'));

describe('the Monday digest, delivered', () => {
  it('comes once at 09:00 Monday local with two schedulers ticking at once; never to someone opted out', async () => {
    const [a, b] = await twoSchedulers('2026-11-29T00:00:00Z');
    await optIn(a, 'U0LDN', 'Europe/London');
    await optIn(a, 'U0OFF', 'Europe/London', { enabled: false });
    await log(a, 'U0LDN', '2026-11-24', 600, '2026-11-24T19:00:00Z');
    await log(a, 'U0LDN', '2026-11-26', 540, '2026-11-27T01:30:00Z');
    // Sunday to Tuesday: only Monday 09:00 London (09:00Z) sends.
    expect(await tickBoth(a, b, '2026-11-29T00:00:00Z', '2026-12-01T12:00:00Z', 30)).toEqual([
      '2026-11-30T09:00:00.000Z',
    ]);
    const posts = a.fake.callsTo('chat.postMessage').map((call) => call.args.channel);
    expect(posts).toEqual(['D0LDN']);
    const [digest] = digestsTo(a, 'D0LDN');
    expect(digest).toBeDefined();
    expectValidMessage(digest!, { requireBlocks: true });
    const text = JSON.stringify(digest!.blocks);
    expect(text).toContain('Last week you logged *19 h*');
    expect(text).toContain('Longest day');
    expect(text).toContain('1 entry was logged after midnight');
    expect(text).toContain('/nudge me digest off');
    const row = await a.store.nudges.getDelivery('digest:T0LIGHTS:U0LDN:2026-11-30T09:00:00.000Z');
    expect(row).toMatchObject({ kind: 'digest', status: 'sent', attempts: 1, night: '2026-11-30' });
  });

  it('stays at 09:00 local across DST changes: Los Angeles in November, London in March', async () => {
    const [a, b] = await twoSchedulers('2026-10-26T00:00:00Z');
    await optIn(a, 'U0LAX', 'America/Los_Angeles');
    // Mon 26 Oct is PDT (09:00 = 16:00Z); DST ends Sun 1 Nov, so Mon 2 Nov is PST (09:00 = 17:00Z).
    const october = await tickBoth(a, b, '2026-10-26T00:00:00Z', '2026-10-27T00:00:00Z', 15);
    const november = await tickBoth(a, b, '2026-11-02T00:00:00Z', '2026-11-03T00:00:00Z', 15);
    expect([...october, ...november]).toEqual(['2026-10-26T16:00:00.000Z', '2026-11-02T17:00:00.000Z']);

    const [c, d] = await twoSchedulers('2026-03-23T00:00:00Z');
    await optIn(c, 'U0LDN', 'Europe/London');
    // Mon 23 Mar is GMT (09:00 = 09:00Z); BST starts Sun 29 Mar, so Mon 30 Mar 09:00 is 08:00Z.
    const before = await tickBoth(c, d, '2026-03-23T00:00:00Z', '2026-03-24T00:00:00Z', 15);
    const after = await tickBoth(c, d, '2026-03-29T00:00:00Z', '2026-03-31T00:00:00Z', 15);
    expect([...before, ...after]).toEqual(['2026-03-23T09:00:00.000Z', '2026-03-30T08:00:00.000Z']);
    expect(digestsTo(c, 'D0LDN')).toHaveLength(2);
  });

  it('speaks the person’s language, shows the chart when it uploads, and goes without it when it cannot', async () => {
    const r = await rig({ start: '2026-11-30T00:00:00Z', scheduler: { channelSpacingMs: 0 } });
    await optIn(r, 'U0SHA', 'Asia/Shanghai', { locale: 'zh' });
    await optIn(r, 'U0LDN', 'Europe/London');
    await log(r, 'U0SHA', '2026-11-25', 660, '2026-11-25T12:00:00Z');
    // 09:00 Monday in Shanghai is 01:00Z: the chart uploads to that DM.
    await r.tickAt('2026-11-30T01:00:00Z');
    const [zh] = digestsTo(r, 'D0SHA');
    expect(zh).toBeDefined();
    expectValidMessage(zh!, { requireBlocks: true });
    const zhText = JSON.stringify(zh!.blocks);
    expect(zhText).toContain('上周你记录了');
    expect(zhText).not.toMatch(/Last week|Longest day/);
    expect(zh!.blocks?.some((block) => (block as { type: string }).type === 'image')).toBe(true);
    // London's upload fails: the digest still goes, in English, with no image block.
    r.fake.answer('files.getUploadURLExternal', async () => ({ ok: false, error: 'internal_error' }));
    await r.tickAt('2026-11-30T09:00:00Z');
    const [en] = digestsTo(r, 'D0LDN');
    expect(en).toBeDefined();
    expectValidMessage(en!, { requireBlocks: true });
    expect(JSON.stringify(en!.blocks)).toContain('Nothing logged last week.');
    expect(en!.blocks?.some((block) => (block as { type: string }).type === 'image')).toBe(false);
  });

  it('is never sent as a nudge, nor a nudge as a digest: both at 09:00 Monday are two different DMs', async () => {
    const r = await rig({ start: '2026-11-30T08:00:00Z', scheduler: { channelSpacingMs: 0 } });
    await optIn(r, 'U0LDN', 'Europe/London');
    await r.store.nudges.savePerson({
      teamId: TEAM,
      userId: 'U0LDN',
      enabled: true,
      time: '09:00',
      weekends: true,
      resumeOn: null,
      offReason: null,
      updatedAt: TURNED_ON,
    });
    const report = await r.tickAt('2026-11-30T09:00:00Z');
    expect(report.sent).toBe(2);
    const posts = r.messagesTo('D0LDN');
    expect(posts).toHaveLength(2);
    expect(digestsTo(r, 'D0LDN')).toHaveLength(1);
    const nudge = posts.find((message) => !JSON.stringify(message.blocks ?? []).includes('"type":"header"'));
    expect(JSON.stringify(nudge?.blocks)).toContain("It's 09:00 in Europe/London");
    const kinds = ['person', 'digest'].map((kind) => `${kind}:T0LIGHTS:U0LDN:2026-11-30T09:00:00.000Z`);
    for (const key of kinds) expect(await r.store.nudges.getDelivery(key)).toMatchObject({ status: 'sent' });
  });

  it('owes nothing for a Monday before it was turned on, and stops when turned off', async () => {
    const r = await rig({ start: '2026-11-30T08:00:00Z', scheduler: { channelSpacingMs: 0 } });
    await r.store.people.setTimezoneOverride({ teamId: TEAM, userId: 'U0LDN' }, 'Europe/London');
    await r.store.digests.save({ teamId: TEAM, userId: 'U0LDN', enabled: true, updatedAt: '2026-11-30T09:30:00Z' });
    await r.tickAt('2026-11-30T09:00:00Z');
    await r.tickAt('2026-11-30T10:00:00Z');
    expect(r.messagesTo('D0LDN')).toHaveLength(0);
    await r.tickAt('2026-12-07T09:00:00Z');
    expect(digestsTo(r, 'D0LDN')).toHaveLength(1);
    await r.store.digests.save({ teamId: TEAM, userId: 'U0LDN', enabled: false, updatedAt: '2026-12-08T00:00:00Z' });
    await r.tickAt('2026-12-14T09:00:00Z');
    expect(digestsTo(r, 'D0LDN')).toHaveLength(1);
  });

  it('a crash mid-send never posts more than MAX_UNCERTAIN_POSTS digests', async () => {
    const SLOT = '2026-11-30T09:00:00.000Z';
    const key = `digest:${TEAM}:U0LDN:${SLOT}`;
    const minutesAfter = (minutes: number) => new Date(Date.parse(SLOT) + minutes * 60_000).toISOString();
    const crashWhilePosting = async (start: string, fake?: Rig['fake'], databasePath?: string) => {
      const r = await rig({
        start,
        scheduler: { stopWaitMs: 50 },
        ...(fake && databasePath ? { fake, databasePath } : {}),
      });
      const posts = r.fake.callsTo('chat.postMessage').length;
      controllablePost(r.fake).hang = true;
      if (!fake) await optIn(r, 'U0LDN', 'Europe/London');
      r.tickAt(start).catch(() => undefined);
      await eventually(() => r.fake.callsTo('chat.postMessage').length > posts, 5000, 'the hanging post');
      await r.store.close(); // the process dies with its post unanswered
      return r;
    };
    const a = await crashWhilePosting(SLOT);
    // Past the two-minute lease another process takes it over, posts again, and dies the same way.
    await crashWhilePosting(minutesAfter(3), a.fake, a.databasePath);
    // A third finds two posts that may have landed: it gives up rather than post a third.
    controllablePost(a.fake);
    const c = await rig({ start: minutesAfter(6), fake: a.fake, databasePath: a.databasePath });
    expect(await c.tickAt(minutesAfter(6))).toMatchObject({ sent: 0, failed: 1 });
    expect(a.fake.callsTo('chat.postMessage')).toHaveLength(MAX_UNCERTAIN_POSTS);
    expect(await c.store.nudges.getDelivery(key)).toMatchObject({ status: 'failed', attempts: MAX_UNCERTAIN_POSTS });
  });

  it('turns the digest off, not a nudge, when the person can no longer get DMs', async () => {
    const r = await rig({ start: '2026-11-30T08:00:00Z', scheduler: { channelSpacingMs: 0 } });
    await optIn(r, 'U0GONE', 'Europe/London');
    // Every DM open fails: the chart's upload (which then goes without the picture) and the post's.
    r.fake.fail('conversations.open', { kind: 'slack_error', error: 'user_not_found' }, 5);
    expect(await r.tickAt('2026-11-30T09:00:00Z')).toMatchObject({ sent: 0, failed: 1 });
    expect(await r.store.digests.get({ teamId: TEAM, userId: 'U0GONE' })).toMatchObject({ enabled: false });
    expect(await r.store.nudges.getPerson({ teamId: TEAM, userId: 'U0GONE' })).toBeUndefined();
    expect(await r.tickAt('2026-12-07T09:00:00Z')).toMatchObject({ sent: 0, failed: 0 });
  });
});
