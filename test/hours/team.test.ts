import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BANDS } from '../../src/hours/bands.js';
import { pastCrunch, pastFrontier, TEAM_MIN_PEOPLE, teamFigures, teamWeek } from '../../src/hours/team.js';

const week = { from: '2026-11-16', to: '2026-11-22' };
const h = (hours: number) => Math.round(hours * 60);
const shown = (minutes: number[]) => {
  const figures = teamFigures(minutes, week);
  if (!figures.enough) throw new Error('expected figures to be shown');
  return figures;
};
const bandCounts = (minutes: number[]) => Object.fromEntries(shown(minutes).bands.map((b) => [b.id, b.people]));

describe('team figures', () => {
  it('are withheld below five people, and people with nothing logged do not count', () => {
    expect(TEAM_MIN_PEOPLE).toBe(5);
    expect(teamFigures([], week)).toEqual({ enough: false, week, minimum: 5 });
    expect(teamFigures([h(40), h(50), h(60), h(70)], week)).toEqual({ enough: false, week, minimum: 5 });
    expect(teamFigures([h(40), h(50), h(60), h(70), 0], week).enough).toBe(false);
    expect(teamFigures([h(40), h(50), h(60), h(70), 1], week).enough).toBe(true);
  });

  it('round the median to whole hours', () => {
    // Odd count: the middle one, 43h29m → 43.
    expect(shown([h(10), h(20), h(43) + 29, h(50), h(90)]).medianHours).toBe(43);
    // 43h30m rounds up.
    expect(shown([h(10), h(20), h(43) + 30, h(50), h(90)]).medianHours).toBe(44);
    // Even count: the mean of the middle two (40h and 41h → 40h30m → 41), rounded once, at the end.
    expect(shown([h(1), h(2), h(40), h(41), h(60), h(61)]).medianHours).toBe(41);
    expect(shown([h(1), h(2), h(40), h(40) + 50, h(60), h(61)]).medianHours).toBe(40);
  });

  it('count people per band at the band edges, every band listed, and the 60 h and 80 h lines from them', () => {
    const minutes = [h(39) + 59, h(40), h(59) + 59, h(60), h(79) + 59, h(80), h(99) + 59, h(100), h(120)];
    expect(bandCounts(minutes)).toEqual({ sustainable: 1, long: 2, crunch: 2, frontier: 2, 'zero-zero-two': 2 });
    expect(shown(minutes).bands.map((b) => b.id)).toEqual(BANDS.map((b) => b.id));
    expect(pastCrunch(shown(minutes))).toBe(6);
    expect(pastFrontier(shown(minutes))).toBe(4);
    expect(shown(minutes).people).toBe(9);
  });

  it('never carry an exact total: only counts, a whole-hour median and the week', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 7 * 1440 }), { minLength: 5, maxLength: 40 }), (minutes) => {
        const figures = shown(minutes);
        expect(Object.keys(figures).sort()).toEqual(['bands', 'enough', 'medianHours', 'people', 'week']);
        expect(Number.isInteger(figures.medianHours)).toBe(true);
        expect(figures.bands.reduce((sum, band) => sum + band.people, 0)).toBe(minutes.length);
      }),
    );
  });

  it('cover the last completed ISO week before the asker’s work day', () => {
    expect(teamWeek('2026-11-25')).toEqual({ from: '2026-11-16', to: '2026-11-22' }); // a Wednesday
    expect(teamWeek('2026-11-23')).toEqual({ from: '2026-11-16', to: '2026-11-22' }); // Monday
    expect(teamWeek('2026-11-22')).toEqual({ from: '2026-11-09', to: '2026-11-15' }); // Sunday: its week is live
    expect(teamWeek('2027-01-01')).toEqual({ from: '2026-12-21', to: '2026-12-27' }); // across the year
  });
});
