import { describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.js';
import { dialects, type TestDatabase } from '../store/contract/kit.js';
import { buildOAuth, type OAuthHarness } from './harness.js';
import { nonZero, rowsOfTeam, rowsOfTeamWhen, total } from './rows.js';

type App = OAuthHarness & { database: TestDatabase };

/** Gives a workspace rows in every kind of table: hours, people, history, nudges, deliveries, scheduler state, charts. */
async function useWorkspace(app: OAuthHarness, teamId: string): Promise<void> {
  const as = { teamId, userId: 'U1', channelId: 'C0LATE' };
  for (const [command, text] of [
    ['/hours', 'log 5 yesterday'], // today may hold only minutes yet on this real clock
    ['/hours', 'tz Asia/Shanghai'],
    ['/quote', ''],
    ['/nudge', 'here 22:00'],
    ['/nudge', 'me on 23:00'],
  ] as const) {
    const result = await app.command(command, text, as);
    expect(result.status).toBe(200);
    if (!result.ack || Object.keys(result.ack).length === 0) await result.response();
  }
  const at = new Date().toISOString();
  const delivery = {
    key: `person:${teamId}:U1:${at}`,
    teamId,
    kind: 'person' as const,
    targetId: 'U1',
    slotAt: at,
    night: null,
  };
  expect(await app.store.nudges.claim(delivery, 'test', 60_000)).toBe(true);
  await app.store.nudges.setState(`env-channel:${teamId}:C0LATE`, '{}');
  await app.store.charts.save({
    teamId,
    userId: 'U1',
    weekStart: '2026-11-23',
    locale: 'en',
    cacheKey: 'c'.repeat(32),
    fileId: 'F0CHART',
    fileUrl: null,
    uploadedAt: at,
  });
  await app.store.digests.save({ teamId, userId: 'U1', enabled: true, updatedAt: at });
  // A Monday digest in the ledger (kind 'digest', its night the Monday): uninstall deletes it with the rest.
  const digest = { key: `digest:${teamId}:U1:${at}`, teamId, kind: 'digest' as const, targetId: 'U1', slotAt: at };
  expect(await app.store.nudges.enqueue([{ ...digest, night: '2026-11-30' }])).toBe(1);
}

async function twoWorkspaces(create: () => Promise<TestDatabase>): Promise<App> {
  const app = (await buildOAuth({ database: await create() })) as App;
  app.oauth.addWorkspace({ teamId: 'T0AAA', name: 'Alpha Lab' });
  app.oauth.addWorkspace({ teamId: 'T0BBB', name: 'Beta Lab' });
  app.fake.addUser({ id: 'U1', name: 'ada', tz: 'Europe/London' });
  await app.install('T0AAA');
  await app.install('T0BBB');
  await useWorkspace(app, 'T0AAA');
  await useWorkspace(app, 'T0BBB');
  // /quote history is written in a batch after the answer: wait until it reached the table.
  await rowsOfTeamWhen(app.database, 'T0AAA', (counts) => (counts.shown_items ?? 0) > 0, 'history');
  return app;
}

// Polled (`eventually`), not woken by fake Slack activity: on Postgres the removal lands after the answer.
for (const { name, create } of dialects)
  describe(`uninstall deletes the workspace (every table, found from the schema) [${name}]`, () => {
    for (const order of [
      ['app_uninstalled', 'tokens_revoked'],
      ['tokens_revoked', 'app_uninstalled'],
    ] as const) {
      it(`${order.join(' then ')}: nothing of the workspace is left, the other one is untouched`, async () => {
        const app = await twoWorkspaces(create);
        const before = await rowsOfTeam(app.database, 'T0AAA');
        // The check can fail: the workspace has rows in every table that holds workspace data.
        expect(Object.keys(nonZero(before)).sort()).toEqual(
          [
            'chart_files',
            'digest_people',
            'hours_entries',
            'installations',
            'nudge_channels',
            'nudge_deliveries',
            'nudge_people',
            'nudge_state',
            'people',
            'shown_items',
          ].sort(),
        );
        const otherBefore = await rowsOfTeam(app.database, 'T0BBB');

        for (const type of order) expect((await app.uninstall('T0AAA', type)).status).toBe(200);
        const after = await rowsOfTeamWhen(app.database, 'T0AAA', (counts) => total(counts) === 0, 'deletion');
        expect(nonZero(after)).toEqual({});
        expect(await rowsOfTeam(app.database, 'T0BBB')).toEqual(otherBefore);

        // A command from the removed workspace is not served (no installation to authorize it).
        const result = await app.command('/hours', 'log 1', { teamId: 'T0AAA', userId: 'U1' });
        expect(result.ack).toBeUndefined();
        expect(await app.store.hours.countEntries({ teamId: 'T0AAA', userId: 'U1' })).toBe(0);
        // The other workspace still works.
        const other = await app.command('/hours', 'week', { teamId: 'T0BBB', userId: 'U1' });
        expect(other.status).toBe(200);
      });
    }

    it('is idempotent: the same event twice deletes once and answers 200 both times', async () => {
      const app = await twoWorkspaces(create);
      expect((await app.uninstall('T0AAA', 'app_uninstalled')).status).toBe(200);
      expect((await app.uninstall('T0AAA', 'app_uninstalled')).status).toBe(200);
      await rowsOfTeamWhen(app.database, 'T0AAA', (counts) => total(counts) === 0, 'deletion');

      const message = 'workspace removed: its tokens and every row of its data were deleted';
      const removals = await eventually(
        () => {
          const found = app.logs.records().filter((record) => record.msg === message);
          return found.length === 2 ? found : undefined;
        },
        5000,
        'two removals',
      );
      expect(removals.map((record) => record.installations)).toEqual([1, 0]);
      expect(removals[1]?.rows).toBe(0);
    });

    it('never deletes an installation made after the event (a late event after a reinstall)', async () => {
      const app = await twoWorkspaces(create);
      const eventTime = Math.floor(Date.now() / 1000) - 60; // sent a minute ago, delivered after the reinstall
      app.oauth.revoke('T0AAA');
      await app.install('T0AAA');
      await app.command('/hours', 'log 2 yesterday', { teamId: 'T0AAA', userId: 'U1' });
      const late = await app.oauth.sendEvent(
        app.url,
        'test-signing-secret-0123456789abcdef',
        'T0AAA',
        'app_uninstalled',
        eventTime,
      );
      expect(late.status).toBe(200);

      await eventually(
        () =>
          app.logs
            .records()
            .some((record) => record.msg === 'ignored a late uninstall event: the workspace installed again after it')
            ? true
            : undefined,
        5000,
        'the late event',
      );
      expect(await app.store.installations.get('T0AAA')).toBeDefined();
      expect(await app.store.hours.countEntries({ teamId: 'T0AAA', userId: 'U1' })).toBeGreaterThan(0);
    });

    it('refuses an unsigned uninstall event', async () => {
      const app = await twoWorkspaces(create);
      const res = await app.oauth.sendEvent(app.url, 'not-the-signing-secret', 'T0AAA', 'app_uninstalled');
      expect(res.status).toBe(401);
      expect(await app.store.installations.get('T0AAA')).toBeDefined();
    });
  });
