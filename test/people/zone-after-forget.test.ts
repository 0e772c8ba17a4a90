import { describe, expect, it } from 'vitest';
import { startJobs } from '../../src/jobs.js';
import { createWebClient } from '../../src/slack/web-client.js';
import { BOT_TOKEN, build, type CommandResult } from '../helpers/build.js';
import { rig, TEAM } from '../nudges/rig.js';

/**
 * A person with no cached zone (a newcomer, or right after `/hours forget`) is never given the NUDGE_TZ fallback
 * as if it were theirs: their Slack zone is read again (users.info) before anything zone-dependent is answered,
 * sent or scheduled. Ben is in London; the workspace default is Los Angeles.
 */

const BEN = 'U0BEN';

async function answered(result: CommandResult) {
  expect(result.status).toBe(200);
  if (result.ack && Object.keys(result.ack).length > 0) return result.ack;
  return (await result.response()).body;
}

const all = (message: { text?: unknown; blocks?: unknown }) => `${message.text} ${JSON.stringify(message.blocks)}`;

async function app() {
  const h = await build({ env: { NUDGE_TZ: 'America/Los_Angeles' } });
  h.fake.addUser({ id: BEN, name: 'ben', tz: 'Europe/London' });
  const jobs = startJobs(
    h.deps,
    createWebClient(BOT_TOKEN, h.fake.apiUrl, h.logs.logger, 'background'),
    { botId: h.fake.botId, botUserId: h.fake.botUserId, teamId: h.fake.teamId },
    { cron: false, catchUp: false, directory: false },
  );
  return { h, jobs };
}

const nudgeOn = {
  teamId: TEAM,
  userId: BEN,
  enabled: true,
  time: '23:00',
  weekends: true,
  resumeOn: null,
  offReason: null,
  updatedAt: '2026-11-01T00:00:00.000Z',
};

describe('the zone after /hours forget', () => {
  it('"Send my nudge now" right after forget reads Ben’s zone again: London, not the Los Angeles default', async () => {
    const { h, jobs } = await app();
    await answered(await h.command('/hours', 'log 2', { userId: BEN, teamId: TEAM }));
    await answered(await h.command('/nudge', 'me on 23:00', { userId: BEN, teamId: TEAM }));
    await answered(await h.command('/hours', 'forget confirm', { userId: BEN, teamId: TEAM }));
    const readsBefore = h.fake.callsTo('users.info').length;

    await jobs.nudgePersonNow(TEAM, BEN);
    const dm = h.fake.messages.filter((message) => !message.ephemeral).at(-1);
    expect(dm).toBeDefined();
    expect(all(dm as object)).toContain('in Europe/London');
    expect(all(dm as object)).not.toContain('America/Los_Angeles');
    expect(h.fake.callsTo('users.info').length).toBe(readsBefore + 1);
    await jobs.stop();
  });

  it('/nudge me with a nudge on and no zone cached asks Slack after the ack, and shows London', async () => {
    const { h, jobs } = await app();
    await h.store.nudges.savePerson(nudgeOn);
    const result = await h.command('/nudge', 'me', { userId: BEN, teamId: TEAM });
    expect(result.ack).toBeUndefined(); // acked empty: the answer waits for users.info
    const answer = all(await answered(result));
    expect(answer).toContain('23:00 Europe/London');
    expect(answer).toContain('from your Slack profile');
    expect(answer).not.toContain('America/Los_Angeles');
    // Now cached: the next answer rides in the ack, with no further Slack call.
    const again = await h.command('/nudge', 'status', { userId: BEN, teamId: TEAM });
    expect(all(again.ack as object)).toContain('23:00 Europe/London');
    expect(h.fake.callsTo('users.info')).toHaveLength(1);
    await jobs.stop();
  });

  it('a scheduled nudge with no zone cached is scheduled in the zone Slack gives, at 23:00 London', async () => {
    // Tue 1 Dec 2026: 23:00 in London is 23:00Z; 23:00 in Los Angeles would be 07:00Z the next day.
    const r = await rig({ start: '2026-12-01T22:50:00Z', env: { NUDGE_TZ: 'America/Los_Angeles' } });
    r.fake.addUser({ id: BEN, name: 'ben', tz: 'Europe/London' });
    await r.store.nudges.savePerson(nudgeOn);
    await r.tickAt('2026-12-01T22:50:00Z');
    expect((await r.tickAt('2026-12-01T23:00:00Z')).sent).toBe(1);
    const dm = r.fake.messages.filter((message) => !message.ephemeral).at(-1);
    expect(all(dm as object)).toContain('23:00 in Europe/London');
    expect(await r.store.people.getPerson({ teamId: TEAM, userId: BEN })).toMatchObject({ slackTz: 'Europe/London' });
  });

  it('asks a Slack that cannot tell (user_not_found) at most hourly, and meanwhile schedules in NUDGE_TZ', async () => {
    const r = await rig({ start: '2026-12-01T20:00:00Z', env: { NUDGE_TZ: 'America/Los_Angeles' } });
    await r.store.nudges.savePerson(nudgeOn); // Slack does not know Ben: users.info answers user_not_found
    for (let minute = 0; minute < 30; minute++) {
      await r.tickAt(new Date(Date.parse('2026-12-01T20:00:00Z') + minute * 60_000).toISOString());
    }
    expect(r.fake.callsTo('users.info')).toHaveLength(1);
    await r.tickAt('2026-12-01T21:01:00Z');
    expect(r.fake.callsTo('users.info')).toHaveLength(2);
  });
});
