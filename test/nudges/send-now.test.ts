import { describe, expect, it } from 'vitest';
import { rig, TEAM } from './rig.js';

/** Tuesday 1 Dec 2026, 10:47 in Los Angeles: the morning the local button was pressed. */
const MORNING = '2026-12-01T18:47:00.000Z';

describe('a nudge sent now (the local buttons)', () => {
  it("is tonight's channel nudge, with the time it is for, and the scheduled one still comes", async () => {
    const r = await rig({
      start: MORNING,
      env: { NUDGE_CHANNEL: 'C0LATE', NUDGE_TZ: 'America/Los_Angeles' },
      scheduler: { channelSpacingMs: 0 },
    });
    await r.tickAt(MORNING);
    await r.scheduler.sendChannelNow(TEAM, 'C0LATE');
    const [early] = r.messagesTo('C0LATE');
    expect(String(early?.text)).toMatch(/^22:00 in America\/Los_Angeles\. /);
    expect(JSON.stringify(early?.blocks)).not.toContain('10:47');
    // 22:00 in Los Angeles is 06:00Z on the 2nd: the real slot is still owed and sent.
    expect((await r.tickAt('2026-12-02T06:00:00.000Z')).sent).toBe(1);
    expect(String(r.messagesTo('C0LATE')[1]?.text)).toMatch(/^22:00 in America\/Los_Angeles\. /);
  });

  it("is the person's nudge at their own time, in their own zone", async () => {
    const r = await rig({ start: MORNING, scheduler: { channelSpacingMs: 0 } });
    await r.store.people.setTimezoneOverride({ teamId: TEAM, userId: 'U0CHEN' }, 'Asia/Shanghai');
    await r.store.nudges.savePerson({
      teamId: TEAM,
      userId: 'U0CHEN',
      enabled: true,
      time: '23:30',
      weekends: true,
      resumeOn: null,
      offReason: null,
      updatedAt: '2026-11-01T00:00:00.000Z',
    });
    await r.scheduler.sendPersonNow(TEAM, 'U0CHEN');
    expect(String(r.messagesTo('D0CHEN')[0]?.text)).toMatch(/^It's 23:30 in Asia\/Shanghai: time to stop\./);
  });
});
