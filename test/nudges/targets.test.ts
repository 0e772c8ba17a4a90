import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { TargetSource } from '../../src/nudges/targets.js';
import { zoneOf } from '../../src/people/zone.js';
import { SqliteStore } from '../../src/store/sqlite.js';

const AT = '2026-11-01T00:00:00.000Z';

function setup(env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'lights-out-targets-'));
  const store = new SqliteStore(join(dir, 't.db'));
  onTestFinished(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-t',
    SLACK_SIGNING_SECRET: 's',
    DATABASE_URL: join(dir, 't.db'),
    NUDGE_TZ: 'America/Los_Angeles',
    ...env,
  });
  return { store, source: new TargetSource({ store, config }, 'T1') };
}

describe('the zone-precedence rule', () => {
  it('override, then Slack profile, then NUDGE_TZ; a zone Intl does not know is passed over', () => {
    expect(zoneOf({ tzOverride: 'Asia/Tokyo', slackTz: 'Europe/Paris' }, 'UTC')).toEqual({
      zone: 'Asia/Tokyo',
      source: 'override',
    });
    expect(zoneOf({ tzOverride: 'Mars/Olympus', slackTz: 'Europe/Paris' }, 'UTC')).toEqual({
      zone: 'Europe/Paris',
      source: 'slack',
    });
    expect(zoneOf({ tzOverride: null, slackTz: 'Nowhere/Land' }, 'UTC')).toEqual({ zone: 'UTC', source: 'default' });
  });
});

describe('where targets come from', () => {
  it('puts each person in their zone by the one rule, and adds the env channel unless a row overrides it', async () => {
    const { store, source } = setup({ NUDGE_CHANNEL: 'CENV' });
    const people = [
      { userId: 'UOVR', override: 'Asia/Tokyo', slack: 'Europe/Paris' },
      { userId: 'USLK', override: null, slack: 'Europe/Paris' },
      { userId: 'UDEF', override: null, slack: null },
    ];
    for (const p of people) {
      const key = { teamId: 'T1', userId: p.userId };
      if (p.override) await store.people.setTimezoneOverride(key, p.override);
      if (p.slack) await store.people.saveSlackTimezone(key, p.slack, AT);
      await store.nudges.savePerson({
        ...key,
        enabled: true,
        time: '22:00',
        weekends: true,
        resumeOn: null,
        offReason: null,
        updatedAt: AT,
      });
    }
    const targets = await source.load(new Date(AT));
    const zones = Object.fromEntries(
      targets.filter((t) => t.kind === 'person').map((t) => [t.kind === 'person' ? t.userId : '', t.zone]),
    );
    expect(zones).toEqual({ UOVR: 'Asia/Tokyo', USLK: 'Europe/Paris', UDEF: 'America/Los_Angeles' });
    expect(targets.filter((t) => t.kind === 'channel').map((t) => t.kind === 'channel' && t.env)).toEqual([true]);
    // "Send now" for a person uses the same rule.
    expect((await source.person('T1', 'USLK')).zone).toBe('Europe/Paris');

    await store.nudges.disableChannel('T1', 'CENV', { time: '22:00', zone: 'UTC' }, null, AT);
    expect((await source.load(new Date(AT))).filter((t) => t.kind === 'channel')).toEqual([]);
  });
});
