import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { execute } from '../../../src/features/hours/ledger.js';
import { formatAmount, parseHours } from '../../../src/features/hours/parse.js';
import type { Reply } from '../../../src/features/hours/render.js';
import { shortDate } from '../../../src/hours/calendar.js';
import { SqliteStore } from '../../../src/store/sqlite.js';
import type { PersonKey } from '../../../src/store/types.js';

const chen: PersonKey = { teamId: 'T1', userId: 'UCHEN' };
const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});
function memoryStore(): SqliteStore {
  const store = new SqliteStore(':memory:');
  stores.push(store);
  return store;
}

async function run(store: SqliteStore, zone: string, now: Date, text: string): Promise<Reply> {
  const parsed = parseHours(text);
  if (!parsed.ok) throw new Error(`did not parse: ${text}`);
  const outcome = await execute({ store, person: chen, now, zone: { zone, source: 'override' } }, parsed.command);
  if (outcome.kind !== 'reply') throw new Error('expected a reply');
  return outcome.reply;
}

const textOf = (reply: Reply) => JSON.stringify(reply.blocks);
/** "45h30m", "7h", "30m", "·" back to minutes (totals can pass the 24h a single amount may hold). */
const minutesOf = (shown: string) => {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?$/.exec(shown === '·' ? '' : shown);
  if (!match) throw new Error(`not a duration: ${shown}`);
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
};

/** The week view's rows ("Tue 1  ◂ 21h    ███") as label → minutes, the marked row, and its total. */
function readWeek(reply: Reply) {
  const code = /```([\s\S]*?)```/.exec(
    reply.blocks.map((b) => (b.type === 'section' && b.text ? b.text.text : '')).join('\n'),
  );
  const rows = new Map<string, number>();
  let marked: string | undefined;
  for (const line of (code?.[1] ?? '').split('\n')) {
    const match = /^(\w{3} \d{1,2})\s+(◂)?\s*([\dhm·]*)/.exec(line);
    if (!match) continue;
    rows.set(match[1] as string, minutesOf(match[3] ?? ''));
    if (match[2]) marked = match[1];
  }
  const total = /Total: \*([\dhm]+)\*/.exec(textOf(reply));
  return { rows, marked, total: minutesOf(total?.[1] ?? '') };
}

const label = (date: string) => shortDate(date).replace(/ \w{3}$/, ''); // "Tue 1 Dec" → "Tue 1"

