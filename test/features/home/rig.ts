import { expect, vi } from 'vitest';
import { createHomeFeature } from '../../../src/features/home/listener.js';
import type { ChartMaker } from '../../../src/features/home/publish.js';
import { hoursFeature } from '../../../src/features/hours/listener.js';
import { nudgeFeature } from '../../../src/features/nudge/listener.js';
import { appHomeOpenedBody, signedHeaders } from '../../../src/slack/protocol.js';
import type { PersonKey } from '../../../src/store/types.js';
import { build, type Harness, SIGNING_SECRET } from '../../helpers/build.js';
import { ManualTimers } from './timers.js';

/** The app with /hours, /nudge and Home (its timers run by hand), at Wed 25 Nov 2026, noon in Los Angeles. */

export const TEAM = 'T0LIGHTS';
export const ADA = 'U0ADA';
export const ada: PersonKey = { teamId: TEAM, userId: ADA };
export const ISO = '2026-11-25T20:00:00Z';

export async function startHome(options: { chart?: ChartMaker } = {}) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(ISO));
  const now = new Date(ISO);
  const timers = new ManualTimers();
  const harness = await build({
    now: () => now,
    env: { NUDGE_TZ: 'America/Los_Angeles' },
    features: [hoursFeature, nudgeFeature, createHomeFeature({ timers, ...options })],
  });
  await harness.store.people.saveSlackTimezone(ada, 'America/Los_Angeles', ISO);
  return { harness, timers };
}

/** Opens the Home tab as Slack does: a signed `app_home_opened` event. */
export async function openHome(harness: Harness, userId = ADA) {
  const body = appHomeOpenedBody({ userId, teamId: TEAM });
  const signedAt = Math.floor(harness.deps.now().getTime() / 1000);
  const res = await harness.post(body, {
    ...signedHeaders(SIGNING_SECRET, body, signedAt),
    'content-type': 'application/json',
  });
  expect(res.status).toBe(200);
}
