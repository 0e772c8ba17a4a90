import { pickFresh } from '../corpus/pick.js';
import type { AppDeps } from '../deps.js';
import { bandFor } from '../hours/bands.js';
import { isoWeek, localDateTime, workDateNow } from '../hours/calendar.js';
import { teamFigures, teamWeek } from '../hours/team.js';
import { channelTranslator, type LocaleDeps, personTranslator } from '../i18n/resolve.js';
import { composeChannelNudge, composePersonNudge, type NudgeMessage, OPENERS, type OpenerKey } from './compose.js';
import { type DueSlot, nextSlot } from './due.js';
import { type NudgeLine, pickPersonLine } from './lines.js';
import { formatHourMinute } from './time.js';

/** What a channel's shown lines are recorded under, for no-repeat rotation. */
export const HISTORY_KIND = 'nudge';
/** A channel nudge never repeats any of the last this-many lines shown in that channel. */
export const FRESH_LINES = 14;

export type Composed = { message: NudgeMessage; line?: NudgeLine };

/**
 * The composer: reads what a nudge says (the channel's recent lines and the team figures, or the person's hours)
 * and hands it to the wording in compose.ts. Reads only; the sender records the line once the post is sent.
 * The language is read per delivery: the channel's for a channel post, the person's for a DM, so a change made
 * with `/nudge here zh` or `/hours lang` applies from the next nudge, in every process.
 */
export async function composeFor(
  deps: Pick<AppDeps, 'store' | 'random'> & LocaleDeps,
  lines: readonly NudgeLine[],
  slot: DueSlot,
  now: Date,
): Promise<Composed> {
  const { store, random } = deps;
  const target = slot.target;
  // A send-now says the scheduled time it stands for.
  const slotLocal = localDateTime(nextSlot(target, new Date(slot.at.getTime() - 1)) ?? slot.at, target.zone);
  const localTime = formatHourMinute({ hour: slotLocal.hour, minute: slotLocal.minute });
  if (target.kind === 'channel') {
    const recent = await store.history.recent(target.teamId, target.channelId, HISTORY_KIND, FRESH_LINES);
    const line = pickFresh(lines, [...recent].reverse(), random);
    // Channel readers include guests: the same rule as /hours team, with nobody to leave out.
    const week = teamWeek(workDateNow(now, target.zone).date);
    const team = teamFigures(await store.hours.teamTotals(target.teamId, week.from, week.to), week);
    const opener = OPENERS[Math.min(OPENERS.length - 1, Math.floor(random() * OPENERS.length))] as OpenerKey;
    const t = await channelTranslator(deps, target.teamId, target.channelId);
    return {
      message: composeChannelNudge(t, {
        opener,
        localTime,
        zone: target.zone,
        ...(line ? { line } : {}),
        ...(team.enough ? { team } : {}),
      }),
      ...(line ? { line } : {}),
    };
  }
  const night = slot.night ?? workDateNow(slot.at, target.zone).date;
  const week = isoWeek(night);
  const days = await store.hours.dailyTotals(target, week.from, week.to);
  const weekMinutes = days.reduce((sum, day) => sum + day.minutes, 0);
  const todayMinutes = days.find((day) => day.date === night)?.minutes ?? 0;
  const t = await personTranslator(deps, target);
  return {
    message: composePersonNudge(t, {
      localTime,
      zone: target.zone,
      todayMinutes,
      weekMinutes,
      band: bandFor(weekMinutes),
      line: await pickPersonLine(store.history, target, lines, random, now),
      night,
    }),
  };
}
