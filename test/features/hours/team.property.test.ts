import fc from 'fast-check';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays, workDateNow } from '../../../src/hours/calendar.js';
import { teamWeek } from '../../../src/hours/team.js';
import { build, type CommandResult, type Harness } from '../../helpers/build.js';

/**
 * The privacy rule of the team figures, end to end (signed commands → listener → ledger → store → render):
 * nothing a person does can change the team figures that person sees. For a random team and any sequence of the
 * asker's own commands, the asker's `/hours team` answer is, at every step, exactly the answer a twin asker sees
 * in an identical workspace where they did nothing at all.
 */

const ZONES = ['America/Los_Angeles', 'Europe/London', 'Asia/Shanghai', 'Pacific/Auckland'];
/** Mon 23 Nov 2026 00:00 UTC: runs start somewhere in the following week, at any hour (small hours included). */
const BASE = Date.parse('2026-11-23T00:00:00Z');

type Other = { entries: Array<{ daysBack: number; minutes: number }> };
type Move =
  | { kind: 'log'; amount: string; when: { word: string } | { daysBack: number } }
  | { kind: 'undo' }
  | { kind: 'forget' };

const other: fc.Arbitrary<Other> = fc.record({
  // From two weeks ahead of the start (people logging later on) to five weeks before it.
  entries: fc.array(
    fc.record({ daysBack: fc.integer({ min: -14, max: 35 }), minutes: fc.integer({ min: 1, max: 1200 }) }),
    {
      minLength: 1,
      maxLength: 8,
    },
  ),
});

const move: fc.Arbitrary<Move> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('log' as const),
      amount: fc.constantFrom('1m', '45m', '7.5', '14', '24'),
      when: fc.oneof(
        fc.record({ word: fc.constantFrom('', 'today', 'yesterday', 'mon', 'fri', 'sun') }),
        fc.record({ daysBack: fc.integer({ min: 0, max: 35 }) }),
      ),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'undo' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'forget' as const }) },
);

const scenario = fc.record({
  zone: fc.constantFrom(...ZONES),
  startMinutes: fc.integer({ min: 0, max: 7 * 24 * 60 - 1 }),
  others: fc.array(other, { minLength: 3, maxLength: 9 }),
  /** The asker's own history before the sequence starts. */
  history: fc.array(
    fc.record({ daysBack: fc.integer({ min: 0, max: 35 }), minutes: fc.integer({ min: 1, max: 900 }) }),
    {
      maxLength: 6,
    },
  ),
  steps: fc.array(fc.record({ advanceMinutes: fc.integer({ min: 0, max: 3 * 24 * 60 }), move }), {
    minLength: 1,
    maxLength: 8,
  }),
});

afterEach(() => {
  vi.useRealTimers();
});

async function answerOf(result: CommandResult): Promise<Record<string, unknown>> {
  expect(result.status).toBe(200);
  if (result.ack && Object.keys(result.ack).length > 0) return result.ack;
  return (await result.response()).body as Record<string, unknown>;
}

function typed(step: Move, now: Date, zone: string): string {
  if (step.kind === 'undo') return 'undo';
  if (step.kind === 'forget') return 'forget confirm';
  const today = DateTime.fromJSDate(now, { zone }).toISODate() as string;
  const when = 'word' in step.when ? step.when.word : addDays(today, -step.when.daysBack);
  return `log ${step.amount} ${when}`.trim();
}

describe('team figures under the asker’s own commands', () => {
  // ~500 signed requests: a few seconds alone, far more on a loaded machine, so the limit is generous.
  it('never change, whatever the asker logs, backdates, undoes or forgets', { timeout: 180_000 }, async () => {
    let current = new Date(BASE);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(current);
    const setClock = (at: Date) => {
      current = at;
      vi.setSystemTime(at);
    };
    const harness: Harness = await build({ now: () => current, env: { NUDGE_TZ: 'America/Los_Angeles' } });
    let run = 0;
    let shownSomewhere = 0;
    let withheldSomewhere = 0;

    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        run++;
        setClock(new Date(BASE + s.startMinutes * 60_000));
        const asker = `U0ASK${run}`;
        // Two identical workspaces: in `acting` the asker runs the steps, in `idle` their twin does nothing.
        const acting = `T0ACT${run}`;
        const idle = `T0IDLE${run}`;
        const fetchedAt = current.toISOString();
        const today = workDateNow(current, s.zone).date;
        // The asker's Slack profile, so a zone read again after forget is the same zone.
        harness.fake.addUser({ id: asker, name: `asker${run}`, tz: s.zone });
        for (const teamId of [acting, idle]) {
          await harness.store.people.saveSlackTimezone({ teamId, userId: asker }, s.zone, fetchedAt);
          for (const [i, person] of s.others.entries()) {
            for (const { daysBack, minutes } of person.entries) {
              const entry = { teamId, userId: `U0P${i}`, workDate: addDays(today, -daysBack), minutes, note: null };
              await harness.store.hours.addEntry({ ...entry, loggedAt: fetchedAt }, 1440);
            }
          }
        }
        for (const { daysBack, minutes } of s.history) {
          const entry = { teamId: acting, userId: asker, workDate: addDays(today, -daysBack), minutes, note: 'before' };
          await harness.store.hours.addEntry({ ...entry, loggedAt: fetchedAt }, 1440);
        }

        const team = async (teamId: string) =>
          answerOf(await harness.command('/hours', 'team', { userId: asker, teamId }));
        let previous: { week: string; answer: Record<string, unknown> } | undefined;
        for (const step of s.steps) {
          setClock(new Date(current.getTime() + step.advanceMinutes * 60_000));
          await answerOf(
            await harness.command('/hours', typed(step.move, current, s.zone), { userId: asker, teamId: acting }),
          );
          const seen = await team(acting);
          expect(seen, `after ${typed(step.move, current, s.zone)}`).toEqual(await team(idle));
          // And within one completed week the answer does not move at all.
          const week = teamWeek(workDateNow(current, s.zone).date).from;
          if (previous?.week === week) expect(seen).toEqual(previous.answer);
          previous = { week, answer: seen };
          if (String(seen.text).includes('appear once')) withheldSomewhere++;
          else shownSomewhere++;
        }
      }),
      { numRuns: 25 },
    );
    // The property covered both cases: figures shown, and figures withheld.
    expect(shownSomewhere).toBeGreaterThan(0);
    expect(withheldSomewhere).toBeGreaterThan(0);
  });
});
