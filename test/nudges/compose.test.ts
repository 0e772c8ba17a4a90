import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BANDS, bandFor } from '../../src/hours/bands.js';
import { type ShownTeamFigures, teamFigures } from '../../src/hours/team.js';
import { translator } from '../../src/i18n/translator.js';
import {
  composeChannelGone,
  composeChannelNudge,
  composePersonNudge,
  formatHours,
  type NudgeMessage,
  OPENERS,
  teamLine,
} from '../../src/nudges/compose.js';
import { expectValidMessage } from '../helpers/block-kit.js';

const en = translator('en');

/** Figures as the scheduler hands them in: from weekly hours, at least five people. */
function shownFigures(hours: number[]): ShownTeamFigures {
  const figures = teamFigures(
    hours.map((h) => Math.round(h * 60)),
    { from: '2026-11-16', to: '2026-11-22' },
  );
  if (!figures.enough) throw new Error('too few people');
  return figures;
}

const everything = (message: NudgeMessage) => `${message.text}\n${JSON.stringify(message.blocks)}`;

describe('the channel nudge', () => {
  it('says the time and zone, quotes a line with its source note, and is valid Block Kit', () => {
    const message = composeChannelNudge(en, {
      opener: OPENERS[0],
      localTime: '22:00',
      zone: 'America/Los_Angeles',
      line: {
        id: 'x',
        opener: 'Go home.',
        text: 'Rest and recover.',
        attribution: 'Mark Chen, OpenAI',
        zh: { text: '休息和恢复。' },
      },
    });
    expectValidMessage(message);
    expect(everything(message)).toContain('22:00 in America/Los_Angeles');
    expect(everything(message)).toContain('Rest and recover.');
    expect(everything(message)).toContain('Translated by Lights Out');
  });

  it('never mentions or links anything, whatever the text holds', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (text, attribution, opener) => {
        const message = composeChannelNudge(en, {
          opener: OPENERS[1],
          localTime: '22:00',
          zone: 'UTC',
          line: {
            id: 'q',
            opener: `${opener} <!here>`,
            text: `${text} <!channel> <@U123>`,
            attribution: `${attribution}<https://x|y>`,
            zh: { text: `${text} <!here>`, attribution: `${attribution} <@U1>` },
          },
          team: shownFigures([10, 61, 70, 85, 90]),
        });
        const all = everything(message);
        expect(all).not.toMatch(/<[!@#]/);
        expect(all).not.toContain('<http');
      }),
      { numRuns: 1000 },
    );
  });

  it('writes the team line for last week from the band counts', () => {
    const figures = shownFigures([61, 85, 10, 59.99, 20]);
    expect(teamLine(en, figures)).toBe(
      'Last week 2 people here were past 60 hours, 1 of them past 80 (of the 5 who log their hours here).',
    );
    expect(teamLine(en, shownFigures([61, 1, 2, 3, 4]))).toBe(
      'Last week 1 person here was past 60 hours (of the 5 who log their hours here).',
    );
    expect(teamLine(en, shownFigures([1, 2, 3, 4, 5]))).toMatch(/^Nobody here was past 60 hours last week/);
    const message = composeChannelNudge(en, { opener: OPENERS[2], localTime: '22:00', zone: 'UTC', team: figures });
    expectValidMessage(message);
    expect(everything(message)).toContain('Last week 2 people here were past 60 hours');
  });
});

describe('the personal nudge', () => {
  it('says the hours today and this week, the band, and how to log tonight', () => {
    const message = composePersonNudge(en, {
      localTime: '22:00',
      zone: 'Europe/London',
      todayMinutes: 570,
      weekMinutes: 52 * 60,
      band: bandFor(52 * 60),
      night: '2026-12-01',
    });
    expectValidMessage(message);
    const all = everything(message);
    expect(all).toContain('Today (Tue 1 Dec) you logged *9h30m*');
    expect(all).toContain('22:00 in Europe/London');
    expect(all).toContain('52h');
    expect(all).toContain('long');
    expect(all).toContain('/hours log');
    expect(all).toContain('/nudge me off');
  });

  it('says so when nothing was logged today, for every band', () => {
    for (const band of BANDS) {
      const message = composePersonNudge(en, {
        localTime: '23:30',
        zone: 'UTC',
        todayMinutes: 0,
        weekMinutes: band.fromHours * 60,
        band,
      });
      expectValidMessage(message);
      expect(everything(message)).toContain("haven't logged any hours for today");
      expect(everything(message)).toContain(band.label);
    }
    expect(formatHours(en, 0)).toBe('0h');
    expect(formatHours(en, 90)).toBe('1h30m');
  });
});

describe('the "I cannot post there" note', () => {
  it('tells how to invite the bot back, naming the channel without mentioning anyone', () => {
    for (const error of ['not_in_channel', 'channel_not_found', 'is_archived']) {
      const message = composeChannelGone(en, 'C0LATE', error);
      expectValidMessage(message);
      expect(message.text).toContain('<#C0LATE>');
      expect(message.text).toContain('/invite @Lights Out');
      expect(message.text).not.toMatch(/<[!@]/);
    }
  });
});
