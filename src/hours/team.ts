import { BANDS, type BandId, bandFor, CRUNCH_HOURS, FRONTIER_HOURS } from './bands.js';
import { addDays, type DateRange, isoWeek } from './calendar.js';

/**
 * The one definition of the anonymous team figures, shown by `/hours team` and in the channel nudge. Pure.
 *
 * The rule: nothing a person does can change the figures that person sees. So the figures cover a COMPLETED
 * ISO week (nobody's live week moves them), the asker's own entries are left out by the store query (so a
 * backdated entry changes nothing either), and they appear only when at least TEAM_MIN_PEOPLE others logged
 * that week. They say how many people fall in each band and a median rounded to whole hours, never totals.
 */

/** At least this many people (besides the asker) must have logged the week, so nobody can be picked out. */
export const TEAM_MIN_PEOPLE = 5;

export type BandCount = { id: BandId; label: string; emoji: string; people: number };

export type TeamFigures =
  | { enough: false; week: DateRange; minimum: number }
  | {
      enough: true;
      week: DateRange;
      /** People who logged that week (the asker not among them). */
      people: number;
      /** The median weekly total, rounded to whole hours. */
      medianHours: number;
      /** How many people fall in each band, every band listed, in band order. */
      bands: BandCount[];
    };

/** Figures that passed the minimum: what may be shown. */
export type ShownTeamFigures = Extract<TeamFigures, { enough: true }>;

/** The last completed ISO week before the one holding `today` (the asker's work day). */
export function teamWeek(today: string): DateRange {
  return isoWeek(addDays(isoWeek(today).from, -7));
}

/** Figures from each person's total minutes for `week` (one number per person, the asker already left out). */
export function teamFigures(weeklyMinutes: readonly number[], week: DateRange): TeamFigures {
  const logged = weeklyMinutes.filter((minutes) => minutes > 0).sort((a, b) => a - b);
  if (logged.length < TEAM_MIN_PEOPLE) return { enough: false, week, minimum: TEAM_MIN_PEOPLE };
  const middle = Math.floor(logged.length / 2);
  const median =
    logged.length % 2 === 1
      ? (logged[middle] as number)
      : ((logged[middle - 1] as number) + (logged[middle] as number)) / 2;
  return {
    enough: true,
    week,
    people: logged.length,
    medianHours: Math.round(median / 60),
    bands: BANDS.map((band) => ({
      id: band.id,
      label: band.label,
      emoji: band.emoji,
      people: logged.filter((minutes) => bandFor(minutes).id === band.id).length,
    })),
  };
}

/** How many people are in the bands that start at `hours` or later (60 → crunch and above). */
export function peopleFrom(figures: ShownTeamFigures, hours: number): number {
  const ids = new Set(BANDS.filter((band) => band.fromHours >= hours).map((band) => band.id));
  return figures.bands.filter((band) => ids.has(band.id)).reduce((sum, band) => sum + band.people, 0);
}

export const pastCrunch = (figures: ShownTeamFigures) => peopleFrom(figures, CRUNCH_HOURS);
export const pastFrontier = (figures: ShownTeamFigures) => peopleFrom(figures, FRONTIER_HOURS);
