import { describe, expect, it } from 'vitest';
import { expectValidMessage } from '../helpers/block-kit.js';
import { rig, TEAM } from './rig.js';

const ENV = { NUDGE_CHANNEL: 'C0LATE', NUDGE_TZ: 'America/Los_Angeles' };
/** Saturday 28 Nov 2026, 22:00 in Los Angeles. */
const SLOT = '2026-11-29T06:00:00.000Z';
const at = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

async function hoursFor(r: Awaited<ReturnType<typeof rig>>, userId: string, days: string[], minutesPerDay: number) {
  for (const workDate of days) {
    const result = await r.store.hours.addEntry(
      { teamId: TEAM, userId, workDate, minutes: minutesPerDay, note: null, loggedAt: '2026-11-28T10:00:00Z' },
      1440,
    );
    expect(result.ok).toBe(true);
  }
}

describe('the NUDGE_CHANNEL nudge', () => {
  it('posts once at 22:00 in NUDGE_TZ: not before, not twice', async () => {
    const r = await rig({ start: at(SLOT, -60), env: ENV });
    expect((await r.tickAt(at(SLOT, -60))).sent).toBe(0);
    expect((await r.tickAt(at(SLOT, -1))).sent).toBe(0);
    expect((await r.tickAt(SLOT)).sent).toBe(1);
    expect((await r.tickAt(at(SLOT, 1))).sent).toBe(0);
    expect((await r.tickAt(at(SLOT, 30))).sent).toBe(0);
    const posted = r.messagesTo('C0LATE');
    expect(posted).toHaveLength(1);
    expectValidMessage(posted[0]!);
    const all = `${posted[0]!.text}${JSON.stringify(posted[0]!.blocks)}`;
    expect(all).toContain('22:00 in America/Los_Angeles');
    expect(all).not.toMatch(/<[!@]/);
    const row = await r.store.nudges.getDelivery(`channel:${TEAM}:C0LATE:${SLOT}`);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, owner: r.scheduler.owner });
    expect(await r.store.history.recent(TEAM, 'C0LATE', 'nudge', 10)).toHaveLength(1);
  });

  it('never repeats one of the last 7 lines in a channel', async () => {
    // Nights pass in milliseconds here, so the real-time per-channel spacing is switched off.
    const r = await rig({ start: at(SLOT, -60), env: ENV, scheduler: { channelSpacingMs: 0 } });
    await r.tickAt(at(SLOT, -60));
    for (let night = 0; night < 14; night++) {
      expect((await r.tickAt(at(SLOT, night * 24 * 60))).sent).toBe(1);
    }
    const shown = (await r.store.history.recent(TEAM, 'C0LATE', 'nudge', 50)).reverse();
    expect(shown).toHaveLength(14);
    for (let i = 7; i < shown.length; i++) {
      expect(shown.slice(i - 7, i), `night ${i}`).not.toContain(shown[i]);
    }
    // And what was recorded is what was posted.
    const texts = r.messagesTo('C0LATE').map((message) => JSON.stringify(message.blocks));
    expect(texts).toHaveLength(14);
  });

  it('adds the anonymous team line for the last completed week, once at least 5 people logged it', async () => {
    const r = await rig({ start: at(SLOT, -60), env: ENV, scheduler: { channelSpacingMs: 0 } });
    const lastWeek = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];
    const liveWeek = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];
    await hoursFor(r, 'U1', lastWeek, 13 * 60); // 65 h
    await hoursFor(r, 'U2', lastWeek, 17 * 60); // 85 h
    await hoursFor(r, 'U3', lastWeek, 4 * 60);
    await hoursFor(r, 'U4', lastWeek, 6 * 60);
    // The live week never counts, however many log in it.
    for (const userId of ['U1', 'U2', 'U3', 'U4', 'U5', 'U6']) await hoursFor(r, userId, liveWeek, 20 * 60);
    await r.tickAt(at(SLOT, -60));
    await r.tickAt(SLOT);
    expect(JSON.stringify(r.messagesTo('C0LATE')[0]!.blocks)).not.toMatch(/past 60 hours|people here/);
    await hoursFor(r, 'U5', lastWeek, 2 * 60);
    await r.tickAt(at(SLOT, 24 * 60));
    const second = JSON.stringify(r.messagesTo('C0LATE')[1]!.blocks);
    expect(second).toContain(
      'Last week 2 people here were past 60 hours, 1 of them past 80 (of the 5 who log their hours here)',
    );
  });

  it('owes nothing from before it was installed, and a changed schedule starts afresh', async () => {
    const r = await rig({ start: at(SLOT, 30), env: ENV });
    expect((await r.tickAt(at(SLOT, 30))).sent).toBe(0);
    expect(r.messagesTo('C0LATE')).toHaveLength(0);
    expect((await r.tickAt(at(SLOT, 24 * 60))).sent).toBe(1);
  });

  it('a /nudge here row for the env channel replaces its schedule; an off row silences it', async () => {
    const r = await rig({ start: at(SLOT, -120), env: ENV, scheduler: { channelSpacingMs: 0 } });
    await r.tickAt(at(SLOT, -120));
    await r.store.nudges.enableChannel({
      teamId: TEAM,
      channelId: 'C0LATE',
      time: '21:00',
      zone: 'America/Los_Angeles',
      setBy: 'U1',
      at: at(SLOT, -119),
    });
    expect((await r.tickAt(at(SLOT, -60))).sent).toBe(1);
    expect((await r.tickAt(SLOT)).sent).toBe(0);
    await r.store.nudges.disableChannel(TEAM, 'C0LATE', { time: '22:00', zone: 'UTC' }, null, at(SLOT, 1));
    expect((await r.tickAt(at(SLOT, 23 * 60))).sent).toBe(0);
    expect((await r.tickAt(at(SLOT, 24 * 60))).sent).toBe(0);
    expect(r.messagesTo('C0LATE')).toHaveLength(1);
  });
});

