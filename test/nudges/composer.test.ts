import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { composeFor, FRESH_LINES, HISTORY_KIND } from '../../src/nudges/composer.js';
import type { Target } from '../../src/nudges/due.js';
import type { NudgeLine } from '../../src/nudges/lines.js';
import { SqliteStore } from '../../src/store/sqlite.js';

function store() {
  const dir = mkdtempSync(join(tmpdir(), 'lights-out-composer-'));
  const opened = new SqliteStore(join(dir, 'c.db'));
  onTestFinished(async () => {
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return opened;
}

const lines: NudgeLine[] = Array.from({ length: FRESH_LINES + 1 }, (_, i) => ({
  id: `quote:${i}`,
  opener: `Opener ${i}.`,
  text: `Line number ${i}.`,
  attribution: 'the report',
  zh: { text: `第 ${i} 句。`, attribution: '报道' },
}));

describe('the composer', () => {
  it('a channel nudge: the slot’s local time and zone, and the one line not shown lately', async () => {
    const s = store();
    for (let i = 0; i < FRESH_LINES; i++)
      await s.history.record('T1', 'C1', HISTORY_KIND, `quote:${i}`, `2026-11-2${i}T00:00:00Z`);
    const target: Target = {
      kind: 'channel',
      teamId: 'T1',
      channelId: 'C1',
      zone: 'Asia/Tokyo',
      time: '21:30',
      since: new Date(0),
      setBy: null,
      env: false,
    };
    const slot = { target, at: new Date('2026-11-30T12:30:00Z'), night: '2026-11-30' };
    const composed = await composeFor(
      { store: s, random: () => 0, config: { defaultLocale: 'en' as const } },
      lines,
      slot,
      slot.at,
    );
    expect(composed.line?.id).toBe(`quote:${FRESH_LINES}`);
    expect(composed.message.text).toContain('21:30');
    expect(JSON.stringify(composed.message.blocks)).toContain('Asia/Tokyo');
  });

  it('a personal nudge: that night’s hours and the week’s, read from the store', async () => {
    const s = store();
    const person = { teamId: 'T1', userId: 'U1' };
    const entry = (workDate: string, minutes: number) =>
      s.hours.addEntry({ ...person, workDate, minutes, note: null, loggedAt: '2026-11-30T10:00:00Z' }, 24 * 60);
    await entry('2026-11-30', 9 * 60); // Monday, that night
    await entry('2026-11-29', 5 * 60); // the Sunday before: the week before
    await entry('2026-12-01', 4 * 60); // Tuesday: same week, another night
    const target: Target = {
      kind: 'person',
      ...person,
      zone: 'Europe/London',
      time: '22:00',
      weekends: true,
      resumeOn: null,
      since: new Date(0),
    };
    const slot = { target, at: new Date('2026-11-30T22:00:00Z'), night: '2026-11-30' };
    const { message, line } = await composeFor(
      { store: s, random: () => 0, config: { defaultLocale: 'en' as const } },
      lines,
      slot,
      slot.at,
    );
    // The person's line is picked (and recorded) per person; the channel's rotation is not touched.
    expect(line).toBeUndefined();
    expect(message.text).toContain("It's 22:00 in Europe/London");
    expect(message.text).toContain('Today 9h, this week 13h');
    expect(JSON.stringify(message.blocks)).toContain('Today (Mon 30 Nov) you logged *9h*');
    expect(JSON.stringify(message.blocks)).toMatch(/Line number \d+\./);
  });
});
