/**
 * Durations as people read and type them, the one way every answer writes them (the ledger, DMs, help):
 * `45m`, `7h`, `7h30m`, `0h`. The `/hours` grammar reads each back to the same number of minutes.
 */
export function formatDuration(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  if (h === 0 && m > 0) return `${m}m`;
  if (m === 0) return `${h}h`;
  return `${h}h${String(m).padStart(2, '0')}m`;
}

/** A whole number of hours, as in "12h days" or "at 60h or more". */
export const hoursText = (hours: number): string => `${hours}h`;

/** "a" or "an" before a spoken number or duration: "an 18h day", "an 8h day", "an 11h day", "a 12h day". */
export function articleFor(spoken: string): 'a' | 'an' {
  // English says "an" before a vowel sound: eight, eleven, eighteen, eighty…; digits 8, 11, 18, 80–89, 800…
  const digits = /^\d+/.exec(spoken)?.[0];
  if (!digits) return /^[aeiou]/i.test(spoken) ? 'an' : 'a';
  if (digits.startsWith('8')) return 'an';
  if (digits === '11' || digits === '18') return 'an';
  // 11,000 / 18,000 style (eleven thousand…): groups of three after 11 or 18.
  if (/^(11|18)(\d{3})+$/.test(digits)) return 'an';
  return 'a';
}