describe('restarts and missed slots', () => {
  it('sends a slot missed while down once, on start-up, if it is under the grace window old', async () => {
    const a = await rig({ start: at(SLOT, -60), env: ENV });
    await a.tickAt(at(SLOT, -60));
    await a.scheduler.stop();
    // Down over 22:00; back at 23:30 (90 min late, grace 120).
    const b = await rig({ start: at(SLOT, 90), env: ENV, fake: a.fake, databasePath: a.databasePath });
    expect((await b.tickAt(at(SLOT, 90))).sent).toBe(1);
    // A third start a minute later sends nothing more.
    const c = await rig({ start: at(SLOT, 91), env: ENV, fake: a.fake, databasePath: a.databasePath });
    expect((await c.tickAt(at(SLOT, 91))).sent).toBe(0);
    expect(a.messagesTo('C0LATE')).toHaveLength(1);
  });

  it('skips and logs a slot missed by more than the grace window, once', async () => {
    const a = await rig({ start: at(SLOT, -60), env: ENV });
    await a.tickAt(at(SLOT, -60));
    await a.scheduler.stop();
    const b = await rig({ start: at(SLOT, 150), env: ENV, fake: a.fake, databasePath: a.databasePath });
    const report = await b.tickAt(at(SLOT, 150));
    expect(report).toMatchObject({ sent: 0, skipped: 1 });
    expect(a.messagesTo('C0LATE')).toHaveLength(0);
    expect(await b.store.nudges.getDelivery(`channel:${TEAM}:C0LATE:${SLOT}`)).toMatchObject({ status: 'skipped' });
    expect(b.logs.records().some((log) => String(log.msg).includes('too late to send'))).toBe(true);
    const c = await rig({ start: at(SLOT, 160), env: ENV, fake: a.fake, databasePath: a.databasePath });
    expect((await c.tickAt(at(SLOT, 160))).skipped).toBe(0);
  });

  it('honours NUDGE_GRACE_MINUTES', async () => {
    const a = await rig({ start: at(SLOT, -60), env: { ...ENV, NUDGE_GRACE_MINUTES: '10' } });
    await a.tickAt(at(SLOT, -60));
    expect((await a.tickAt(at(SLOT, 11))).sent).toBe(0);
    expect(a.messagesTo('C0LATE')).toHaveLength(0);
  });
});

describe('two instances on one store', () => {
  it('never send a slot twice, even ticking at the same moment', async () => {
    const a = await rig({ start: at(SLOT, -60), env: ENV });
    const b = await rig({ start: at(SLOT, -60), env: ENV, fake: a.fake, databasePath: a.databasePath });
    for (let i = 0; i < 12; i++) {
      await a.store.nudges.enableChannel({
        teamId: TEAM,
        channelId: `C${i}X`,
        time: '22:00',
        zone: 'America/Los_Angeles',
        setBy: 'U1',
        at: at(SLOT, -120),
      });
      await a.store.nudges.savePerson({
        teamId: TEAM,
        userId: `U${i}P`,
        enabled: true,
        time: '22:00',
        weekends: true,
        resumeOn: null,
        offReason: null,
        updatedAt: at(SLOT, -120),
      });
      await a.store.people.setTimezoneOverride({ teamId: TEAM, userId: `U${i}P` }, 'America/Los_Angeles');
    }
    await Promise.all([a.tickAt(at(SLOT, -60)), b.tickAt(at(SLOT, -60))]);
    const [ra, rb] = await Promise.all([a.tickAt(SLOT), b.tickAt(SLOT)]);
    expect(ra.sent + rb.sent).toBe(25);
    const posts = a.fake.messages.filter((message) => !message.ephemeral);
    expect(posts).toHaveLength(25);
    expect(new Set(posts.map((message) => message.channel)).size).toBe(25);
    // Later ticks of both find nothing to do.
    const [la, lb] = await Promise.all([a.tickAt(at(SLOT, 1)), b.tickAt(at(SLOT, 1))]);
    expect(la.sent + lb.sent).toBe(0);
  });
});
