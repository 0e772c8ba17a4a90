import { describe, expect, it } from 'vitest';
import type { Target } from '../../src/nudges/due.js';
import { planSlots } from '../../src/nudges/planner.js';

const person = (over: Partial<Extract<Target, { kind: 'person' }>> = {}): Target => ({
  kind: 'person',
  teamId: 'T1',
  userId: 'U1',
  zone: 'Europe/London',
  time: '22:00',
  weekends: true,
  resumeOn: null,
  since: new Date('2026-01-01T00:00:00Z'),
  ...over,
});
const window = (now: string, graceMinutes = 120, lookBackHours = 24) => {
  const at = new Date(now);
  return {
    now: at,
    sendFrom: new Date(at.getTime() - graceMinutes * 60_000),
    lookFrom: new Date(at.getTime() - lookBackHours * 3600_000),
  };
};

describe('the planner (pure)', () => {
  it('owes the latest slot inside the grace window, keyed by target and UTC slot, with its night', () => {
    const plan = planSlots([person()], window('2026-11-30T23:00:00Z'));
    expect(plan.due).toEqual([
      {
        key: 'person:T1:U1:2026-11-30T22:00:00.000Z',
        teamId: 'T1',
        kind: 'person',
        targetId: 'U1',
        slotAt: '2026-11-30T22:00:00.000Z',
        night: '2026-11-30',
      },
    ]);
    expect(plan.missed).toEqual([]);
  });

  it('owes nothing before the slot, and reports a slot older than the grace window as missed', () => {
    expect(planSlots([person()], window('2026-11-30T21:59:59Z')).due).toEqual([]);
    const late = planSlots([person()], window('2026-12-01T00:30:00Z'));
    expect(late.due).toEqual([]);
    expect(late.missed.map((d) => d.slotAt)).toEqual(['2026-11-30T22:00:00.000Z']);
  });

  it('respects since, weekends and pauses', () => {
    const at = window('2026-11-28T23:00:00Z'); // Saturday night
    expect(planSlots([person({ weekends: false })], at).due).toEqual([]);
    expect(planSlots([person({ resumeOn: '2026-11-29' })], at).due).toEqual([]);
    expect(planSlots([person({ since: new Date('2026-11-28T22:30:00Z') })], at).due).toEqual([]);
    expect(planSlots([person()], at).due).toHaveLength(1);
  });

  it('plans every other target when one is broken', () => {
    const broken = person({ userId: 'UBAD', time: 'not a time' });
    const plan = planSlots([broken, person()], window('2026-11-30T23:00:00Z'));
    expect(plan.due.map((d) => d.targetId)).toEqual(['U1']);
    expect(plan.problems.map((p) => p.target)).toEqual([broken]);
  });
});
