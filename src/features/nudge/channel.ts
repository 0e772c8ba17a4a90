import type { AppDeps } from '../../deps.js';
import type { Locale } from '../../i18n/locale.js';
import type { Translator } from '../../i18n/translator.js';
import { nextSlot } from '../../nudges/due.js';
import { channelTargetFrom, defaultChannelTime, envTargetFor } from '../../nudges/status.js';
import type { PersonKey } from '../../store/types.js';
import type { NudgeCommand } from './parse.js';
import { type Reply, renderChannelLanguage, renderChannelOff, renderChannelOn, renderError } from './render.js';

/** `/nudge here` and `/nudge off`: a channel's nudge and its language. */

const BOT_NAME = 'Lights Out';

export const inChannel = (channelId: string) => /^[CG]/.test(channelId);

export async function channelOn(
  deps: AppDeps,
  t: Translator,
  parsed: Extract<NudgeCommand, { kind: 'here' }>,
  person: PersonKey,
  channelId: string,
): Promise<Reply> {
  const { store, config } = deps;
  if (!inChannel(channelId)) return renderError(t, t.t('nudge.problem.hereNotChannel'));
  if (parsed.locale && !parsed.time && !parsed.zone) return channelLanguage(deps, t, parsed.locale, person, channelId);
  const now = deps.now();
  const before = await store.nudges.getChannel(person.teamId, channelId);
  const time = parsed.time ?? defaultChannelTime(config);
  const zone = parsed.zone ?? config.nudge.timezone;
  await store.nudges.enableChannel({
    teamId: person.teamId,
    channelId,
    time,
    zone,
    setBy: person.userId,
    at: now.toISOString(),
    ...(parsed.locale ? { locale: parsed.locale } : {}),
  });
  const row = await store.nudges.getChannel(person.teamId, channelId);
  const next = row ? nextSlot(channelTargetFrom(row), now) : undefined;
  const locale = row?.locale ?? config.defaultLocale;
  return renderChannelOn(t, { channelId, when: time, zone, next, env: false, locale }, before, BOT_NAME);
}

/** `/nudge here zh` alone sets the language and never turns a nudge on or off. */
async function channelLanguage(
  deps: AppDeps,
  t: Translator,
  locale: Locale,
  person: PersonKey,
  channelId: string,
): Promise<Reply> {
  const { store, config } = deps;
  const now = deps.now();
  const at = now.toISOString();
  const env = envTargetFor(config, person.teamId);
  const row = await store.nudges.getChannel(person.teamId, channelId);
  if (!row && env?.channelId === channelId) {
    // The NUDGE_CHANNEL is on without a row; a row that is off would silence it, so it gets one that is on.
    const time = env.cron?.dailyTime ?? defaultChannelTime(config);
    await store.nudges.enableChannel({
      teamId: person.teamId,
      channelId,
      time,
      zone: env.zone,
      setBy: person.userId,
      at,
      locale,
    });
  } else {
    const fallback = { time: defaultChannelTime(config), zone: config.nudge.timezone };
    await store.nudges.setChannelLocale(person.teamId, channelId, locale, fallback, at);
  }
  const after = await store.nudges.getChannel(person.teamId, channelId);
  const line = after?.enabled
    ? {
        channelId,
        when: after.time,
        zone: after.zone,
        next: nextSlot(channelTargetFrom(after), now),
        env: false,
        locale,
      }
    : undefined;
  return renderChannelLanguage(t, locale, line);
}

export async function channelOff(deps: AppDeps, t: Translator, person: PersonKey, channelId: string): Promise<Reply> {
  const { store, config } = deps;
  const at = deps.now().toISOString();
  const row = await store.nudges.getChannel(person.teamId, channelId);
  const env = envTargetFor(config, person.teamId);
  if (row?.enabled) {
    await store.nudges.disableChannel(person.teamId, channelId, row, null, at);
    return renderChannelOff(t, { when: row.time, zone: row.zone });
  }
  if (!row && env?.channelId === channelId) {
    const when = env.cron?.dailyTime ?? env.cron?.expression ?? '';
    const fallback = { time: env.cron?.dailyTime ?? defaultChannelTime(config), zone: env.zone };
    await store.nudges.disableChannel(person.teamId, channelId, fallback, null, at);
    return renderChannelOff(t, { when, zone: env.zone });
  }
  return renderChannelOff(t, undefined);
}
