import { isCalendarDate } from '../../hours/calendar.js';
import type { Locale } from '../../i18n/locale.js';
import { formatHourMinute, parseHourMinute } from '../../nudges/time.js';
import { canonicalZone } from '../../people/zone.js';
import { decodeSlackText } from '../../slack/mrkdwn.js';

/** What `/nudge …` asked for. Pure: no clock, no store, no wording; the listener checks what needs "today". */
export type NudgeCommand =
  | { kind: 'help' }
  | { kind: 'here'; time?: string; zone?: string; locale?: Locale }
  | { kind: 'off' }
  | { kind: 'status' }
  | { kind: 'me-status' }
  | { kind: 'me-on'; time?: string }
  | { kind: 'me-off' }
  | { kind: 'me-pause'; days: number }
  | { kind: 'me-pause-until'; date: string }
  | { kind: 'me-resume' }
  | { kind: 'me-weekends'; on: boolean }
  | { kind: 'error'; problem: NudgeProblem };

/** Which form's usage a problem points to. */
export type UsageForm = 'here' | 'meOn' | 'pause' | 'weekends';

export type ProblemCode =
  | 'bad-time'
  | 'bad-zone'
  | 'two-times'
  | 'two-zones'
  | 'two-languages'
  | 'unreadable'
  | 'me-extra'
  | 'too-many-words'
  | 'takes-nothing'
  | 'pause-missing'
  | 'bad-date'
  | 'pause-range'
  | 'pause-not-number'
  | 'weekends-on-off'
  | 'unknown-me'
  | 'unknown';

/** A refusal, as data: render.ts words it in the person's language. `value` is what was typed, raw. */
export type NudgeProblem = {
  code: ProblemCode;
  field: 'command' | 'time' | 'zone' | 'language' | 'days' | 'date' | 'weekends';
  value?: string;
  data?: { usage?: UsageForm };
};

export const MAX_PAUSE_DAYS = 365;

const problem = (
  code: ProblemCode,
  field: NudgeProblem['field'],
  value?: string,
  usage?: UsageForm,
): { kind: 'error'; problem: NudgeProblem } => ({
  kind: 'error',
  problem: { code, field, ...(value !== undefined ? { value } : {}), ...(usage ? { data: { usage } } : {}) },
});

/** Chinese day-part words before a time: evening and afternoon read as p.m., small hours and morning as a.m. */
const PM_PREFIX = /^(晚上|下午|傍晚|夜里|夜间|中午)/;
const AM_PREFIX = /^(凌晨|早上|上午|清晨)/;

/** Looks like an attempt at a time (digits, maybe a colon or am/pm), so the answer can say "not a time". */
const looksLikeTime = (token: string) => /^[0-9]/.test(token) || PM_PREFIX.test(token) || AM_PREFIX.test(token);
const looksLikeZone = (token: string) => token.includes('/') || /^(utc|gmt|etc\/.*)$/i.test(token);

/** The channel languages as typed: `zh`, `en`, `zh-CN`, `中文`, `英文`, `chinese`, `english`. */
const CHINESE = /^(zh|zh-cn|zh-hans|cn|chinese|中文|简体中文|汉语|普通话)$/i;
const ENGLISH = /^(en|en-us|en-gb|english|英文|英语)$/i;

function languageOf(token: string): Locale | undefined {
  if (CHINESE.test(token)) return 'zh';
  if (ENGLISH.test(token)) return 'en';
  return undefined;
}

/** `22点`, `22点30`, `22点30分`, `10点半`, optionally after 晚上/凌晨…: the way a Chinese speaker writes a time. */
function chineseTime(token: string): string | undefined {
  const pm = PM_PREFIX.test(token);
  const am = AM_PREFIX.test(token);
  const rest = token.replace(PM_PREFIX, '').replace(AM_PREFIX, '');
  const match = /^(\d{1,2})(?:[:.](\d{2})|点(?:(\d{1,2})分?|(半))?|时(?:(\d{1,2})分?)?)?$/.exec(rest);
  // Without a day-part word, only 点/时 make it a Chinese time (`22.30` stays refused, as before).
  if (!match || (!pm && !am && !/[点时]/.test(rest))) return undefined;
  let hour = Number(match[1]);
  const minute = match[4] ? 30 : Number(match[2] ?? match[3] ?? match[5] ?? 0);
  if (hour > 23 || minute > 59) return undefined;
  if (pm && hour >= 1 && hour <= 11) hour += 12;
  if (am && hour === 12) hour = 0;
  return formatHourMinute({ hour, minute });
}

