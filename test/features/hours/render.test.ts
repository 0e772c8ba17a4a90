import { describe, expect, it } from 'vitest';
import { summarizeWeek } from '../../../src/features/hours/domain.js';
import {
  bar,
  exportInlineReply,
  loggedReply,
  parseUndoValue,
  teamReply,
  undoneReply,
  undoValue,
  weekReply,
} from '../../../src/features/hours/render.js';
import { bandFor } from '../../../src/hours/bands.js';
import { teamFigures } from '../../../src/hours/team.js';
import { translator } from '../../../src/i18n/translator.js';
import { expectValidMessage as expectValidBlocks } from '../../helpers/block-kit.js';
import { entry, everyReply, heavy, lastWeek } from './every-answer.js';

/** Every /hours answer is Block Kit. */
const expectValidMessage = (message: { text?: unknown; blocks?: unknown }) =>
  expectValidBlocks(message, { requireBlocks: true });

const en = translator('en');

describe('every /hours answer', () => {
  it.each(everyReply(en))('%s is valid Block Kit with a fallback text', (_name, reply) => {
    expectValidMessage(reply);
  });
});

describe('rendering', () => {
  it('escapes notes so nothing in them can ping or link, in blocks and in the fallback text', () => {
    const nasty = 'a <!channel> & <@U1> <https://x|y>';
    for (const reply of [
      loggedReply(en, {
        entry: entry(nasty),
        dayMinutes: 450,
        weekMinutes: 450,
        band: bandFor(450),
        nightRule: false,
        today: '2026-11-23',
      }),
      undoneReply(en, entry(nasty), 0),
    ]) {
      const json = JSON.stringify(reply);
      expect(json).not.toMatch(/<!channel>|<@U1>|<https/);
      expect(json).toContain('a &lt;!channel&gt; &amp; &lt;@U1&gt;');
    }
  });

  it('escapes the CSV shown inline', () => {
    const json = JSON.stringify(exportInlineReply(en, 1, 'x,<!here>\r\n'));
    expect(json).not.toContain('<!here>');
  });

  it('shows the week with a bar per day, the band, the change and the streak', () => {
    const reply = weekReply(en, summarizeWeek({ from: '2026-11-23', to: '2026-11-29' }, heavy, '2026-11-25', 8));
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
    const reply = teamReply(en, teamFigures([3000, 4000, 5000, 5030, 7000, 100], lastWeek));
    expect(reply.text).toBe(
      'Team figures for last week (Mon 16 Nov – Sun 22 Nov), anonymously: 6 others logged · median 75h · ' +
        'sustainable 1 · long 1 · crunch 1 · frontier-lab hours 2 · 0-0-2 1.',
    );
    expect(JSON.stringify(reply.blocks)).toContain('Median week: *about 75h*');
    expect(teamReply(en, teamFigures([3000, 4000, 5000, 6000], lastWeek)).text).toContain(
      'appear once at least 5 other people logged it',
    );
  });
});
