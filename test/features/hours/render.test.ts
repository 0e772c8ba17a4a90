import { describe, expect, it } from 'vitest';
import { summarizeMonth, summarizeWeek } from '../../../src/features/hours/domain.js';
import {
  bar,
  dateRefusedReply,
  dayCapReply,
  exportEmptyReply,
  exportFileReply,
  exportInlineReply,
  forgetAskReply,
  forgetKeptReply,
  forgetNotYoursReply,
  forgottenReply,
  helpReply,
  loggedReply,
  monthReply,
  nothingToUndoReply,
  parseUndoValue,
  problemReply,
  type Reply,
  teamReply,
  undoGoneReply,
  undoNotYoursReply,
  undoneReply,
  undoValue,
  unknownZoneReply,
  weekReply,
  zoneReply,
  zoneSetReply,
} from '../../../src/features/hours/render.js';
import { BANDS, bandFor } from '../../../src/hours/bands.js';
import { teamFigures } from '../../../src/hours/team.js';
import type { HoursEntry } from '../../../src/store/types.js';
import { expectValidMessage as expectValidBlocks } from '../../helpers/block-kit.js';

/** Every /hours answer is Block Kit. */
const expectValidMessage = (message: { text?: unknown; blocks?: unknown }) =>
  expectValidBlocks(message, { requireBlocks: true });

const now = new Date('2026-11-25T20:00:00Z');
const lastWeek = { from: '2026-11-16', to: '2026-11-22' };
const entry = (note: string | null, minutes = 450): HoursEntry => ({
  id: 42,
  teamId: 'T1',
  userId: 'U0ADA',
  workDate: '2026-11-23',
  minutes,
  note,
  loggedAt: now.toISOString(),
});
const heavy = [
  { date: '2026-11-23', minutes: 1440 },
  ...[17, 18, 19, 20, 21, 22].map((d) => ({ date: `2026-11-${d}`, minutes: 900 })),
];

const everyReply: Array<[string, Reply]> = [
  [
    'problem',
    problemReply({ code: 'unknown_command', field: 'command', value: '/hours nope', example: '/hours help' }),
  ],
  ...BANDS.map((band): [string, Reply] => [
    `logged (${band.id})`,
    loggedReply({
      entry: entry('evals'),
      dayMinutes: 800,
      weekMinutes: band.fromHours * 60,
      band,
      nightRule: true,
      today: '2026-11-23',
    }),
  ]),
  ['day cap', dayCapReply({ date: '2026-11-23', today: '2026-11-25', dayMinutes: 1200, minutes: 300, cap: 1440 })],
  ['day cap full', dayCapReply({ date: '2026-11-23', today: '2026-11-25', dayMinutes: 1440, minutes: 30, cap: 1440 })],
  ['day not over', dayCapReply({ date: '2026-11-25', today: '2026-11-25', dayMinutes: 60, minutes: 300, cap: 200 })],
  ['future', dateRefusedReply('future', '2026-12-01', '2026-11-25')],
  ['too old', dateRefusedReply('too_old', '2024-01-01', '2025-11-25')],
  ['week', weekReply(summarizeWeek({ from: '2026-11-23', to: '2026-11-29' }, heavy, '2026-11-25', 8))],
  ['empty week', weekReply(summarizeWeek({ from: '2026-11-23', to: '2026-11-29' }, [], '2026-11-25', 0))],
  ['month', monthReply(summarizeMonth(heavy, '2026-11-25'))],
  ['undone', undoneReply(entry('x'), 0)],
  ['nothing to undo', nothingToUndoReply()],
  ['undo not yours', undoNotYoursReply()],
  ['undo gone', undoGoneReply()],
  ['team hidden', teamReply(teamFigures([1], lastWeek))],
  ['team', teamReply(teamFigures([3000, 4000, 5000, 6000, 7000], lastWeek))],
  ['zone', zoneReply({ zone: 'Asia/Shanghai', source: 'slack' }, now)],
  ['zone override cleared', zoneReply({ zone: 'Europe/London', source: 'override' }, now, true)],
  ['zone set', zoneSetReply('Europe/London', now)],
  ['unknown zone', unknownZoneReply('Mars/Olympus')],
  ['export inline', exportInlineReply(1, 'date,hours\r\n2026-11-23,1\r\n')],
  ['export empty', exportEmptyReply()],
  ['export file', exportFileReply(2000, 'lights-out-hours-2026-11-25.csv')],
  ['forget ask', forgetAskReply('U0ADA', 12)],
  ['forgotten', forgottenReply(12)],
  ['forget kept', forgetKeptReply()],
  ['forget not yours', forgetNotYoursReply()],
  ['help', helpReply()],
];

describe('every /hours answer', () => {
  it.each(everyReply)('%s is valid Block Kit with a fallback text', (_name, reply) => {
    expectValidMessage(reply);
  });
});

describe('rendering', () => {
  it('escapes notes so nothing in them can ping or link, in blocks and in the fallback text', () => {
    const nasty = 'a <!channel> & <@U1> <https://x|y>';
    for (const reply of [
      loggedReply({
        entry: entry(nasty),
        dayMinutes: 450,
        weekMinutes: 450,
        band: bandFor(450),
        nightRule: false,
        today: '2026-11-23',
      }),
      undoneReply(entry(nasty), 0),
    ]) {
      const json = JSON.stringify(reply);
      expect(json).not.toMatch(/<!channel>|<@U1>|<https/);
      expect(json).toContain('a &lt;!channel&gt; &amp; &lt;@U1&gt;');
    }
  });

  it('escapes the CSV shown inline', () => {
    const json = JSON.stringify(exportInlineReply(1, 'x,<!here>\r\n'));
    expect(json).not.toContain('<!here>');
  });

  it('shows the week with a bar per day, the band, the change and the streak', () => {
    const reply = weekReply(summarizeWeek({ from: '2026-11-23', to: '2026-11-29' }, heavy, '2026-11-25', 8));
    const json = JSON.stringify(reply.blocks);
    expect(json).toContain('Mon 23');
    expect(json).toContain(`24h${' '.repeat(4)}${'█'.repeat(12)}`);
    expect(json).toContain('Total: *24h*');
    expect(json).toContain('−66h against the week before (90h)');
    expect(json).toContain('8 days in a row at 12h or more');
  });

  it('draws bars of one block per two hours', () => {
    expect([0, 59, 60, 120, 13 * 60, 1440].map(bar)).toEqual(['', '', '▌', '█', '██████▌', '████████████']);
  });

  it('puts the owner in the Undo value and reads it back strictly', () => {
    expect(parseUndoValue(undoValue('U0ADA', 42))).toEqual({ userId: 'U0ADA', entryId: 42 });
    for (const bad of [undefined, '', '42', 'U1:', 'U1:abc', 'U1:1:2', '../x:1']) {
      expect(parseUndoValue(bad)).toBeUndefined();
    }
  });

  it('names the team figures without naming anyone', () => {
    const reply = teamReply(teamFigures([3000, 4000, 5000, 5030, 7000, 100], lastWeek));
    expect(reply.text).toBe(
      'Team figures for last week (Mon 16 Nov – Sun 22 Nov), anonymously: 6 others logged · median 75h · ' +
        'sustainable 1 · long 1 · crunch 1 · frontier-lab hours 2 · 0-0-2 1.',
    );
    expect(JSON.stringify(reply.blocks)).toContain('Median week: *about 75h*');
    expect(teamReply(teamFigures([3000, 4000, 5000, 6000], lastWeek)).text).toContain(
      'appear once at least 5 other people logged it',
    );
  });
});
