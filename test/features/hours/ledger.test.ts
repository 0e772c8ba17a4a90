import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { execute, needsZone } from '../../../src/features/hours/ledger.js';
import { parseHours } from '../../../src/features/hours/parse.js';
import { SqliteStore } from '../../../src/store/sqlite.js';

const ada = { teamId: 'T1', userId: 'U1' };
const now = new Date('2026-11-25T20:00:00Z');
const zone = { zone: 'America/Los_Angeles', source: 'slack' as const };
const stores: SqliteStore[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

function memoryStore(): SqliteStore {
  const store = new SqliteStore(':memory:');
  stores.push(store);
  return store;
}

/** Everything a /hours command can change, as one comparable value. */
function snapshot(store: SqliteStore) {
  return {
    entries: store.handle.prepare('SELECT * FROM hours_entries ORDER BY id').all(),
    people: store.handle.prepare('SELECT * FROM people ORDER BY team_id, user_id').all(),
  };
}

describe('the ledger', () => {
  it('changes nothing for any refused log (parse, date or day cap), over 1,000 generated commands', async () => {
    const store = memoryStore();
    // Start from a day that is already at 22 h, so the cap is easy to hit.
    await store.hours.addEntry({ ...ada, workDate: '2026-11-25', minutes: 22 * 60, note: null, loggedAt: 'x' }, 1440);
    const amount = fc.constantFrom('1', '2', '3', '7.5', '7,5', '45m', '2h30', '0', '-3', '25', '1e9', '7.555', 'abc');
    const when = fc.constantFrom(
      '',
      'today',
      'yesterday',
      'fri',
      '2026-11-26',
      '2025-01-01',
      '2026-02-30',
      '2026-11-25',
    );
    const note = fc.oneof(
      fc.constant(''),
      fc.string({ maxLength: 20 }),
      fc.constantFrom('<!channel>', 'x'.repeat(300)),
    );
    await fc.assert(
      fc.asyncProperty(amount, when, note, async (a, w, n) => {
        const text = ['log', a, w, n].filter(Boolean).join(' ');
        const before = snapshot(store);
        const parsed = parseHours(text);
        if (!parsed.ok) {
          expect(snapshot(store)).toEqual(before);
          return;
        }
        const outcome = await execute({ store, person: ada, now, zone }, parsed.command);
        const logged = outcome.kind === 'reply' && outcome.reply.text.startsWith('Logged');
        const after = snapshot(store);
        if (logged) {
          expect(after.entries).toHaveLength(before.entries.length + 1);
          // Keep the day from filling up for good: take the new entry back out.
          await store.hours.removeLatestEntry(ada);
        } else {
          expect(after).toEqual(before);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('needs the zone only for commands that read or write dates', () => {
    const kinds = [
      'log 1',
      'week',
      'month',
      'team',
      'tz',
      'tz reset',
      'tz Europe/London',
      'undo',
      'export',
      'forget',
      'help',
    ];
    const needs = kinds.map((text) => {
      const parsed = parseHours(text);
      if (!parsed.ok) throw new Error(text);
      return needsZone(parsed.command);
    });
    expect(needs).toEqual([true, true, true, true, true, true, false, false, false, false, false]);
  });

  it('answers a tz set without a zone and refuses an unknown one without storing it', async () => {
    const store = memoryStore();
    const set = parseHours('tz Mars/Olympus');
    if (!set.ok) throw new Error('parse');
    const outcome = await execute({ store, person: ada, now }, set.command);
    expect(outcome.kind === 'reply' && outcome.reply.text).toContain("I don't know the time zone");
    expect(await store.people.getPerson(ada)).toBeUndefined();
  });
});

describe('hours queries ride an index', () => {
  it('counts, lists, finds one entry and sums a day without scanning the table', () => {
    const store = memoryStore();
    const plan = (sql: string, ...params: unknown[]) =>
      (store.handle.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
        .map((row) => row.detail)
        .join('; ');
    expect(plan('SELECT COUNT(*) AS n FROM hours_entries WHERE team_id = ? AND user_id = ?', 'T', 'U')).toMatch(
      /USING COVERING INDEX hours_entries_person/,
    );
    expect(
      plan('SELECT * FROM hours_entries WHERE team_id = ? AND user_id = ? ORDER BY work_date, id', 'T', 'U'),
    ).toMatch(/USING INDEX hours_entries_person_(date|id)/);
    expect(plan('SELECT * FROM hours_entries WHERE team_id = ? AND user_id = ? AND id = ?', 'T', 'U', 1)).toMatch(
      /USING INTEGER PRIMARY KEY|USING INDEX hours_entries_person_id/,
    );
    expect(
      plan(
        `SELECT COALESCE(SUM(minutes), 0) AS minutes FROM hours_entries
         WHERE team_id = ? AND user_id = ? AND work_date = ?`,
        'T',
        'U',
        'd',
      ),
      // Either covering index answers it with equality on all three columns.
    ).toMatch(/SEARCH hours_entries USING COVERING INDEX hours_entries_(person|team)_date/);
    for (const sql of [
      'SELECT COUNT(*) AS n FROM hours_entries WHERE team_id = ? AND user_id = ?',
      'SELECT * FROM hours_entries WHERE team_id = ? AND user_id = ? ORDER BY work_date, id',
    ]) {
      expect(plan(sql, 'T', 'U')).not.toMatch(/SCAN hours_entries(?! USING)/);
    }
  });
});

describe('the inline export', () => {
  it('measures what is sent: notes full of `&` (sent as `&amp;`) go to a file, not past Slack’s 3,000 characters', async () => {
    const store = memoryStore();
    // 30 entries whose CSV is about 2,100 characters, but 4,500 once `&` is escaped.
    for (let i = 0; i < 30; i++) {
      await store.hours.addEntry(
        { ...ada, workDate: '2026-11-20', minutes: 30, note: '&'.repeat(20), loggedAt: '2026-11-20T10:00:00.000Z' },
        1440,
      );
    }
    const outcome = await execute({ store, person: ada, now }, { kind: 'export' });
    expect(outcome.kind).toBe('file');
  });

  it('answers inline when what is sent fits, every section within 3,000 characters', async () => {
    const store = memoryStore();
    for (let i = 0; i < 10; i++) {
      await store.hours.addEntry(
        { ...ada, workDate: '2026-11-20', minutes: 30, note: 'R&D', loggedAt: '2026-11-20T10:00:00.000Z' },
        1440,
      );
    }
    const outcome = await execute({ store, person: ada, now }, { kind: 'export' });
    if (outcome.kind !== 'reply') throw new Error('expected an inline answer');
    const sections = outcome.reply.blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
    for (const text of sections) expect(text.length).toBeLessThanOrEqual(3000);
    expect(sections.join('')).toContain('"R&amp;D"');
  });
});