describe('one work day everywhere', () => {
  it("Chen in Shanghai at 02:59 on Wed 2 Dec: `today` is Tuesday's day, as the week view, streak and cap say", async () => {
    const store = memoryStore();
    const zone = 'Asia/Shanghai';
    const now = new Date('2026-12-01T18:59:00Z'); // 02:59 Wed 2 Dec in Shanghai
    await store.hours.addEntry({ ...chen, workDate: '2026-11-29', minutes: 14 * 60, note: null, loggedAt: 'x' }, 1440);
    await store.hours.addEntry({ ...chen, workDate: '2026-11-30', minutes: 23 * 60, note: null, loggedAt: 'x' }, 1440);
    await store.hours.addEntry({ ...chen, workDate: '2026-12-01', minutes: 60, note: null, loggedAt: 'x' }, 1440);

    // Tuesday's day began at 05:00 Tue and 21h59m of it has passed: 22h more cannot fit.
    const refused = await run(store, zone, now, 'log 22 today');
    expect(refused.text).toContain('Today, Tue 1 Dec began at 05:00 and only 21h59m of it has passed');
    expect(refused.text).toContain('At most 20h59m still fits');

    const logged = await run(store, zone, now, 'log 20 today');
    expect(logged.text).toBe('Logged 20h for today, Tue 1 Dec. Day: 21h.');
    expect(textOf(logged)).toContain("It's before 05:00, so your day is still Tue 1 Dec");
    expect(textOf(logged)).toContain('Week: *44h*');
    // Plain logs and `yesterday` follow the same day.
    expect((await run(store, zone, now, 'log 30m')).text).toContain('for today, Tue 1 Dec');
    expect((await run(store, zone, now, 'log 1 yesterday')).text).toContain('for yesterday, Mon 30 Nov');

    const week = await run(store, zone, now, '');
    const { rows, marked, total } = readWeek(week);
    expect(marked).toBe('Tue 1');
    expect(rows.get('Tue 1')).toBe(21 * 60 + 30);
    expect([...rows.values()].reduce((a, b) => a + b, 0)).toBe(total);
    // Sun 29 (14h), Mon 30 (24h with the log above), Tue 1 (21h30m): three days at 12h or more, as of today.
    expect(textOf(week)).toContain('3 days in a row at 12h or more, as of today, Tue 1 Dec');
  });

  const zones = [
    'Asia/Shanghai',
    'America/Los_Angeles',
    'Europe/London',
    'Australia/Lord_Howe', // a 30-minute DST shift
    'Asia/Kolkata',
    'Pacific/Chatham',
    'America/St_Johns',
    'Pacific/Kiritimati',
    'Pacific/Pago_Pago',
  ];
  // Instants near 2026's DST changes, and ordinary ones; the steps move on from them by up to a day each.
  const bases = [
    '2026-03-08T09:30:00Z',
    '2026-03-29T00:30:00Z',
    '2026-04-04T14:00:00Z',
    '2026-10-03T15:30:00Z',
    '2026-10-25T00:30:00Z',
    '2026-11-01T08:30:00Z',
    '2026-12-01T18:59:00Z',
  ].map((iso) => new Date(iso).getTime());
  const words = ['', 'today', 'yesterday', 'mon', 'fri', 'sun', 'last sat', 'last wed'];

  it('for any zone, instant and logs: rows add up to the total, and a log is shown on the day its answer names', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...zones),
        fc.constantFrom(...bases),
        fc.array(
          fc.record({
            advance: fc.integer({ min: 0, max: 26 * 60 }),
            minutes: fc.integer({ min: 1, max: 16 * 60 }),
            word: fc.constantFrom(...words),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        async (zone, base, steps) => {
          const store = memoryStore();
          let at = base;
          for (const step of steps) {
            at += step.advance * 60_000;
            const now = new Date(at);
            const answer = await run(store, zone, now, `log ${formatAmount(step.minutes)} ${step.word}`.trim());
            const named = /for \*?(?:today, |yesterday, )?(\w{3} \d{1,2} \w{3})\*?/.exec(answer.text);
            const entries = await store.hours.allEntries(chen);
            const latest = entries.reduce((a, b) => (b.id > (a?.id ?? 0) ? b : a), entries[0]);
            if (named && latest && answer.text.startsWith('Logged')) {
              expect(shortDate(latest.workDate)).toBe(named[1]);
              // The week view of that date shows the day's total from the answer.
              const day = minutesOf(/Day: ([\dhm]+)/.exec(answer.text)?.[1] ?? '');
              const view = readWeek(await run(store, zone, now, `week ${latest.workDate}`));
              expect(view.rows.get(label(latest.workDate))).toBe(day);
              if (answer.text.includes('today,')) {
                expect(readWeek(await run(store, zone, now, '')).marked).toBe(label(latest.workDate));
              }
            }
            const week = readWeek(await run(store, zone, now, ''));
            expect([...week.rows.values()].reduce((a, b) => a + b, 0)).toBe(week.total);
            for (const which of ['week last']) {
              const past = readWeek(await run(store, zone, now, which));
              expect([...past.rows.values()].reduce((a, b) => a + b, 0)).toBe(past.total);
            }
            // The month view's current week is the week view's total.
            const month = textOf(await run(store, zone, now, 'month'));
            const soFar = /\d+ \w{3} – \d+ \w{3}\s+([\dhm]+)\s+[^\\]*\(so far\)/.exec(month);
            expect(minutesOf(soFar?.[1] ?? '')).toBe(week.total);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('the calendar day that has just begun', () => {
  it('is still in the future for hours before 05:00, and the refusal says why', async () => {
    const store = memoryStore();
    const now = new Date('2026-12-01T18:59:00Z'); // 02:59 Wed 2 Dec in Shanghai
    const refused = await run(store, 'Asia/Shanghai', now, 'log 2 2026-12-02');
    expect(refused.text).toBe(
      "Wed 2 Dec (2026-12-02) hasn't begun yet for your hours: your day is Tue 1 Dec (a day runs from 05:00 to 05:00), so nothing was logged. Log hours once they're worked.",
    );
    expect(await store.hours.countEntries(chen)).toBe(0);
  });
});

describe('how much a day can hold', () => {
  it('is the time that has passed in it: 23h on the spring-forward day, never more than 24h', async () => {
    const store = memoryStore();
    const later = new Date('2026-04-02T12:00:00Z');
    // London's clocks go forward at 01:00 on Sun 29 Mar: the day from 05:00 Sat to 05:00 Sun is 23 hours long.
    const refused = await run(store, 'Europe/London', later, 'log 23h01m 2026-03-28');
    expect(refused.text).toContain('Sat 28 Mar can hold at most 23h');
    expect((await run(store, 'Europe/London', later, 'log 23 2026-03-28')).text).toContain('Logged 23h');
    // Los Angeles falls back on Sun 1 Nov: Saturday's day is 25 hours long, but an entry is still at most 24h.
    const la = new Date('2026-11-05T20:00:00Z');
    expect((await run(store, 'America/Los_Angeles', la, 'log 24 2026-10-31')).text).toContain('Logged 24h');
    expect((await run(store, 'America/Los_Angeles', la, 'log 1m 2026-10-31')).text).toContain('can hold at most 24h');
  });
});
