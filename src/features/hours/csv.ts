import type { HoursEntry } from '../../store/types.js';

/**
 * The export, as RFC 4180 CSV that is also safe to open in a spreadsheet: a cell that a spreadsheet would run as
 * a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe, the
 * OWASP-recommended neutraliser, and every cell is quoted: a spreadsheet that splits on `;` (most European
 * locales) would otherwise read `meeting;=1+1` as a second cell holding a formula.
 */

export const CSV_HEADER = ['date', 'hours', 'minutes', 'note', 'logged_at'] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** Hours as a decimal with up to four places, computed from whole minutes (never a float sum). */
export function decimalHours(minutes: number): string {
  const whole = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (rest === 0) return String(whole);
  // rest / 60 to four places, rounded half up, in integers.
  const tenThousandths = Math.floor((rest * 10000 * 2 + 60) / 120);
  return `${whole}.${String(tenThousandths).padStart(4, '0').replace(/0+$/, '')}`;
}

export function entriesToCsv(entries: HoursEntry[]): string {
  const lines = [CSV_HEADER.map(csvCell).join(',')];
  for (const entry of entries) {
    lines.push(
      [entry.workDate, decimalHours(entry.minutes), String(entry.minutes), entry.note ?? '', entry.loggedAt]
        .map(csvCell)
        .join(','),
    );
  }
  // CRLF line ends, as RFC 4180 asks; every spreadsheet reads them.
  return `${lines.join('\r\n')}\r\n`;
}
