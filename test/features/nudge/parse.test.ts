import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PAUSE_DAYS, type NudgeCommand, parseNudge } from '../../../src/features/nudge/parse.js';
import { problemText } from '../../../src/features/nudge/render.js';
import { translator } from '../../../src/i18n/translator.js';
import { canonicalZone } from '../../../src/people/zone.js';
import { decodeSlackText } from '../../../src/slack/mrkdwn.js';

const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => ({
  text: `${h}:${String(m).padStart(2, '0')}`,
  norm: `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`,
}));
/** A refusal in English words, as the person would read it. */
const refusal = (parsed: NudgeCommand) =>
  parsed.kind === 'error' ? problemText(translator('en'), parsed.problem) : '';

const zones = fc.constantFrom('America/New_York', 'Europe/London', 'Asia/Shanghai', 'America/Los_Angeles', 'UTC');

describe('parseNudge', () => {
  it.each([
    ['', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['here', { kind: 'here' }],
    ['here 22:00', { kind: 'here', time: '22:00' }],
    ['here 7:05 europe/london', { kind: 'here', time: '07:05', zone: 'Europe/London' }],
    ['HERE Asia/Shanghai 21:30', { kind: 'here', time: '21:30', zone: 'Asia/Shanghai' }],
    ['off', { kind: 'off' }],
    ['status', { kind: 'status' }],
    ['me', { kind: 'me-status' }],
    ['me on', { kind: 'me-on' }],
    ['me on 23:15', { kind: 'me-on', time: '23:15' }],
    ['here 22', { kind: 'here', time: '22:00' }],
    ['here 9pm', { kind: 'here', time: '21:00' }],
    ['here 10:30pm Europe/London', { kind: 'here', time: '22:30', zone: 'Europe/London' }],
    ['here 9 PM', { kind: 'here', time: '21:00' }],
    ['me on 12am', { kind: 'me-on', time: '00:00' }],
    ['me on 12:15pm', { kind: 'me-on', time: '12:15' }],
    ['me on 7', { kind: 'me-on', time: '07:00' }],
    ['me off', { kind: 'me-off' }],
    ['me resume', { kind: 'me-resume' }],
    ['me pause 3', { kind: 'me-pause', days: 3 }],
    ['me pause 2026-12-24', { kind: 'me-pause-until', date: '2026-12-24' }],
    ['me weekends on', { kind: 'me-weekends', on: true }],
    ['  me   weekends   OFF ', { kind: 'me-weekends', on: false }],
  ])('%j', (text, expected) => {
    expect(parseNudge(text)).toEqual(expected);
  });

  it.each([
    ['here 25:00', /`25:00` is not a time.*`22:00`.*`10:30pm`/],
    ['here 22:60', /not a time/],
    ['here 13pm', /not a time/],
    ['here 24', /not a time/],
    ['here Mars/Base', /`Mars\/Base` is not a time zone I know.*Area\/City/],
    ['here banana', /not a time zone/],
    ['here 22:00 21:00', /one time only/],
    ['me pause -1', /`-1` is not a number of days or a date.*\/nudge me pause 3/],
    ['me pause 0', /outside the limit: pause for 1–365 days or until a date/],
    ['me pause 366', /outside the limit: pause for 1–365 days or until a date/],
    ['me pause 400', /`400` days is outside the limit: pause for 1–365 days or until a date/],
    ['me pause', /Say how long/],
    ['me pause 2026-02-30', /not a real date/],
    ['me weekends maybe', /on or off/],
    ['me on 24:00', /not a time/],
    ['me dance', /I don't know `me dance`/],
    ['banana', /I don't know `banana`.*\/nudge help/],
    ['off now', /takes nothing after it/],
  ])('refuses %j with the right form', (text, message) => {
    const parsed = parseNudge(text);
    expect(parsed.kind).toBe('error');
    expect(refusal(parsed)).toMatch(message);
  });

  it('reads any valid time and zone, in either order', () => {
    fc.assert(
      fc.property(hhmm, zones, fc.boolean(), (time, zone, zoneFirst) => {
        const text = zoneFirst ? `here ${zone} ${time.text}` : `here ${time.text} ${zone}`;
        expect(parseNudge(text)).toEqual({ kind: 'here', time: time.norm, zone });
        expect(parseNudge(`me on ${time.text}`)).toEqual({ kind: 'me-on', time: time.norm });
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses every hour past 23 and every pause outside 1..365 days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 24, max: 99 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        expect(parseNudge(`here ${h}:${String(m).padStart(2, '0')}`).kind).toBe('error');
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: -10_000, max: 10_000 }), (days) => {
        const parsed = parseNudge(`me pause ${days}`);
        if (days >= 1 && days <= MAX_PAUSE_DAYS) expect(parsed).toEqual({ kind: 'me-pause', days });
        else expect(parsed.kind).toBe('error');
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws, and never echoes a mention back', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const parsed = parseNudge(text);
        expect(parsed.kind).toBeTypeOf('string');
        if (parsed.kind === 'error') expect(refusal(parsed)).not.toMatch(/<[!@#]/);
      }),
      { numRuns: 1000 },
    );
    const parsed = parseNudge('<!channel>');
    expect(refusal(parsed)).toContain('&lt;!channel&gt;');
  });

  it('spells zones the IANA way', () => {
    expect(canonicalZone('america/new_york')).toBe('America/New_York');
    expect(canonicalZone('utc')).toBe('UTC');
    expect(canonicalZone('Nowhere/Special')).toBeUndefined();
  });
});

/** `22:00` as a Chinese input method writes it: full-width digits and colon. */
const fullWidth = (text: string) =>
  text.replace(/[0-9:]/g, (c) => String.fromCharCode(c === ':' ? 0xff1a : 0xff10 + Number(c)));

describe('what a Chinese speaker types', () => {
  it.each([
    ['here ２２：００', { kind: 'here', time: '22:00' }],
    ['here\u300022:00\u3000Asia/Shanghai', { kind: 'here', time: '22:00', zone: 'Asia/Shanghai' }],
    ['here 22点', { kind: 'here', time: '22:00' }],
    ['here 22点30', { kind: 'here', time: '22:30' }],
    ['here 21点45分', { kind: 'here', time: '21:45' }],
    ['here 10点半', { kind: 'here', time: '10:30' }],
    ['here 晚上10点', { kind: 'here', time: '22:00' }],
    ['here 晚上10:30', { kind: 'here', time: '22:30' }],
    ['here 中午12点', { kind: 'here', time: '12:00' }],
    ['me on 晚上11点', { kind: 'me-on', time: '23:00' }],
    ['me on 凌晨12点', { kind: 'me-on', time: '00:00' }],
    ['me on 凌晨1点', { kind: 'me-on', time: '01:00' }],
    ['me on ２３：１５', { kind: 'me-on', time: '23:15' }],
    ['me pause 3天', { kind: 'me-pause', days: 3 }],
    ['me pause ３', { kind: 'me-pause', days: 3 }],
    ['me pause ２０２６－１２－２４', { kind: 'me-pause-until', date: '2026-12-24' }],
  ])('%j', (text, expected) => {
    expect(parseNudge(text)).toEqual(expected);
  });

  it.each(['here 25点', 'here 22点61分', 'here 22.30', 'me on 晚上', 'me pause 0天'])('refuses %j', (text) => {
    expect(parseNudge(text).kind).toBe('error');
  });

  it('reads any time typed full-width as the same time typed in ASCII', () => {
    fc.assert(
      fc.property(hhmm, (time) => {
        expect(parseNudge(`here ${fullWidth(time.text)}`)).toEqual({ kind: 'here', time: time.norm });
        expect(parseNudge(`me on ${fullWidth(time.text)}`)).toEqual({ kind: 'me-on', time: time.norm });
      }),
      { numRuns: 500 },
    );
  });
});

describe('the channel language', () => {
  it.each([
    ['here zh', { kind: 'here', locale: 'zh' }],
    ['here en', { kind: 'here', locale: 'en' }],
    ['here 22:00 zh', { kind: 'here', time: '22:00', locale: 'zh' }],
    ['here ZH 21:30 Asia/Shanghai', { kind: 'here', time: '21:30', zone: 'Asia/Shanghai', locale: 'zh' }],
    ['here 中文', { kind: 'here', locale: 'zh' }],
    ['here 22点 中文', { kind: 'here', time: '22:00', locale: 'zh' }],
    ['here english', { kind: 'here', locale: 'en' }],
    ['here zh-CN', { kind: 'here', locale: 'zh' }],
  ])('%j', (text, expected) => {
    expect(parseNudge(text)).toEqual(expected);
  });

  it('takes one language only', () => {
    expect(parseNudge('here zh en')).toEqual({
      kind: 'error',
      problem: { code: 'two-languages', field: 'language', value: 'en', data: { usage: 'here' } },
    });
  });
});

describe('problems are data, not words', () => {
  it('every refusal is a code and a field, with what was typed as it was typed (after NFKC)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', 'here ', 'me ', 'me on ', 'me pause ', 'me weekends ', 'off ', 'status '),
        fc.string({ maxLength: 40 }),
        (prefix, junk) => {
          const text = `${prefix}${junk}`;
          const parsed = parseNudge(text);
          if (parsed.kind !== 'error') return;
          const { problem } = parsed;
          expect(Object.keys(problem).every((key) => ['code', 'field', 'value', 'data'].includes(key))).toBe(true);
          expect(problem.code).toMatch(/^[a-z-]+$/);
          if (problem.value !== undefined)
            expect(decodeSlackText(text).normalize('NFKC')).toContain(problem.value.split(' ').pop());
        },
      ),
      { numRuns: 1000 },
    );
  });
});
