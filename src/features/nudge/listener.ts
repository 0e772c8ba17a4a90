import type { AppDeps } from '../../deps.js';
import { addDays, localDate } from '../../hours/calendar.js';
import { personTranslator } from '../../i18n/resolve.js';
import type { Translator } from '../../i18n/translator.js';
import { nextSlot } from '../../nudges/due.js';
import { activeChannelNudges, envTargetFor, personTargetFrom } from '../../nudges/status.js';
import { cachedZone, type ResolvedZone, resolveZone } from '../../people/zone.js';
import { onCommand } from '../../slack/listen.js';
import { escapeMrkdwn } from '../../slack/mrkdwn.js';
import type { PersonKey, PersonNudge } from '../../store/types.js';
import type { Feature } from '../index.js';
import { channelOff, channelOn, inChannel } from './channel.js';
import { MAX_PAUSE_DAYS, type NudgeCommand, parseNudge } from './parse.js';
import {
  type PersonView,
  pauseLimitsText,
  type Reply,
  renderError,
  renderHelp,
  renderPerson,
  renderProblem,
  renderStatus,
  reply,
} from './render.js';

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
    // Every answer is private, so in the person's language (a store read: it fits before the ack).
    const t = await personTranslator(deps, person);
    if (parsed.kind === 'me-on') {
      await ack();
      const zone = await resolveZone(zoneDeps, person);
      await respond(await turnPersonOn(deps, t, person, parsed.time, zone));
      return;
    }
    if (await needsSlackZone(deps, parsed, person)) {
      // Ack first (no Web API call may precede it); users.info caches the zone that `answer` then reads.
      await ack();
      await resolveZone(zoneDeps, person);
      await respond(await answer(deps, t, parsed, person, command.channel_id));
      return;
    }
    await ack(await answer(deps, t, parsed, person, command.channel_id));
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

async function answer(
  deps: AppDeps,
  t: Translator,
  parsed: NudgeCommand,
  person: PersonKey,
  channelId: string,
): Promise<Reply> {
  switch (parsed.kind) {
    case 'help':
    case 'me-on': // me-on is handled before acking (it needs Slack for the person's zone)
      return renderHelp(t, deps.config.defaultLocale);
    case 'error':
      return renderProblem(t, parsed.problem);
    case 'here':
      return channelOn(deps, t, parsed, person, channelId);
    case 'off':
      return channelOff(deps, t, person, channelId);
    case 'status':
      return status(deps, t, person, channelId);
    case 'me-status':
      return renderPerson(t, await personView(deps, person));
    case 'me-off': {
      const nudge = await deps.store.nudges.getPerson(person);
      if (!nudge?.enabled) return reply(t.t('nudge.person.alreadyOff'));
      await deps.store.nudges.savePerson({
        ...nudge,
        enabled: false,
        offReason: null,
        updatedAt: deps.now().toISOString(),
      });
      return renderPerson(t, await personView(deps, person), t.t('nudge.person.turnedOff'));
    }
    default:
      return changePerson(deps, t, parsed, person);
  }
}

async function status(deps: AppDeps, t: Translator, person: PersonKey, channelId: string): Promise<Reply> {
  const { store, config } = deps;
  const rows = await store.nudges.listChannels(person.teamId);
  const lines = activeChannelNudges(rows, envTargetFor(config, person.teamId), deps.now(), config.defaultLocale);
  const here = lines.find((line) => line.channelId === channelId);
  const channels = { inChannel: inChannel(channelId), here, others: lines.length - (here ? 1 : 0) };
  const count = await store.nudges.countEnabledPeople(person.teamId);
  return renderStatus(t, channels, await personView(deps, person), count);
}

type PersonChange = Extract<NudgeCommand, { kind: 'me-resume' | 'me-pause' | 'me-pause-until' | 'me-weekends' }>;

async function changePerson(deps: AppDeps, t: Translator, parsed: PersonChange, person: PersonKey): Promise<Reply> {
  const { store, config } = deps;
  const now = deps.now();
  const nudge = await store.nudges.getPerson(person);
  if (!nudge?.enabled) return renderError(t, t.t('nudge.problem.personOff'));
  const zone = await cachedZone({ store, now: deps.now, fallbackZone: config.nudge.timezone }, person);
  const today = localDate(now, zone.zone);
  let changed: PersonNudge;
  let headline: string;
  if (parsed.kind === 'me-weekends') {
    changed = { ...nudge, weekends: parsed.on };
    headline = t.t(parsed.on ? 'nudge.person.weekendsOn' : 'nudge.person.weekendsOff');
  } else if (parsed.kind === 'me-resume') {
    if (!nudge.resumeOn || nudge.resumeOn <= today)
      return renderPerson(t, await personView(deps, person), t.t('nudge.person.notPaused'));
    changed = { ...nudge, resumeOn: null };
    headline = t.t('nudge.person.resumed');
  } else {
    const resumeOn = parsed.kind === 'me-pause' ? addDays(today, parsed.days) : parsed.date;
    const dates = { date: t.date(resumeOn, 'common.format.dayWithYear'), limits: pauseLimitsText(t) };
    if (resumeOn <= today) {
      const values = { ...dates, today: t.date(today, 'common.format.dayWithYear'), zone: escapeMrkdwn(zone.zone) };
      return renderError(t, t.t('nudge.problem.pauseNotAfter', values));
    }
    if (resumeOn > addDays(today, MAX_PAUSE_DAYS)) return renderError(t, t.t('nudge.problem.pauseTooFar', dates));
    changed = { ...nudge, resumeOn };
    headline = t.t('nudge.person.pausedUntil', { date: t.date(resumeOn) });
  }
  await store.nudges.savePerson({ ...changed, updatedAt: now.toISOString() });
  return renderPerson(t, await personView(deps, person), headline);
}

async function turnPersonOn(
  deps: AppDeps,
  t: Translator,
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
  const headline = t.t(existing?.enabled ? 'nudge.person.updated' : 'nudge.person.turnedOn');
  return renderPerson(t, view, headline);
}

function viewFor(deps: AppDeps, nudge: PersonNudge | undefined, zone: ResolvedZone): PersonView {
  const now = deps.now();
  const next = nudge?.enabled ? nextSlot(personTargetFrom(nudge, zone.zone), now) : undefined;
  const today = localDate(now, zone.zone);
  const pausedUntil = nudge?.resumeOn && nudge.resumeOn > today ? nudge.resumeOn : undefined;
  return {
    nudge,
    zone: zone.zone,
    zoneSource: zone.source,
    next,
    ...(pausedUntil ? { pausedUntil } : {}),
  };
}

async function personView(deps: AppDeps, person: PersonKey): Promise<PersonView> {
  const nudge = await deps.store.nudges.getPerson(person);
  const zone = await cachedZone({ store: deps.store, now: deps.now, fallbackZone: deps.config.nudge.timezone }, person);
  return viewFor(deps, nudge, zone);
}
