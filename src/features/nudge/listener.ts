import type { AppDeps } from '../../deps.js';
import { addDays, localDate, shortDate } from '../../hours/calendar.js';
import { nextSlot } from '../../nudges/due.js';
import {
  activeChannelNudges,
  channelTargetFrom,
  defaultChannelTime,
  envTargetFor,
  personTargetFrom,
} from '../../nudges/status.js';
import { cachedZone, describeZoneSource, type ResolvedZone, resolveZone } from '../../people/zone.js';
import { onCommand } from '../../slack/listen.js';
import type { PersonKey, PersonNudge } from '../../store/types.js';
import type { Feature } from '../index.js';
import { MAX_PAUSE_DAYS, type NudgeCommand, parseNudge } from './parse.js';
import {
  type PersonView,
  pauseLimitsText,
  type Reply,
  renderChannelOff,
  renderChannelOn,
  renderError,
  renderHelp,
  renderPerson,
  renderStatus,
  reply,
} from './render.js';

const BOT_NAME = 'Lights Out';
const DEFAULT_PERSON_TIME = '22:00';

/** `/nudge`: every answer is ephemeral. Store-only answers go in the ack; `me on` asks Slack for the zone first. */
export const nudgeFeature: Feature = (app, deps) => {
  onCommand(app, deps.logger, '/nudge', async ({ command, client, respond }, ack) => {
    const parsed = parseNudge(command.text ?? '');
    const person: PersonKey = { teamId: command.team_id, userId: command.user_id };
    const zoneDeps = {
      store: deps.store,
      client,
      logger: deps.logger,
      now: deps.now,
      fallbackZone: deps.config.nudge.timezone,
    };
    if (parsed.kind === 'me-on') {
      await ack();
      const zone = await resolveZone(zoneDeps, person);
      await respond(await turnPersonOn(deps, person, parsed.time, zone));
      return;
    }
    if (await needsSlackZone(deps, parsed, person)) {
      // Ack first (no Web API call may precede it); users.info caches the zone that `answer` then reads.
      await ack();
      await resolveZone(zoneDeps, person);
      await respond(await answer(deps, parsed, person, command.channel_id));
      return;
    }
    await ack(await answer(deps, parsed, person, command.channel_id));
  });
};

/**
 * Whether the answer shows the person's nudge times (their nudge is on) while no zone of theirs is cached (a
 * newcomer, or right after `/hours forget`): then Slack is asked, never NUDGE_TZ assumed.
 */
async function needsSlackZone(deps: AppDeps, parsed: NudgeCommand, person: PersonKey): Promise<boolean> {
  if (parsed.kind === 'help' || parsed.kind === 'error' || parsed.kind === 'here' || parsed.kind === 'off')
    return false;
  if (!(await deps.store.nudges.getPerson(person))?.enabled) return false;
  const cached = await cachedZone(
    { store: deps.store, now: deps.now, fallbackZone: deps.config.nudge.timezone },
    person,
  );
  return cached.source !== 'override' && cached.stale;
}

