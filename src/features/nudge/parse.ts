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
  here: '`/nudge here [time] [Area/City]`, e.g. `/nudge here 22:00`, `/nudge here 10pm` or `/nudge here 21:30 Europe/London`',
  meOn: '`/nudge me on [time]`, e.g. `/nudge me on 22:30` or `/nudge me on 11pm`',
  pause: `\`/nudge me pause <days>\` (1 to ${MAX_PAUSE_DAYS}) or \`/nudge me pause YYYY-MM-DD\` (the day nudges come back), e.g. \`/nudge me pause 3\``,
  weekends: '`/nudge me weekends on` or `/nudge me weekends off`',
};

/** A token the person typed, shown back inert: escaped, no backticks, at most 40 characters. */
const show = (token: string) => `\`${escapeMrkdwn(truncate(token.replace(/`/g, "'"), 40))}\``;

const badTime = (token: string, usage: string) =>
  `${show(token)} is not a time. Use \`22:00\`, \`22\`, \`10pm\` or \`10:30pm\`: ${usage}.`;

const badZone = (token: string) =>
  `${show(token)} is not a time zone I know. Use an IANA name in Area/City form, such as \`America/New_York\`, \`Europe/London\` or \`Asia/Shanghai\`: ${USAGE.here}.`;

/** Looks like an attempt at a time (digits, maybe a colon or am/pm), so the answer can say "not a time". */
const looksLikeTime = (token: string) => /^[0-9]/.test(token) || /^\d.*(am|pm|h)$/i.test(token);
const looksLikeZone = (token: string) => token.includes('/') || /^(utc|gmt|etc\/.*)$/i.test(token);

/** Times as people type them: `22:00`, `22`, `9pm`, `10:30pm`, `12am` (midnight), `12pm` (noon). */
export function normaliseTime(token: string): string | undefined {
  const hourOnly = /^(\d{1,2})$/.exec(token);
  if (hourOnly) {
    const hour = Number(hourOnly[1]);
    return hour <= 23 ? formatHourMinute({ hour, minute: 0 }) : undefined;
  }
  const twelve = /^(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?$/i.exec(token);
  if (twelve) {
    const hour = Number(twelve[1]);
    const minute = Number(twelve[2] ?? 0);
    if (hour < 1 || hour > 12 || minute > 59) return undefined;
    const pm = (twelve[3] as string).toLowerCase() === 'p';
    return formatHourMinute({ hour: (hour % 12) + (pm ? 12 : 0), minute });
  }
  const hm = parseHourMinute(token);
  return hm ? formatHourMinute(hm) : undefined;
}

/** "9 pm" typed as two words reads as one time. */
function joinMeridiem(tokens: string[]): string[] {
  const joined: string[] = [];
  for (const token of tokens) {
    const previous = joined[joined.length - 1];
    if (previous && /^[ap]\.?m\.?$/i.test(token) && /^\d{1,2}([:.]\d{2})?$/.test(previous)) {
      joined[joined.length - 1] = `${previous}${token}`;
    } else {
      joined.push(token);
    }
  }
  return joined;
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
    if (/^\d+$/.test(token)) {
      const days = Number(token);
      if (days >= 1 && days <= MAX_PAUSE_DAYS) return { kind: 'me-pause', days };
      // A number, just not one that fits: say the limit, not "not a number".
      return {
        kind: 'error',
        message: `${show(token)} days is outside the limit: pause for 1–${MAX_PAUSE_DAYS} days or until a date: ${USAGE.pause}.`,
      };
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
  const tokens = joinMeridiem(decodeSlackText(text).trim().split(/\s+/).filter(Boolean));
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
