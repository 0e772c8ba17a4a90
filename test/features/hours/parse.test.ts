import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatAmount,
  type HoursCommand,
  MAX_MINUTES,
  NOTE_MAX_CHARS,
  type ParseResult,
  parseAmount,
  parseHours,
  type When,
} from '../../../src/features/hours/parse.js';
import { problemText } from '../../../src/features/hours/render-problems.js';
import { translator } from '../../../src/i18n/translator.js';

const en = translator('en');

const RUNS = { numRuns: 1000 };

function logOf(result: ParseResult): Extract<HoursCommand, { kind: 'log' }> {
  if (!result.ok) throw new Error(`expected a command, got the problem: ${problemText(en, result)}`);
  if (result.command.kind !== 'log') throw new Error(`expected a log, got ${result.command.kind}`);
  return result.command;
}

function problemOf(result: ParseResult): string {
  if (result.ok) throw new Error(`expected a problem, got ${JSON.stringify(result.command)}`);
  return problemText(en, result);
}

describe('amounts', () => {
  it.each([
    ['14', 840],
    ['7.5', 450],
    ['7,5', 450],
    ['7.25', 435],
    ['7.5h', 450],
    ['7:30', 450],
    ['7:05', 425],
    ['7h30', 450],
    ['7h30m', 450],
    ['7H30M', 450],
    ['7h', 420],
    ['45m', 45],
    ['90m', 90],
    ['0.01', 1],
    ['7.33', 440],
    ['24', 1440],
    ['23:59', 1439],
    ['1440m', 1440],
  ])('reads %s as %i minutes', (text, minutes) => {
    expect(parseAmount(text)).toEqual({ ok: true, minutes });
  });

  it('reads "7h 30m" written as two words', () => {
    expect(logOf(parseHours('log 7h 30m')).minutes).toBe(450);
  });

  it.each([
    ['abc', /can't read `abc`/],
    ['-3', /negative/],
    ['0', /zero/],
    ['0:00', /zero/],
    ['25', /more than a day/],
    ['24:01', /more than a day/],
    ['1441m', /more than a day/],
    ['1e9', /scientific notation/],
    ['7.555', /more than two decimals/],
    ['7:60', /minutes go up to 59/],
    ['7h75', /minutes go up to 59/],
    ['99999999999999999999', /far more than a day/],
    ['7.', /can't read/],
    ['NaN', /can't read/],
    ['Infinity', /can't read/],
    ['0x10', /can't read/],
  ])('refuses %s and says why', (text, why) => {
    const result = parseAmount(text);
    expect(result.ok).toBe(false);
    expect(result.ok === false && problemText(en, result)).toMatch(why);
  });

  it('formats amounts the way people type them', () => {
    expect([45, 60, 450, 425, 1440].map(formatAmount)).toEqual(['45m', '1h', '7h30m', '7h05m', '24h']);
  });
});

describe('/hours log', () => {
  it('takes an amount, an optional when and an optional note', () => {
    expect(logOf(parseHours('log 14'))).toEqual({ kind: 'log', minutes: 840, when: { kind: 'default' }, note: null });
    expect(logOf(parseHours('log 7.5 yesterday'))).toMatchObject({ when: { kind: 'yesterday' }, note: null });
    expect(logOf(parseHours('log 8 Today'))).toMatchObject({ when: { kind: 'today' } });
    expect(logOf(parseHours('log 8 fri shipping the eval'))).toMatchObject({
      when: { kind: 'weekday', weekday: 5 },
      note: 'shipping the eval',
    });
    expect(logOf(parseHours('log 8 Sunday'))).toMatchObject({ when: { kind: 'weekday', weekday: 7 } });
    expect(logOf(parseHours('log 8 2026-11-27 on call'))).toMatchObject({
      when: { kind: 'date', date: '2026-11-27' },
      note: 'on call',
    });
    expect(logOf(parseHours('log 8 reading papers'))).toMatchObject({
      when: { kind: 'default' },
      note: 'reading papers',
    });
  });

  it('treats "/hours 7.5 yesterday" as a log', () => {
    expect(logOf(parseHours('7.5 yesterday'))).toMatchObject({ minutes: 450, when: { kind: 'yesterday' } });
  });

  it('tidies the note: whitespace and line breaks become single spaces; Slack entities are decoded', () => {
    expect(logOf(parseHours('log 8   a\n\tb   c  ')).note).toBe('a b c');
    expect(logOf(parseHours('log 8 R&amp;D &lt;3')).note).toBe('R&D <3');
  });

  it('accepts a note of exactly 200 characters and refuses 201 or a 5,000-character one', () => {
    expect(logOf(parseHours(`log 8 ${'x'.repeat(NOTE_MAX_CHARS)}`)).note).toHaveLength(NOTE_MAX_CHARS);
    expect(problemOf(parseHours(`log 8 ${'x'.repeat(NOTE_MAX_CHARS + 1)}`))).toMatch(/201 characters.*up to 200/);
    expect(problemOf(parseHours(`log 8 ${'y'.repeat(5000)}`))).toMatch(/5000 characters/);
  });

  it('counts note length in characters, not UTF-16 units', () => {
    expect(logOf(parseHours(`log 8 ${'😴'.repeat(NOTE_MAX_CHARS)}`)).note).toBe('😴'.repeat(NOTE_MAX_CHARS));
  });

  it.each([
    '<!channel> deploy',
    'ping <!here>',
    '&lt;!channel&gt; as Slack sends it',
    'with <@U123ABC>',
    'in <#C0123|general>',
    'see <https://evil.example|this>',
    'mail <mailto:a@b.c|me>',
  ])('refuses a note with a Slack control sequence: %s', (note) => {
    expect(problemOf(parseHours(`log 8 ${note}`))).toMatch(/cannot contain Slack mentions or links/);
  });

  it.each([
    ['log', /need an amount/],
    ['log abc', /can't read `abc`/],
    ['log -3', /negative/],
    ['-3', /negative/],
    ['log 0', /zero/],
    ['log 25', /more than a day/],
    ['log 1e9', /scientific notation/],
    ['log 7.555', /more than two decimals/],
    ['log 8 2026-02-30', /`2026-02-30` is not a real date/],
    ['log 8 2026-13-01', /not a real date/],
    ['log 8 27/11', /can't read `27\/11` as a date.*`1 Dec`/],
    ['log 8 2026/11/27', /as a date.*`2026-12-01`/],
    ['abc', /I don't know `\/hours abc`/],
  ])('refuses %j, naming the problem and showing the right form', (text, why) => {
    const result = parseHours(text);
    expect(problemOf(result)).toMatch(why);
    expect(result.ok === false && en.t(`hours.example.${result.example}`)).toMatch(/^`\/hours /);
  });

  it('never echoes user text in a form that could ping or break out of its code span', () => {
    const problem = problemOf(parseHours('log <!channel>`*x*'));
    expect(problem).not.toContain('<!channel>');
    expect(problem).toContain('&lt;!channel&gt;');
    expect(problem.match(/`/g)?.length ?? 0).toBeGreaterThan(0);
    expect((problem.match(/`/g)?.length ?? 0) % 2).toBe(0);
  });
});

describe('the other subcommands', () => {
  it.each<[string, HoursCommand]>([
    ['', { kind: 'week', which: { kind: 'this' } }],
    ['week', { kind: 'week', which: { kind: 'this' } }],
    ['WEEK last', { kind: 'week', which: { kind: 'last' } }],
    ['week 2026-03-08', { kind: 'week', which: { kind: 'of', date: '2026-03-08' } }],
    ['month', { kind: 'month' }],
    ['undo', { kind: 'undo' }],
    ['tz', { kind: 'tz', action: { kind: 'show' } }],
    ['tz Asia/Shanghai', { kind: 'tz', action: { kind: 'set', zone: 'Asia/Shanghai' } }],
    ['tz reset', { kind: 'tz', action: { kind: 'clear' } }],
    ['export', { kind: 'export' }],
    ['forget', { kind: 'forget', confirmed: false }],
    ['forget confirm', { kind: 'forget', confirmed: true }],
    ['team', { kind: 'team' }],
    ['help', { kind: 'help' }],
  ])('%j', (text, command) => {
    expect(parseHours(text)).toEqual({ ok: true, command });
  });

  it.each([
    ['week 2026-02-30', /not `last` or a real date/],
    ['week next', /not `last` or a real date/],
    ['month 3', /takes nothing after it/],
    ['forget please', /\/hours forget confirm/],
    ['tz Europe London', /one word/],
  ])('refuses %j', (text, why) => {
    expect(problemOf(parseHours(text))).toMatch(why);
  });
});

/** Amounts in every accepted spelling, with the minutes they must give (computed independently). */
const spelledAmount: fc.Arbitrary<{ text: string; minutes: number }> = fc.oneof(
  fc.integer({ min: 1, max: 24 }).map((h) => ({ text: String(h), minutes: h * 60 })),
  fc
    .record({ h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }), sep: fc.constantFrom(':', 'h') })
    .filter(({ h, m }) => h * 60 + m > 0)
    .map(({ h, m, sep }) => ({
      text: `${h}${sep}${String(m).padStart(2, '0')}${sep === 'h' ? 'm' : ''}`,
      minutes: h * 60 + m,
    })),
  fc.integer({ min: 1, max: MAX_MINUTES }).map((m) => ({ text: `${m}m`, minutes: m })),
  fc
    .record({ h: fc.integer({ min: 0, max: 23 }), q: fc.constantFrom(25, 5, 75), sep: fc.constantFrom('.', ',') })
    .map(({ h, q, sep }) => ({ text: `${h}${sep}${q}`, minutes: h * 60 + (q === 5 ? 30 : (q * 60) / 100) })),
);

const grammarish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'log',
        'week',
        'last',
        'yesterday',
        'today',
        'fri',
        'tz',
        'undo',
        'forget',
        'confirm',
        '<!channel>',
      ),
      fc.constantFrom(
        '7.5',
        '7,5',
        '7:30',
        '7h30m',
        '45m',
        '-3',
        '0',
        '25',
        '1e9',
        '7.555',
        '2026-02-30',
        '2026-11-27',
      ),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 12 }),
    ),
    { maxLength: 6 },
  )
  .map((words) => words.join(' '));

describe('parser properties (fast-check, 1,000 runs each)', () => {
  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), grammarish),
        (text) => {
          const result = parseHours(text);
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) expect(problemText(en, result).length).toBeGreaterThan(0);
        },
      ),
      RUNS,
    );
  });

  it('reads every accepted spelling of an amount as the right whole minutes', () => {
    fc.assert(
      fc.property(spelledAmount, ({ text, minutes }) => {
        expect(parseAmount(text)).toEqual({ ok: true, minutes });
        expect(Number.isInteger(minutes)).toBe(true);
      }),
      RUNS,
    );
  });

  it('round-trips: formatting an accepted amount and parsing it again gives the same minutes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          spelledAmount.map((a) => a.text),
          grammarish,
        ),
        (text) => {
          const result = parseAmount(text);
          if (!result.ok) return;
          expect(result.minutes).toBeGreaterThan(0);
          expect(result.minutes).toBeLessThanOrEqual(MAX_MINUTES);
          expect(parseAmount(formatAmount(result.minutes))).toEqual(result);
        },
      ),
      RUNS,
    );
  });

  it('round-trips a whole log: amount, when and note survive being written back out', () => {
    const whenWords = fc.constantFrom('', 'today', 'yesterday', 'mon', 'sunday', '2026-11-27');
    // A note starting with a number could extend the amount ("7h" + "30m ..."), which the grammar does on purpose.
    const note = fc
      .oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }))
      .filter((text) => !/[<>&]/.test(text) && !/^\s*\d/.test(text));
    const written = (when: When) =>
      when.kind === 'default'
        ? ''
        : when.kind === 'weekday'
          ? ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'][when.weekday - 1]
          : when.kind === 'date'
            ? when.date
            : when.kind;
    fc.assert(
      fc.property(spelledAmount, whenWords, note, ({ text, minutes }, whenWord, noteText) => {
        const first = parseHours(['log', text, whenWord, noteText].filter(Boolean).join(' '));
        if (!first.ok) return; // e.g. a note that starts with a word that looks like a date but is not one
        const log = logOf(first);
        expect(log.minutes).toBe(minutes);
        const again = parseHours(
          ['log', formatAmount(log.minutes), written(log.when), log.note ?? ''].filter(Boolean).join(' '),
        );
        expect(logOf(again)).toEqual(log);
      }),
      RUNS,
    );
  });

  it('refuses every amount over 24 h and every non-positive one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: MAX_MINUTES + 1, max: 10_000_000 }),
        fc.integer({ min: -1000, max: 0 }),
        (big, small) => {
          expect(parseAmount(`${big}m`).ok).toBe(false);
          expect(parseAmount(String(Math.ceil(big / 60) + 24)).ok).toBe(false);
          expect(parseAmount(`${small}`).ok).toBe(false);
          expect(parseAmount(`${small}m`).ok).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it('never lets a Slack control sequence into a note, however it is dressed', () => {
    const control = fc.constantFrom(
      '<!channel>',
      '<!here>',
      '<!everyone>',
      '<@U12345>',
      '<#C123|x>',
      '<https://x.y|z>',
    );
    const encoded = control.map((c) => c.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.oneof(control, encoded), fc.string({ maxLength: 30 }), (a, c, b) => {
        const result = parseHours(`log 8 note ${a}${c}${b}`);
        if (result.ok && result.command.kind === 'log') {
          expect(result.command.note ?? '').not.toMatch(/<\s*[!@#]|<https?:/i);
        }
      }),
      RUNS,
    );
  });
});

describe('notes that look like object keys', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('keeps "%s" as a note, not a date', (word) => {
    const parsed = parseHours(`log 1m ${word}`);
    expect(parsed).toEqual({ ok: true, command: { kind: 'log', minutes: 1, when: { kind: 'default' }, note: word } });
  });
});

