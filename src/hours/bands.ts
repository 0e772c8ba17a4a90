import { hours as english } from '../i18n/en/hours.js';
import type { Translator } from '../i18n/translator.js';

/**
 * Weekly bands, echoing the article. The thresholds live here and only here; everything that names a band
 * (the /hours answers, nudges, team figures, charts) asks this module. Their words are in the catalogue
 * (`hours.band.<id>`): `bandLabel(t, band)` and `bandLine(t, band)` give them in a person's language.
 */
export type BandId = 'sustainable' | 'long' | 'crunch' | 'frontier' | 'zero-zero-two';

export type Band = {
  id: BandId;
  /** Lower bound in hours, inclusive. */
  fromHours: number;
  /** Upper bound in hours, exclusive (Infinity for the last band). */
  toHours: number;
  /** The English label, for callers not yet given a Translator; prefer `bandLabel(t, band)`. */
  label: string;
  emoji: string;
  /** The English line (what the band means, in the article's terms); prefer `bandLine(t, band)`. */
  line: string;
};

const band = (id: BandId, fromHours: number, toHours: number, emoji: string): Band => ({
  id,
  fromHours,
  toHours,
  label: english.band[id].label,
  emoji,
  line: english.band[id].line,
});

export const BANDS: readonly Band[] = [
  band('sustainable', 0, 40, ':seedling:'),
  band('long', 40, 60, ':hourglass_flowing_sand:'),
  band('crunch', 60, 80, ':fire:'),
  band('frontier', 80, 100, ':rotating_light:'),
  band('zero-zero-two', 100, Number.POSITIVE_INFINITY, ':skull:'),
];

/** The band's name in the translator's language (`crunch`, `冲刺加班`). */
export function bandLabel(t: Translator, of: Pick<Band, 'id'>): string {
  return t.t(`hours.band.${of.id}.label`);
}

/** What the band means, in the translator's language. */
export function bandLine(t: Translator, of: Pick<Band, 'id'>): string {
  return t.t(`hours.band.${of.id}.line`);
}

export function bandFor(minutes: number): Band {
  const hours = minutes / 60;
  return BANDS.find((b) => hours >= b.fromHours && hours < b.toHours) ?? (BANDS[BANDS.length - 1] as Band);
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
export function weekLine(t: Translator, minutes: number, longestDay: number): { line: string; claimsBand: boolean } {
  const found = bandFor(minutes);
  if (minutes === 0) return { line: t.t('hours.band.nothing'), claimsBand: false };
  if (found.id === 'crunch' && minutes >= NINE_NINE_SIX_HOURS * 60) {
    return { line: t.t('hours.band.past996'), claimsBand: true };
  }
  if (found.id === 'sustainable' && longestDay >= LONG_DAY_HOURS * 60) {
    return { line: t.t('hours.band.uneven'), claimsBand: false };
  }
  return { line: bandLine(t, found), claimsBand: true };
}
