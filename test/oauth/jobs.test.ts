import { describe, expect, it } from 'vitest';
import { startJobs } from '../../src/jobs.js';
import { installationClients } from '../../src/oauth/clients.js';
import { createWebClient } from '../../src/slack/web-client.js';
import { eventually } from '../helpers/eventually.js';
import { buildOAuth } from './harness.js';

describe('background work per installed workspace (OAuth mode)', () => {
  it('syncs each workspace’s directory with that workspace’s own token', async () => {
    const app = await buildOAuth();
    app.oauth.addWorkspace({ teamId: 'T0AAA', name: 'Alpha Lab' });
    app.oauth.addWorkspace({ teamId: 'T0BBB', name: 'Beta Lab' });
    app.fake.addUser({ id: 'U1', name: 'ada', tz: 'Europe/London' });
    await app.install('T0AAA');
    await app.install('T0BBB');
    // Ada uses Lights Out in both workspaces (the sync refreshes only such people), last seen elsewhere.
    for (const teamId of ['T0AAA', 'T0BBB']) {
      await app.store.people.saveSlackTimezone({ teamId, userId: 'U1' }, 'Asia/Tokyo', '2026-01-01T00:00:00Z');
    }
    const installations = app.lightsOut.installations;
    if (!installations) throw new Error('OAuth mode builds installations');
    const { deps } = app;
    const clientFor = installationClients(installations, deps.config.slack.apiUrl, deps.logger);
    const jobs = startJobs(
      deps,
      createWebClient('', deps.config.slack.apiUrl, deps.logger, 'background'),
      { botId: '', botUserId: '' },
      {
        cron: false,
        catchUp: false,
        workspaces: { teams: async () => ['T0AAA', 'T0BBB'], clientFor },
      },
    );
    await app.fake.waitForCalls('users.list', 2);
    await eventually(
      () =>
        app.logs
          .records()
          .filter(
            (record) => record.msg === 'refreshed the Slack time zones and locales of the people who use Lights Out',
          ).length === 2,
      5000,
      'both syncs',
    );
    await jobs.stop();
    const teams = app.fake
      .callsTo('users.list')
      .map((call) => app.oauth.tokens.get(call.token ?? '')?.workspace.teamId);
    expect(teams).toEqual(['T0AAA', 'T0BBB']);
    expect((await app.store.people.getPerson({ teamId: 'T0AAA', userId: 'U1' }))?.slackTz).toBe('Europe/London');
    expect((await app.store.people.getPerson({ teamId: 'T0BBB', userId: 'U1' }))?.slackTz).toBe('Europe/London');
    // The same client is reused while the token stays the same.
    expect(await clientFor('T0AAA')).toBe(await clientFor('T0AAA'));
  });

  it('serves the Add to Slack page at / and redirects /slack/install to Slack with the state cookie', async () => {
    const app = await buildOAuth();
    const page = await fetch(`${app.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('href="/slack/install">Add to Slack');
    const { authorizeUrl, cookie } = await app.startInstall();
    expect(authorizeUrl.startsWith(`${app.fake.baseUrl}/oauth/v2/authorize?`)).toBe(true);
    expect(new URL(authorizeUrl).searchParams.get('client_id')).toBe('1111.2222');
    expect(cookie).toMatch(/^slack-app-oauth-state=/);
  });
});