async function answer(deps: AppDeps, parsed: NudgeCommand, person: PersonKey, channelId: string): Promise<Reply> {
  const { store, config } = deps;
  const now = deps.now();
  const at = now.toISOString();
  switch (parsed.kind) {
    case 'help':
      return renderHelp();
    case 'error':
      return renderError(parsed.message);
    case 'here': {
      if (!/^[CG]/.test(channelId)) {
        return renderError(
          'Channel nudges are for channels: type `/nudge here` in the channel. For a nudge in your DMs, use `/nudge me on`.',
        );
      }
      const time = parsed.time ?? defaultChannelTime(config);
      const zone = parsed.zone ?? config.nudge.timezone;
      const before = await store.nudges.getChannel(person.teamId, channelId);
      await store.nudges.enableChannel({ teamId: person.teamId, channelId, time, zone, setBy: person.userId, at });
      const row = await store.nudges.getChannel(person.teamId, channelId);
      const next = row ? nextSlot(channelTargetFrom(row), now) : undefined;
      return renderChannelOn({ channelId, when: time, zone, next, env: false }, before, BOT_NAME);
    }
    case 'off': {
      const row = await store.nudges.getChannel(person.teamId, channelId);
      const env = envTargetFor(config, person.teamId);
      if (row?.enabled) {
        await store.nudges.disableChannel(person.teamId, channelId, row, null, at);
        return renderChannelOff({ when: row.time, zone: row.zone });
      }
      if (!row && env?.channelId === channelId) {
        const when = env.cron?.dailyTime ?? env.cron?.expression ?? '';
        await store.nudges.disableChannel(
          person.teamId,
          channelId,
          { time: env.cron?.dailyTime ?? defaultChannelTime(config), zone: env.zone },
          null,
          at,
        );
        return renderChannelOff({ when, zone: env.zone });
      }
      return renderChannelOff(undefined);
    }
    case 'status': {
      const rows = await store.nudges.listChannels(person.teamId);
      const lines = activeChannelNudges(rows, envTargetFor(config, person.teamId), now);
      const here = lines.find((line) => line.channelId === channelId);
      const channels = { inChannel: /^[CG]/.test(channelId), here, others: lines.length - (here ? 1 : 0) };
      const count = await store.nudges.countEnabledPeople(person.teamId);
      return renderStatus(channels, await personView(deps, person), count);
    }
    case 'me-status':
      return renderPerson(await personView(deps, person));
    case 'me-off': {
      const nudge = await store.nudges.getPerson(person);
      if (!nudge?.enabled) return reply('Your personal nudge is already off. `/nudge me on` turns it on.');
      await store.nudges.savePerson({ ...nudge, enabled: false, offReason: null, updatedAt: at });
      return renderPerson(await personView(deps, person), ':no_bell: Your personal nudge is off.');
    }
    case 'me-resume':
    case 'me-pause':
    case 'me-pause-until':
    case 'me-weekends': {
      const nudge = await store.nudges.getPerson(person);
      if (!nudge?.enabled) {
        return renderError(
          'Your personal nudge is off, so there is nothing to change. Turn it on first: `/nudge me on`.',
        );
      }
      const zone = await cachedZone({ store, now: deps.now, fallbackZone: config.nudge.timezone }, person);
      const today = localDate(now, zone.zone);
      let changed: PersonNudge;
      let headline: string;
      if (parsed.kind === 'me-weekends') {
        changed = { ...nudge, weekends: parsed.on };
        headline = parsed.on
          ? 'Weekends are on: you get it every night.'
          : 'Weekends are off: no nudge on Saturday and Sunday nights.';
      } else if (parsed.kind === 'me-resume') {
        if (!nudge.resumeOn || nudge.resumeOn <= today)
          return renderPerson(await personView(deps, person), 'Your nudge is not paused.');
        changed = { ...nudge, resumeOn: null };
        headline = ':bell: Pause ended.';
      } else {
        const resumeOn = parsed.kind === 'me-pause' ? addDays(today, parsed.days) : parsed.date;
        if (resumeOn <= today) {
          return renderError(`${resumeOn} is not after today (${today} in ${zone.zone}). ${pauseLimitsText()}`);
        }
        if (resumeOn > addDays(today, MAX_PAUSE_DAYS)) {
          return renderError(`${resumeOn} is more than a year away. ${pauseLimitsText()}`);
        }
        changed = { ...nudge, resumeOn };
        headline = `:zzz: Paused: no nudge before ${shortDate(resumeOn)}.`;
      }
      await store.nudges.savePerson({ ...changed, updatedAt: at });
      return renderPerson(await personView(deps, person), headline);
    }
    case 'me-on':
      // Handled before acking (it needs Slack for the person's zone).
      return renderHelp();
  }
}

async function turnPersonOn(
  deps: AppDeps,
  person: PersonKey,
  time: string | undefined,
  zone: ResolvedZone,
): Promise<Reply> {
  const { store } = deps;
  const at = deps.now().toISOString();
  const existing = await store.nudges.getPerson(person);
  const nudge: PersonNudge = {
    ...person,
    enabled: true,
    time: time ?? existing?.time ?? DEFAULT_PERSON_TIME,
    weekends: existing?.weekends ?? false,
    resumeOn: existing?.resumeOn ?? null,
    offReason: null,
    updatedAt: at,
  };
  await store.nudges.savePerson(nudge);
  const view = viewFor(deps, nudge, zone);
  const headline = existing?.enabled
    ? ':crescent_moon: Your personal nudge is updated.'
    : ':crescent_moon: Your personal nudge is on: a DM each night with your hours today and this week.';
  return renderPerson(view, headline);
}

function viewFor(deps: AppDeps, nudge: PersonNudge | undefined, zone: ResolvedZone): PersonView {
  const now = deps.now();
  const next = nudge?.enabled ? nextSlot(personTargetFrom(nudge, zone.zone), now) : undefined;
  const today = localDate(now, zone.zone);
  const pausedUntil = nudge?.resumeOn && nudge.resumeOn > today ? nudge.resumeOn : undefined;
  return {
    nudge,
    zone: zone.zone,
    zoneSource: describeZoneSource(zone),
    next,
    ...(pausedUntil ? { pausedUntil } : {}),
  };
}

async function personView(deps: AppDeps, person: PersonKey): Promise<PersonView> {
  const nudge = await deps.store.nudges.getPerson(person);
  const zone = await cachedZone({ store: deps.store, now: deps.now, fallbackZone: deps.config.nudge.timezone }, person);
  return viewFor(deps, nudge, zone);
}
