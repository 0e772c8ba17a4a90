import { isCalendarDate } from '../../hours/calendar.js';
import { formatHourMinute, parseHourMinute } from '../../nudges/time.js';
import { canonicalZone } from '../../people/zone.js';
import { decodeSlackText, escapeMrkdwn, truncate } from '../../slack/mrkdwn.js';

/** What `/nudge …` asked for. Pure: no clock, no store; the listener checks what needs "today". */
export type NudgeCommand =
  | { kind: 'help' }
  | { kind: 'here'; time?: string; zone?: string }
  | { kind: 'off' }
  | { kind: 'status' }
  | { kind: 'me-status' }
  | { kind: 'me-on'; time?: string }
  | { kind: 'me-off' }
  | { kind: 'me-pause'; days: number }
  | { kind: 'me-pause-until'; date: string }
  | { kind: 'me-resume' }
  | { kind: 'me-weekends'; on: boolean }
  | { kind: 'error'; message: string };

export const MAX_PAUSE_DAYS = 365;

export const USAGE = {
  here: '`/nudge here [HH:MM] [Area/City]`, e.g. `/nudge here 22:00` or `/nudge here 21:30 Europe/London`',
  meOn: '`/nudge me on [HH:MM]`, e.g. `/nudge me on 22:30`',
  pause: `\`/nudge me pause <days>\` (1 to ${MAX_PAUSE_DAYS}) or \`/nudge me pause YYYY-MM-DD\` (the day nudges come back), e.g. \`/nudge me pause 3\``,
  weekends: '`/nudge me weekends on` or `/nudge me weekends off`',
};

/** A token the person typed, shown back inert: escaped, no backticks, at most 40 characters. */
const show = (token: string) => `\`${escapeMrkdwn(truncate(token.replace(/`/g, "'"), 40))}\``;

const badTime = (token: string, usage: string) =>
  `${show(token)} is not a time. Use 24-hour HH:MM from 00:00 to 23:59: ${usage}.`;

const badZone = (token: string) =>
  `${show(token)} is not a time zone I know. Use an IANA name in Area/City form, such as \`America/New_York\`, \`Europe/London\` or \`Asia/Shanghai\`: ${USAGE.here}.`;

/** Looks like an attempt at a time (digits, maybe a colon or am/pm), so the answer can say "not a time". */
const looksLikeTime = (token: string) => /^[0-9]/.test(token) || /^\d.*(am|pm|h)$/i.test(token);
const looksLikeZone = (token: string) => token.includes('/') || /^(utc|gmt|etc\/.*)$/i.test(token);

function normaliseTime(token: string): string | undefined {
  const hm = parseHourMinute(token);
  return hm ? formatHourMinute(hm) : undefined;
}

function parseHere(args: string[]): NudgeCommand {
  let time: string | undefined;
  let zone: string | undefined;
  for (const token of args) {
    if (looksLikeTime(token) && !looksLikeZone(token)) {
      if (time) return { kind: 'error', message: `Give one time only: ${USAGE.here}.` };
      time = normaliseTime(token);
      if (!time) return { kind: 'error', message: badTime(token, USAGE.here) };
    } else if (looksLikeZone(token) || /^[A-Za-z_]+$/.test(token)) {
      if (zone) return { kind: 'error', message: `Give one time zone only: ${USAGE.here}.` };
      zone = canonicalZone(token);
      if (!zone) return { kind: 'error', message: badZone(token) };
    } else {
      return { kind: 'error', message: `I can't read ${show(token)}. ${USAGE.here}.` };
    }
  }
  return { kind: 'here', ...(time ? { time } : {}), ...(zone ? { zone } : {}) };
}

function parseMe(args: string[]): NudgeCommand {
  const [sub, ...rest] = args;
  const word = sub?.toLowerCase();
  if (word === undefined || word === 'status') {
    return rest.length === 0 ? { kind: 'me-status' } : { kind: 'error', message: `Just \`/nudge me\` shows yours.` };
  }
  if (word === 'on') {
    if (rest.length === 0) return { kind: 'me-on' };
    const [token, ...extra] = rest;
    if (extra.length > 0) return { kind: 'error', message: `Too many words: ${USAGE.meOn}.` };
    const time = normaliseTime(token as string);
    if (!time) return { kind: 'error', message: badTime(token as string, USAGE.meOn) };
    return { kind: 'me-on', time };
  }
  if (word === 'off' || word === 'resume') {
    if (rest.length > 0) return { kind: 'error', message: `\`/nudge me ${word}\` takes nothing after it.` };
    return { kind: word === 'off' ? 'me-off' : 'me-resume' };
  }
  if (word === 'pause') {
    const [token, ...extra] = rest;
    if (token === undefined || extra.length > 0) return { kind: 'error', message: `Say how long: ${USAGE.pause}.` };
    if (/^\d{4}-\d{2}-\d{2}$/.test(token)) {
      if (!isCalendarDate(token))
        return { kind: 'error', message: `${show(token)} is not a real date: ${USAGE.pause}.` };
      return { kind: 'me-pause-until', date: token };
    }
    if (/^\d{1,3}$/.test(token)) {
      const days = Number(token);
      if (days >= 1 && days <= MAX_PAUSE_DAYS) return { kind: 'me-pause', days };
    }
    return { kind: 'error', message: `${show(token)} is not a number of days or a date: ${USAGE.pause}.` };
  }
  if (word === 'weekends' || word === 'weekend') {
    const [token, ...extra] = rest;
    const value = token?.toLowerCase();
    if ((value === 'on' || value === 'off') && extra.length === 0) return { kind: 'me-weekends', on: value === 'on' };
    return { kind: 'error', message: `Say on or off: ${USAGE.weekends}.` };
  }
  return {
    kind: 'error',
    message: `I don't know ${show(`me ${sub}`)}. Try \`/nudge me on\`, \`/nudge me off\`, ${USAGE.pause}, or ${USAGE.weekends}.`,
  };
}

export function parseNudge(text: string): NudgeCommand {
  const tokens = decodeSlackText(text).trim().split(/\s+/).filter(Boolean);
  const [first, ...rest] = tokens;
  const word = first?.toLowerCase();
  switch (word) {
    case undefined:
    case 'help':
      return { kind: 'help' };
    case 'here':
    case 'on':
      return parseHere(rest);
    case 'off':
    case 'status':
      if (rest.length > 0) return { kind: 'error', message: `\`/nudge ${word}\` takes nothing after it.` };
      return { kind: word };
    case 'me':
      return parseMe(rest);
    default:
      return {
        kind: 'error',
        message: `I don't know ${show(first as string)}. Try \`/nudge here\`, \`/nudge off\`, \`/nudge status\`, \`/nudge me on\` or \`/nudge help\`.`,
      };
  }
}