describe('date words and units people type', () => {
  it.each<[string, When]>([
    ['log 8 last friday', { kind: 'last-weekday', weekday: 5 }],
    ['log 8 last fri', { kind: 'last-weekday', weekday: 5 }],
    ['log 8 1 Dec', { kind: 'day-month', day: 1, month: 12 }],
    ['log 8 Dec 1', { kind: 'day-month', day: 1, month: 12 }],
    ['log 8 1st December', { kind: 'day-month', day: 1, month: 12 }],
    ['log 8 sept 30', { kind: 'day-month', day: 30, month: 9 }],
    ['log 8 tomorrow', { kind: 'tomorrow' }],
    ['log 8 next mon', { kind: 'next-weekday', weekday: 1 }],
  ])('%j reads the date, not a note', (text, when) => {
    expect(logOf(parseHours(text))).toMatchObject({ when, note: null });
  });

  it('keeps the note after a two-word date', () => {
    expect(logOf(parseHours('log 8 last friday on call'))).toMatchObject({ note: 'on call' });
    expect(logOf(parseHours('log 8 Dec 1 offsite'))).toMatchObject({ note: 'offsite' });
  });

  it('refuses 1/12 as ambiguous and says both readings', () => {
    expect(problemOf(parseHours('log 8 1/12'))).toBe(
      "`1/12` could be 1 Dec or Jan 12, so I didn't guess. Write `1 Dec` or a date like `2026-12-01`.",
    );
    expect(problemOf(parseHours('log 8 31 Feb'))).toMatch(/`31 Feb` is not a real date/);
  });

  it('reads `7 h` and `7 hours` as hours, and suggests `30m` for `30 min`', () => {
    expect(logOf(parseHours('log 7 h'))).toMatchObject({ minutes: 420, note: null });
    expect(logOf(parseHours('log 7.5 hours yesterday'))).toMatchObject({ minutes: 450, when: { kind: 'yesterday' } });
    expect(problemOf(parseHours('log 30 min'))).toBe('For minutes, write them as one word: `30m` (not `30 min`).');
  });

  it('marks a note whose first word looks like a date or unit, so the answer says how it was read', () => {
    expect(logOf(parseHours('log 8 fri-sat deploy'))).toMatchObject({ note: 'fri-sat deploy', notedAs: true });
    expect(logOf(parseHours('log 8 2nd shift'))).toMatchObject({ note: '2nd shift', notedAs: true });
    expect(logOf(parseHours('log 8 reading papers'))).not.toHaveProperty('notedAs');
  });

  it('counts note length in what a person sees (grapheme clusters)', () => {
    const family = '👨‍👩‍👧‍👦'; // one character on screen, seven code points
    expect(logOf(parseHours(`log 8 ${family.repeat(NOTE_MAX_CHARS)}`)).note).toBe(family.repeat(NOTE_MAX_CHARS));
    expect(problemOf(parseHours(`log 8 ${family.repeat(NOTE_MAX_CHARS + 1)}`))).toMatch(/201 characters/);
  });
});

