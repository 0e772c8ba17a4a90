import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { dateOf } from '../../../src/features/hours/domain.js';
import { execute } from '../../../src/features/hours/ledger.js';
import { type HoursCommand, type ParseResult, parseAmount, parseHours } from '../../../src/features/hours/parse.js';
import { problemReply } from '../../../src/features/hours/render.js';
import { LOCALES } from '../../../src/i18n/locale.js';
import { translator } from '../../../src/i18n/translator.js';
import { SqliteStore } from '../../../src/store/sqlite.js';
import type { PersonKey } from '../../../src/store/types.js';
import { expectValidMessage } from '../../helpers/block-kit.js';

/** The `/hours` grammar in Chinese, and the same grammar's promises whichever language it is typed in. */

const RUNS = { numRuns: 500 };
const command = (result: ParseResult): HoursCommand => {
  if (!result.ok) throw new Error(`expected a command, got the problem ${result.code}`);
  return result.command;
};

/** Half-width ASCII as full-width (`8` → `８`, `:` → `：`), the way a Chinese input method types it. */
const fullWidth = (text: string) =>
  text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');

describe('Chinese amounts', () => {
  it.each([
    ['8小时', 480],
    ['7.5小时', 450],
    ['7小时30分', 450],
    ['7小时30分钟', 450],
    ['45分钟', 45],
    ['45分', 45],
    ['8个小时', 480],
    ['８', 480],
    ['７．５', 450],
    ['７：３０', 450],
    ['７．５小时', 450],
  ])('reads %s as %i minutes', (text, minutes) => {
    expect(parseAmount(text)).toEqual({ ok: true, minutes });
    expect(command(parseHours(`log ${text}`))).toMatchObject({ kind: 'log', minutes });
  });

  it.each([
    ['7小时 30分', 450],
    ['8 小时', 480],
    ['45 分钟', 45],
  ])('reads %s, unit apart, as one amount', (text, minutes) => {
    expect(command(parseHours(`log ${text} 昨天`))).toMatchObject({ minutes, when: { kind: 'yesterday' }, note: null });
  });

  it.each([
    ['log 8小时昨天', 480, { kind: 'yesterday' }, null],
    ['8小时昨天', 480, { kind: 'yesterday' }, null],
    ['log 7小时30分钟修评测', 450, { kind: 'default' }, '修评测'],
    ['log 45分钟前天', 45, { kind: 'days-ago', days: 2 }, null],
  ])('reads %s, typed without a space, as if it had one', (text, minutes, when, note) => {
    expect(command(parseHours(text))).toEqual({ kind: 'log', minutes, when, note });
  });

  it('logs without the word log, as in English', () => {
    expect(command(parseHours('8小时 昨天'))).toMatchObject({ kind: 'log', minutes: 480, when: { kind: 'yesterday' } });
  });

  it.each(['25小时', '7小时75分', '0小时', '-3小时', '半小时'])('refuses %s with a problem, never a guess', (text) => {
    expect(parseHours(`log ${text}`).ok).toBe(false);
  });
});

describe('Chinese day words', () => {
  const today = '2026-12-02'; // a Wednesday
  const when = (word: string) => {
    const parsed = command(parseHours(`log 8 ${word}`));
    if (parsed.kind !== 'log') throw new Error('expected a log');
    return { when: parsed.when, date: dateOf(parsed.when, today), note: parsed.note };
  };

  it.each([
    ['今天', '2026-12-02'],
    ['昨天', '2026-12-01'],
    ['前天', '2026-11-30'],
    ['大前天', '2026-11-29'],
    ['周一', '2026-11-30'],
    ['周三', '2026-12-02'],
    ['周五', '2026-11-27'],
    ['周日', '2026-11-29'],
    ['周天', '2026-11-29'],
    ['星期一', '2026-11-30'],
    ['星期日', '2026-11-29'],
    ['星期天', '2026-11-29'],
    ['礼拜二', '2026-12-01'],
    ['上周五', '2026-11-27'],
    ['上周一', '2026-11-23'],
    ['上星期三', '2026-11-25'],
    ['12月1日', '2026-12-01'],
    ['11月30号', '2026-11-30'],
    ['2026年11月3日', '2026-11-03'],
    ['１２月１日', '2026-12-01'],
  ])('%s is %s (from Wednesday 2 Dec)', (word, date) => {
    expect(when(word)).toMatchObject({ date, note: null });
  });

  it('上周五 is Friday of last week, even on a Saturday (unlike `last fri`, the most recent Friday)', () => {
    const parsed = command(parseHours('log 8 上周五'));
    if (parsed.kind !== 'log') throw new Error('expected a log');
    expect(dateOf(parsed.when, '2026-12-05')).toBe('2026-11-27');
  });

  it('keeps the note as typed, full-width punctuation and all', () => {
    expect(command(parseHours('log 7.5小时 昨天 修评测，很累！'))).toMatchObject({
      minutes: 450,
      when: { kind: 'yesterday' },
      note: '修评测，很累！',
    });
  });

  it.each(['明天', '后天', '下周五'])('%s is a future day, refused later like `tomorrow`', (word) => {
    expect(when(word).date > today).toBe(true);
  });

  it.each(['2月30日', '13月1日'])('%s is not a real date', (word) => {
    const parsed = parseHours(`log 8 ${word}`);
    expect(parsed.ok === false && parsed.code).toBe('date_not_real');
  });

  it('takes Chinese words in the other commands too', () => {
    expect(command(parseHours('day 昨天'))).toEqual({ kind: 'day', when: { kind: 'yesterday' } });
    expect(command(parseHours('edit 昨天 1 7小时30分 修评测'))).toMatchObject({ kind: 'edit', n: 1, minutes: 450 });
    expect(command(parseHours('delete 前天 2'))).toMatchObject({ kind: 'delete', when: { kind: 'days-ago', days: 2 } });
    expect(command(parseHours('week 上周'))).toEqual({ kind: 'week', which: { kind: 'last' } });
    expect(command(parseHours('week 本周'))).toEqual({ kind: 'week', which: { kind: 'this' } });
  });
});

