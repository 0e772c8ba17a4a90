/**
 * Weekly bands, echoing the article. The thresholds live here and only here; everything that names a band
 * (the /hours answers, nudges, team figures) asks this module.
 */
export type BandId = 'sustainable' | 'long' | 'crunch' | 'frontier' | 'zero-zero-two';

export type Band = {
  id: BandId;
  /** Lower bound in hours, inclusive. */
  fromHours: number;
  /** Upper bound in hours, exclusive (Infinity for the last band). */
  toHours: number;
  label: string;
  emoji: string;
  /** What the band means, in the article's terms. */
  line: string;
};

export const BANDS: readonly Band[] = [
  {
    id: 'sustainable',
    fromHours: 0,
    toHours: 40,
    label: 'sustainable',
    emoji: ':seedling:',
    line: 'A week you can keep up.',
  },
  {
    id: 'long',
    fromHours: 40,
    toHours: 60,
    label: 'long',
    emoji: ':hourglass_flowing_sand:',
    line: 'Long, but there is still an evening in it.',
  },
  {
    id: 'crunch',
    fromHours: 60,
    toHours: 80,
    label: 'crunch',
    emoji: ':fire:',
    line: 'Crunch. For scale, 996 (twelve hours a day, six days a week) is 72.',
  },
  {
    id: 'frontier',
    fromHours: 80,
    toHours: 100,
    label: 'frontier-lab hours',
    emoji: ':rotating_light:',
    line: 'The 80 to 100 hour weeks the report describes at the top AI labs.',
  },
  {
    id: 'zero-zero-two',
    fromHours: 100,
    toHours: Number.POSITIVE_INFINITY,
    label: '0-0-2',
    emoji: ':skull:',
    line: '"0-0-2": midnight to midnight, two hours off at the weekend.',
  },
];

export function bandFor(minutes: number): Band {
  const hours = minutes / 60;
  return BANDS.find((band) => hours >= band.fromHours && hours < band.toHours) ?? (BANDS[BANDS.length - 1] as Band);
}

/** Hours thresholds used by team figures and nudges ("past 60 hours"). */
export const CRUNCH_HOURS = 60;
export const FRONTIER_HOURS = 80;
/** A day this long or longer counts towards a streak. */
export const LONG_DAY_HOURS = 12;
/** 996: twelve hours a day, six days a week. */
export const NINE_NINE_SIX_HOURS = 72;

/**
 * What a week's band says, made true for this week: the crunch line says "past 996" only from 72 h, and a week
 * under 40 h with a day of 12 h or more is not called one you can keep up (nor "sustainable": `claimsBand` is
 * false then, and for an empty week). `longestDay` in minutes.
 */
export function weekLine(minutes: number, longestDay: number): { line: string; claimsBand: boolean } {
  const band = bandFor(minutes);
  if (minutes === 0) return { line: 'Nothing logged.', claimsBand: false };
  if (band.id === 'crunch' && minutes >= NINE_NINE_SIX_HOURS * 60) {
    return { line: 'Crunch. Past 996 territory: twelve hours a day, six days a week is 72.', claimsBand: true };
  }
  if (band.id === 'sustainable' && longestDay >= LONG_DAY_HOURS * 60) {
    return { line: 'Under 40 hours, but not evenly: days that long are not ones you can keep up.', claimsBand: false };
  }
  return { line: band.line, claimsBand: true };
}