describe('/hours day, edit and delete', () => {
  it.each<[string, HoursCommand]>([
    ['day', { kind: 'day', when: { kind: 'today' } }],
    ['day yesterday', { kind: 'day', when: { kind: 'yesterday' } }],
    ['edit 1 Dec', { kind: 'day', when: { kind: 'day-month', day: 1, month: 12 } }],
    ['edit 2026-12-01 2 7h30', { kind: 'edit', when: { kind: 'date', date: '2026-12-01' }, n: 2, minutes: 450 }],
    [
      'edit yesterday #1 6 shipped it',
      { kind: 'edit', when: { kind: 'yesterday' }, n: 1, minutes: 360, note: 'shipped it' },
    ],
    ['delete last fri 3', { kind: 'delete', when: { kind: 'last-weekday', weekday: 5 }, n: 3 }],
  ])('%j', (text, command) => {
    expect(parseHours(text)).toEqual({ ok: true, command });
  });

  it.each([
    ['edit', /Say which day, which entry and the new amount/],
    ['edit yesterday x 3', /`x` is not an entry number/],
    ['edit yesterday 0 3', /`0` is not an entry number/],
    ['edit yesterday 1', /need an amount/],
    ['edit 1/12 1 3', /could be 1 Dec or Jan 12/],
    ['delete yesterday', /Which entry\?/],
    ['delete yesterday 1 more', /nothing after it/],
    ['delete banana 1', /Say which day and which entry/],
  ])('refuses %j', (text, why) => {
    expect(problemOf(parseHours(text))).toMatch(why);
  });
});