describe('/hours lang', () => {
  it.each([
    ['lang zh', 'zh'],
    ['lang 中文', 'zh'],
    ['lang zh-CN', 'zh'],
    ['lang en', 'en'],
    ['lang English', 'en'],
    ['lang auto', null],
    ['LANG AUTO', null],
  ])('%s sets %s', (text, locale) => {
    expect(command(parseHours(text))).toEqual({ kind: 'lang', action: { kind: 'set', locale } });
  });

  it('alone, shows the language', () => {
    expect(command(parseHours('lang'))).toEqual({ kind: 'lang', action: { kind: 'show' } });
  });

  it.each(['lang fr', 'lang zh en', 'lang 日本語'])('%s is a problem that names the choices', (text) => {
    const parsed = parseHours(text);
    expect(parsed.ok === false && parsed.code).toBe('lang_unknown');
  });
});

/** Generated `/hours` text mixing both languages' words, digits (half- and full-width) and noise. */
const vocabulary = [
  'log',
  'edit',
  'delete',
  'day',
  'week',
  'lang',
  'tz',
  'yesterday',
  'fri',
  'last',
  '1',
  '2',
  '7.5',
  '7:30',
  '45m',
  '8小时',
  '7.5小时',
  '7小时30分',
  '45分钟',
  '小时',
  '分钟',
  '昨天',
  '前天',
  '今天',
  '周五',
  '星期天',
  '上周五',
  '12月1日',
  '修评测',
  'zh',
  'en',
  'auto',
  '８',
  '７．５',
  '：',
  '，',
  '　',
  '-',
  '#2',
  '2026-11-30',
];
const words = fc.array(fc.oneof(fc.constantFrom(...vocabulary), fc.string({ maxLength: 6 })), { maxLength: 7 });
const phrase = words.map((list) => list.join(' '));

describe('the grammar in both languages (properties)', () => {
  it('never throws, and every problem is a valid answer in both languages', () => {
    fc.assert(
      fc.property(phrase, (text) => {
        const parsed = parseHours(text);
        if (parsed.ok) return;
        for (const locale of LOCALES) {
          const reply = problemReply(translator(locale), parsed);
          expectValidMessage(reply, { requireBlocks: true });
          expect(reply.text).not.toMatch(/hours\.problem|hours\.example/);
        }
      }),
      RUNS,
    );
  });

  it('full-width digits and punctuation read the same as half-width', () => {
    const amount = fc.oneof(
      fc.integer({ min: 1, max: 24 }).map(String),
      fc
        .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([h, m]) => `${h}:${String(m).padStart(2, '0')}`),
      fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 1, max: 99 })).map(([h, f]) => `${h}.${f}`),
    );
    const day = fc.constantFrom('', 'yesterday', '2026-11-30', '11/30', '昨天', '12月1日', 'fri');
    fc.assert(
      fc.property(amount, day, (a, d) => {
        const half = `log ${a} ${d}`.trim();
        expect(parseHours(fullWidth(half))).toEqual(parseHours(half));
      }),
      RUNS,
    );
  });

  it('English and Chinese forms of one amount and day give the same command', () => {
    const pairs: Array<[string, string]> = [
      ['yesterday', '昨天'],
      ['today', '今天'],
      ['fri', '周五'],
      ['sun', '星期天'],
      ['1 Dec', '12月1日'],
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom(...pairs),
        (h, m, [en, zh]) => {
          const english = m === 0 ? `${h}h` : `${h}h${m}m`;
          const chinese = m === 0 ? `${h}小时` : `${h}小时${m}分钟`;
          expect(parseHours(`log ${chinese} ${zh} 修评测`)).toEqual(parseHours(`log ${english} ${en} 修评测`));
        },
      ),
      RUNS,
    );
  });
});

describe('the same entry from `7.5 yesterday` and `7.5小时 昨天`', () => {
  const stores: SqliteStore[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });

  it('stores one identical entry, whatever the clock and zone', async () => {
    const person: PersonKey = { teamId: 'T1', userId: 'UCHEN' };
    const instant = fc.date({
      min: new Date('2026-01-01T00:00:00Z'),
      max: new Date('2027-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    const zone = fc.constantFrom('Asia/Shanghai', 'Europe/London', 'America/Los_Angeles', 'UTC');
    await fc.assert(
      fc.asyncProperty(instant, zone, async (now, z) => {
        const stored = [];
        for (const text of ['log 7.5 yesterday', 'log 7.5小时 昨天', '７．５小时　昨天']) {
          const store = new SqliteStore(':memory:');
          stores.push(store);
          const parsed = parseHours(text);
          await execute({ store, person, now, zone: { zone: z, source: 'override' } }, command(parsed));
          stored.push(
            (await store.hours.allEntries(person)).map(({ workDate, minutes, note }) => ({ workDate, minutes, note })),
          );
        }
        expect(stored[0]).toHaveLength(1);
        expect(stored[1]).toEqual(stored[0]);
        expect(stored[2]).toEqual(stored[0]);
      }),
      { numRuns: 40 },
    );
  });
});
