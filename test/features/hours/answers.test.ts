import { describe, expect, it } from 'vitest';
import { summarizeMonth, summarizeWeek } from '../../../src/features/hours/domain.js';
import { parseHours } from '../../../src/features/hours/parse.js';
import { helpReply, loggedReply, monthReply, problemReply, weekReply } from '../../../src/features/hours/render.js';
import { bandFor } from '../../../src/hours/bands.js';
import { articleFor, formatDuration } from '../../../src/hours/duration.js';
import { translator } from '../../../src/i18n/translator.js';
import type { HoursEntry } from '../../../src/store/types.js';

const en = translator('en');

const week = { from: '2026-11-23', to: '2026-11-29' };
const hours = (map: Record<string, number>) =>
  Object.entries(map).map(([date, h]) => ({ date, minutes: Math.round(h * 60) }));
const all = (reply: { text: string; blocks: unknown }) => `${reply.text} ${JSON.stringify(reply.blocks)}`;
const entry = (minutes: number, note: string | null = null): HoursEntry => ({
  id: 1,
  teamId: 'T1',
  userId: 'U1',
  workDate: '2026-11-25',
  minutes,
  note,
  loggedAt: '2026-11-25T20:00:00Z',
});

describe('answers that are true', () => {
  it('says "past 996" only from 72 hours', () => {
    const at65 = all(
      weekReply(
        en,
        summarizeWeek(
          week,
          hours({ '2026-11-23': 13, '2026-11-24': 13, '2026-11-25': 13, '2026-11-26': 13, '2026-11-27': 13 }),
          '2026-11-29',
          0,
        ),
      ),
    );
    expect(at65).toContain('Total: *65h*');
    expect(at65).not.toContain('Past 996');
    const at72 = all(
      weekReply(
        en,
        summarizeWeek(
          week,
          hours({
            '2026-11-23': 12,
            '2026-11-24': 12,
            '2026-11-25': 12,
            '2026-11-26': 12,
            '2026-11-27': 12,
            '2026-11-28': 12,
          }),
          '2026-11-29',
          0,
        ),
      ),
    );
    expect(at72).toContain('Past 996 territory');
  });

  it('does not call a week with a 22h day one you can keep up', () => {
    const reply = all(
      weekReply(en, summarizeWeek(week, hours({ '2026-11-23': 17.5, '2026-11-24': 22 }), '2026-11-29', 0)),
    );
    expect(reply).toContain('Total: *39h30m*');
    expect(reply).not.toContain('sustainable');
    expect(reply).not.toContain('A week you can keep up');
    expect(reply).toContain('not evenly');
    // An even 39h30m week still is.
    const even = all(
      weekReply(
        en,
        summarizeWeek(
          week,
          hours({ '2026-11-23': 8, '2026-11-24': 8, '2026-11-25': 8, '2026-11-26': 8, '2026-11-27': 7.5 }),
          '2026-11-29',
          0,
        ),
      ),
    );
    expect(even).toContain(':seedling: sustainable — A week you can keep up.');
  });

  it('reports an empty month as nothing logged, not "0m sustainable"', () => {
    const reply = all(monthReply(en, summarizeMonth([], '2026-11-25')));
    expect(reply).not.toMatch(/0m|sustainable/);
    expect(reply).toContain('nothing logged');
  });

  it('/hours week last with hours this week does not say "nothing logged this week"', () => {
    const totals = hours({ '2026-11-24': 8 });
    const last = { from: '2026-11-16', to: '2026-11-22' };
    const reply = all(weekReply(en, summarizeWeek(last, totals, '2026-11-25', 0, 8 * 60)));
    expect(reply).not.toContain('this week or last');
    expect(reply).toContain('Nothing logged that week or the week before (this week so far: 8h)');
    // A past week still says the streak, as of today.
    expect(reply).toContain('as of today, Wed 25 Nov');
  });

  it('says "An 18h day" and "A 12h day" (articles by the number)', () => {
    const view = (minutes: number) =>
      loggedReply(en, {
        entry: entry(minutes),
        dayMinutes: minutes,
        weekMinutes: minutes,
        band: bandFor(minutes),
        nightRule: false,
        today: '2026-11-25',
      });
    expect(all(view(18 * 60))).toContain('An 18h day.');
    expect(all(view(12 * 60))).toContain('A 12h day.');
    expect(all(view(11 * 60 + 30))).not.toContain('day. Go home');
    expect(['8h', '11h', '18h', '80h', '12h', '1h'].map(articleFor)).toEqual(['an', 'an', 'an', 'an', 'a', 'a']);
  });

  it('says how a note that looks like a date was read', () => {
    const parsed = parseHours('log 8 fri-sat deploy');
    if (!parsed.ok || parsed.command.kind !== 'log') throw new Error('expected a log');
    const reply = loggedReply(en, {
      entry: entry(480, parsed.command.note),
      dayMinutes: 480,
      weekMinutes: 480,
      band: bandFor(480),
      nightRule: false,
      today: '2026-11-25',
      notedAs: true,
    });
    expect(all(reply)).toContain('Noted as: “fri-sat deploy”.');
  });
});

describe('answers that read well', () => {
  it('names /hours help once under a problem', () => {
    const parsed = parseHours('foo');
    if (parsed.ok) throw new Error('expected a problem');
    const reply = all(problemReply(en, parsed));
    expect(reply.match(/\/hours help/g)).toHaveLength(1);
    expect(reply).toContain("I don't know `/hours foo`.");
  });

  it('writes durations one way: help, limits and bands included', () => {
    const help = all(helpReply(en));
    expect(help.replace(/`[^`]*`/g, '')).not.toMatch(/\d h\b/); // `7 h` is a form people may type
    expect(help).toContain('a day holds up to 24h');
    expect(help).toContain('A day runs from 05:00 to 05:00');
    expect([0, 45, 60, 570, 1440, 3150].map(formatDuration)).toEqual(['0h', '45m', '1h', '9h30m', '24h', '52h30m']);
  });
});
