import type { BandId } from '../../hours/bands.js';
import type { Translator } from '../../i18n/translator.js';

/** Small formatting shared by the Home view and its forms, in the person's language. */

/** `7h30m` / `7 小时 30 分`. */
export function duration(t: Translator, minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  if (h === 0 && m > 0) return t.t('home.duration.minutes', { m: t.number(m) });
  if (m === 0) return t.t('home.duration.hours', { h: t.number(h) });
  return t.t('home.duration.hoursMinutes', { h: t.number(h), m: String(m).padStart(2, '0') });
}

const BAND_KEYS = {
  sustainable: 'home.band.sustainable',
  long: 'home.band.long',
  crunch: 'home.band.crunch',
  frontier: 'home.band.frontier',
  'zero-zero-two': 'home.band.zeroZeroTwo',
} as const satisfies Record<BandId, string>;

export const bandName = (t: Translator, id: BandId): string => t.t(BAND_KEYS[id]);
