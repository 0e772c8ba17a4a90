import { describe, expect, it } from 'vitest';
import { expectValidMessage } from '../helpers/block-kit.js';
import { rig, TEAM } from './rig.js';

type R = Awaited<ReturnType<typeof rig>>;

async function person(
  r: R,
  userId: string,
  zone: string,
  options: { time?: string; weekends?: boolean; resumeOn?: string | null; since?: string } = {},
) {
  await r.store.people.setTimezoneOverride({ teamId: TEAM, userId }, zone);
  await r.store.nudges.savePerson({
    teamId: TEAM,
    userId,
    enabled: true,
    time: options.time ?? '22:00',
    weekends: options.weekends ?? false,
    resumeOn: options.resumeOn ?? null,
    offReason: null,
    updatedAt: options.since ?? '2026-01-01T00:00:00.000Z',
  });
}

/** Ticks every `stepMinutes` from `from` to `to` and returns the clock times at which a DM was posted. */
async function tickThrough(r: R, from: string, to: string, stepMinutes: number): Promise<string[]> {
  const sentAt: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += stepMinutes * 60_000) {
    const report = await r.tickAt(new Date(t).toISOString());
    for (let i = 0; i < report.sent; i++) sentAt.push(new Date(t).toISOString());
  }
  return sentAt;
}

describe('the personal nudge (DM)', () => {
  it('comes at each person’s own 22:00 with their hours today and this week, and their band', async () => {
    const r = await rig({ start: '2026-11-27T21:00:00Z', scheduler: { channelSpacingMs: 0 } });
    await person(r, 'U0LDN', 'Europe/London');
    await person(r, 'U0NYC', 'America/New_York');
    for (const [date, minutes] of [
      ['2026-11-23', 600],
      ['2026-11-24', 720],
      ['2026-11-25', 630],
      ['2026-11-26', 600],
      ['2026-11-27', 570],
    ] as const) {
      await r.store.hours.addEntry(
        { teamId: TEAM, userId: 'U0LDN', workDate: date, minutes, note: null, loggedAt: '2026-11-27T20:00:00Z' },
        1440,
      );
    }
    // Friday 27 Nov: 22:00 in London is 22:00Z; in New York it is 03:00Z on the 28th.
    expect(await tickThrough(r, '2026-11-27T21:00:00Z', '2026-11-28T04:00:00Z', 15)).toEqual([
      '2026-11-27T22:00:00.000Z',
      '2026-11-28T03:00:00.000Z',
    ]);
    const opens = r.fake.callsTo('conversations.open').map((call) => call.args.users);
    expect(opens).toEqual(['U0LDN', 'U0NYC']);
    const london = r.fake.messages.find((message) => message.channel === 'D0LDN');
    expect(london).toBeDefined();
    expectValidMessage(london!);
    const text = JSON.stringify(london!.blocks);
    expect(text).toContain("It's 22:00 in Europe/London");
    expect(text).toContain('Today (Fri 27 Nov) you logged *9h30m*');
    expect(text).toContain('This week: *52h*');
    expect(text).toContain('long');
    expect(text).toContain('/hours log');
    const newYork = JSON.stringify(r.fake.messages.find((message) => message.channel === 'D0NYC')!.blocks);
    expect(newYork).toContain("haven't logged any hours for today");
  });

  it('skips Saturday and Sunday nights unless weekends are on, and honours a pause', async () => {
    const r = await rig({ start: '2026-11-27T00:00:00Z', scheduler: { channelSpacingMs: 0 } });
    await person(r, 'U0WEEKDAY', 'Europe/London');
    await person(r, 'U0ALWAYS', 'Europe/London', { weekends: true });
    await person(r, 'U0PAUSED', 'Europe/London', { weekends: true, resumeOn: '2026-11-29' });
    await r.tickAt('2026-11-27T00:00:00Z');
    const nights = ['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'];
    const got: Record<string, string[]> = {};
    for (const night of nights) {
      const before = r.fake.messages.length;
      await r.tickAt(`${night}T22:00:00Z`);
      got[night] = r.fake.messages
        .slice(before)
        .map((message) => message.channel)
        .sort();
    }
    expect(got).toEqual({
      '2026-11-27': ['D0ALWAYS', 'D0WEEKDAY'], // Friday
      '2026-11-28': ['D0ALWAYS'], // Saturday; paused person still paused
      '2026-11-29': ['D0ALWAYS', 'D0PAUSED'], // Sunday; the pause ends
      '2026-11-30': ['D0ALWAYS', 'D0PAUSED', 'D0WEEKDAY'],
    });
  });

  it('follows the person’s zone when it changes, and still sends one nudge per night', async () => {
    const r = await rig({ start: '2026-11-27T21:00:00Z', scheduler: { channelSpacingMs: 0 } });
    await person(r, 'U0MOVE', 'Europe/London', { weekends: true });
    expect((await r.tickAt('2026-11-27T22:00:00Z')).sent).toBe(1);
    // They fly to New York the same evening: 22:00 there is another slot, but it is the same night.
    await r.store.people.setTimezoneOverride({ teamId: TEAM, userId: 'U0MOVE' }, 'America/New_York');
    expect((await r.tickAt('2026-11-28T03:00:00Z')).sent).toBe(0);
    expect((await r.tickAt('2026-11-29T03:00:00Z')).sent).toBe(1);
  });
});