/** Times as people type them: `22:00`, `22`, `9pm`, `10:30pm`, `12am` (midnight), `12pm` (noon), `22点`. */
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
  return hm ? formatHourMinute(hm) : chineseTime(token);
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
  let locale: Locale | undefined;
  for (const token of args) {
    const language = languageOf(token);
    if (language) {
      if (locale) return problem('two-languages', 'language', token, 'here');
      locale = language;
    } else if (looksLikeTime(token) && !looksLikeZone(token)) {
      if (time) return problem('two-times', 'time', token, 'here');
      time = normaliseTime(token);
      if (!time) return problem('bad-time', 'time', token, 'here');
    } else if (looksLikeZone(token) || /^[A-Za-z_]+$/.test(token)) {
      if (zone) return problem('two-zones', 'zone', token, 'here');
      zone = canonicalZone(token);
      if (!zone) return problem('bad-zone', 'zone', token, 'here');
    } else {
      return problem('unreadable', 'command', token, 'here');
    }
  }
  return { kind: 'here', ...(time ? { time } : {}), ...(zone ? { zone } : {}), ...(locale ? { locale } : {}) };
}

function parsePause(rest: string[]): NudgeCommand {
  const [token, ...extra] = rest;
  if (token === undefined || extra.length > 0) return problem('pause-missing', 'days', token, 'pause');
  if (/^\d{4}-\d{2}-\d{2}$/.test(token)) {
    if (!isCalendarDate(token)) return problem('bad-date', 'date', token, 'pause');
    return { kind: 'me-pause-until', date: token };
  }
  // `3天` / `3晚` is how a Chinese speaker says three days (nights).
  const days = /^(\d+)(?:天|晚|日)?$/.exec(token);
  if (days) {
    const count = Number(days[1]);
    if (count >= 1 && count <= MAX_PAUSE_DAYS) return { kind: 'me-pause', days: count };
    // A number, just not one that fits: say the limit, not "not a number".
    return problem('pause-range', 'days', days[1], 'pause');
  }
  return problem('pause-not-number', 'days', token, 'pause');
}

function parseMe(args: string[]): NudgeCommand {
  const [sub, ...rest] = args;
  const word = sub?.toLowerCase();
  if (word === undefined || word === 'status') {
    return rest.length === 0 ? { kind: 'me-status' } : problem('me-extra', 'command');
  }
  if (word === 'on') {
    if (rest.length === 0) return { kind: 'me-on' };
    const [token, ...extra] = rest;
    if (extra.length > 0) return problem('too-many-words', 'command', extra.join(' '), 'meOn');
    const time = normaliseTime(token as string);
    if (!time) return problem('bad-time', 'time', token, 'meOn');
    return { kind: 'me-on', time };
  }
  if (word === 'off' || word === 'resume') {
    if (rest.length > 0) return problem('takes-nothing', 'command', `me ${word}`);
    return { kind: word === 'off' ? 'me-off' : 'me-resume' };
  }
  if (word === 'pause') return parsePause(rest);
  if (word === 'weekends' || word === 'weekend') {
    const [token, ...extra] = rest;
    const value = token?.toLowerCase();
    if ((value === 'on' || value === 'off') && extra.length === 0) return { kind: 'me-weekends', on: value === 'on' };
    return problem('weekends-on-off', 'weekends', token, 'weekends');
  }
  return problem('unknown-me', 'command', `me ${sub}`);
}

export function parseNudge(text: string): NudgeCommand {
  // NFKC: full-width digits, colon and spaces (`２２：００`) read as their ASCII forms.
  const normalised = decodeSlackText(text).normalize('NFKC');
  const tokens = joinMeridiem(normalised.trim().split(/\s+/).filter(Boolean));
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
      if (rest.length > 0) return problem('takes-nothing', 'command', word);
      return { kind: word };
    case 'me':
      return parseMe(rest);
    default:
      return problem('unknown', 'command', first as string);
  }
}
