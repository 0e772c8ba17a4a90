import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { startJobs } from '../../src/jobs.js';
import { installedWorkspaces } from '../../src/oauth/clients.js';
import { createWebClient } from '../../src/slack/web-client.js';
import { dialects } from '../store/contract/kit.js';
import { buildOAuth } from './harness.js';

const TEAMS = ['T0AAA', 'T0BBB'] as const;

for (const { name, create } of dialects) {
  describe(`nudges in OAuth mode, each workspace with its own token [${name}]`, () => {
    it('sends each installed workspace’s personal nudge with that workspace’s token', async () => {
      const app = await buildOAuth({ database: await create() });
      app.oauth.addWorkspace({ teamId: 'T0AAA', name: 'Alpha Lab' });
      app.oauth.addWorkspace({ teamId: 'T0BBB', name: 'Beta Lab' });
      app.fake.addUser({ id: 'U1', name: 'ada', tz: 'UTC' });
      for (const teamId of TEAMS) expect((await app.install(teamId)).status).toBe(200);

      // The same person in both workspaces turns the DM on, due two minutes before the tick below. The app runs
      // on the real clock (requests are signed at it); the tick is driven with an explicit instant.
      const tickAt = DateTime.utc().startOf('minute');
      const due = tickAt.minus({ minutes: 2 }).toFormat('HH:mm');
      for (const teamId of TEAMS) {
        const as = { teamId, userId: 'U1' };
        for (const [command, text] of [
          ['/hours', 'tz UTC'],
          ['/nudge', `me on ${due}`],
        ] as const) {
          const result = await app.command(command, text, as);
          expect(result.status).toBe(200);
          // Answered later (after the ack) when the ack is empty: wait for it, the row is written by then.
          if (!result.ack || Object.keys(result.ack).length === 0) await result.response();
        }
      }
      for (const teamId of TEAMS) {
        // Every day, so the test runs on any weekday, and turned on an hour ago, before tonight's slot.
        const person = await app.store.nudges.getPerson({ teamId, userId: 'U1' });
        expect(person).toMatchObject({ enabled: true, time: due });
        const earlier = tickAt.minus({ hours: 1 }).toISO() ?? '';
        if (person) await app.store.nudges.savePerson({ ...person, weekends: true, updatedAt: earlier });
      }

      const installations = app.lightsOut.installations;
      if (!installations) throw new Error('OAuth mode builds installations');
      const { deps } = app;
      // What main passes in OAuth mode: the installed workspaces and a client with each one's token.
      const jobs = startJobs(
        deps,
        createWebClient('', deps.config.slack.apiUrl, deps.logger, 'background'),
        { botId: '', botUserId: '' },
        {
          cron: false,
          catchUp: false,
          directory: false,
          workspaces: installedWorkspaces(installations, deps.config.slack.apiUrl, deps.logger),
        },
      );
      try {
        const report = await jobs.scheduler.tick(tickAt.toJSDate());
        expect(report).toMatchObject({ sent: 2, failed: 0 });
      } finally {
        await jobs.stop();
      }

      const workspaceOf = (token: string | undefined) => app.oauth.tokens.get(token ?? '')?.workspace.teamId;
      const dms = app.fake.callsTo('chat.postMessage').filter((call) => String(call.args.channel).startsWith('D'));
      expect(dms.map((call) => workspaceOf(call.token)).sort()).toEqual([...TEAMS]);
      const opens = app.fake.callsTo('conversations.open');
      expect(opens.map((call) => workspaceOf(call.token)).sort()).toEqual([...TEAMS]);
    });
  });
}