describe('the personal nudge across DST changes (injected clock, ticking every 5 minutes)', () => {
  it('America/New_York spring forward: a 02:30 setting fires once, at 03:30 EDT', async () => {
    const r = await rig({ start: '2026-03-08T04:00:00Z' });
    await person(r, 'U0SPRING', 'America/New_York', { time: '02:30', weekends: true });
    expect(await tickThrough(r, '2026-03-08T04:00:00Z', '2026-03-08T12:00:00Z', 5)).toEqual([
      '2026-03-08T07:30:00.000Z',
    ]);
  });

  it('America/New_York fall back: a 01:30 setting fires once, at the first (EDT) 01:30', async () => {
    const r = await rig({ start: '2026-11-01T03:00:00Z' });
    await person(r, 'U0FALL', 'America/New_York', { time: '01:30', weekends: true });
    expect(await tickThrough(r, '2026-11-01T03:00:00Z', '2026-11-01T10:00:00Z', 5)).toEqual([
      '2026-11-01T05:30:00.000Z',
    ]);
  });

  it('Europe/London spring forward and fall back: 01:30 fires once each day', async () => {
    const r = await rig({ start: '2026-03-28T23:00:00Z' });
    await person(r, 'U0LDN', 'Europe/London', { time: '01:30', weekends: true });
    expect(await tickThrough(r, '2026-03-28T23:00:00Z', '2026-03-29T05:00:00Z', 5)).toEqual([
      '2026-03-29T01:30:00.000Z',
    ]);
    const autumn = await rig({ start: '2026-10-24T22:00:00Z' });
    await person(autumn, 'U0LDN', 'Europe/London', { time: '01:30', weekends: true });
    expect(await tickThrough(autumn, '2026-10-24T22:00:00Z', '2026-10-25T05:00:00Z', 5)).toEqual([
      '2026-10-25T00:30:00.000Z',
    ]);
  });

  it('a 22:00 nudge stays at 22:00 local on both sides of the change', async () => {
    const r = await rig({ start: '2026-03-07T20:00:00Z', scheduler: { channelSpacingMs: 0 } });
    await person(r, 'U0EVE', 'America/New_York', { weekends: true });
    expect(await tickThrough(r, '2026-03-07T20:00:00Z', '2026-03-09T04:00:00Z', 30)).toEqual([
      '2026-03-08T03:00:00.000Z',
      '2026-03-09T02:00:00.000Z',
    ]);
  });
});
