import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { BANDS, bandFor } from '../../src/hours/bands.js';
import {
  composeChannelGone,
  composeChannelNudge,
  composePersonNudge,
  formatHours,
  type NudgeMessage,
  OPENERS,
  teamFigures,
  teamLine,
} from '../../src/nudges/compose.js';
import { NUDGE_TAGS, nudgeLinesFrom } from '../../src/nudges/lines.js';
import { expectValidMessage } from '../helpers/block-kit.js';

const everything = (message: NudgeMessage) => `${message.text}\n${JSON.stringify(message.blocks)}`;

describe('nudge lines from the article corpus', () => {
  const lines = nudgeLinesFrom(loadCorpus());

  it('keeps enough on-topic quotes and facts that the last 7 never exhaust them', () => {
    expect(lines.length).toBeGreaterThan(7);
    expect(new Set(lines.map((line) => line.id)).size).toBe(lines.length);
    const corpus = loadCorpus();
    for (const line of lines) {
      const [kind, id] = line.id.split(':') as [string, string];
      const item = kind === 'quote' ? corpus.quoteById.get(id) : corpus.factById.get(id);
      expect(item, line.id).toBeDefined();
      expect(item?.tags.some((tag) => NUDGE_TAGS.includes(tag))).toBe(true);
    }
    // Poaching and bonuses are not go-home material.
    expect(lines.map((line) => line.id)).not.toContain('fact:meta-signing-bonuses');
    expect(lines.find((line) => line.id === 'quote:chen-rest-and-recover')?.attribution).toBe('Mark Chen, OpenAI');
  });
});

describe('the channel nudge', () => {
  it('says the time and zone, quotes a line with its source note, and is valid Block Kit', () => {
    const message = composeChannelNudge({
      opener: OPENERS[0] as string,
      localTime: '22:00',
      zone: 'America/Los_Angeles',
      line: { id: 'quote:x', text: 'Rest and recover.', attribution: 'Mark Chen, OpenAI' },
    });
    expectValidMessage(message);
    expect(everything(message)).toContain('22:00 in America/Los_Angeles');
    expect(everything(message)).toContain('Rest and recover.');
    expect(everything(message)).toContain('Translated by Lights Out');
  });

  it('never mentions or links anything, whatever the text holds', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (text, attribution, opener) => {
        const message = composeChannelNudge({
          opener: `${opener} <!here>`,
          localTime: '22:00',
          zone: 'UTC',
          line: { id: 'q', text: `${text} <!channel> <@U123>`, attribution: `${attribution}<https://x|y>` },
          team: { people: 5, past60: 2, past80: 1 },
        });
        const all = everything(message);
        expect(all).not.toMatch(/<[!@#]/);
        expect(all).not.toContain('<http');
      }),
      { numRuns: 1000 },
    );
  });

  it('adds the anonymous team line only when at least 3 people logged', () => {
    expect(teamFigures([61 * 60, 70 * 60])).toBeUndefined();
    const figures = teamFigures([61 * 60, 85 * 60, 10 * 60, 59 * 60 + 59]);
    expect(figures).toEqual({ people: 4, past60: 2, past80: 1 });
    expect(teamLine(figures!)).toBe(
      '2 people here are past 60 hours this week, 1 of them past 80 (of the 4 who log their hours here).',
    );
    expect(teamLine({ people: 3, past60: 1, past80: 0 })).toBe(
      '1 person here is past 60 hours this week (of the 3 who log their hours here).',
    );
    expect(teamLine({ people: 3, past60: 0, past80: 0 })).toMatch(/^Nobody here is past 60 hours/);
    const message = composeChannelNudge({ opener: 'Go home.', localTime: '22:00', zone: 'UTC', team: figures });
    expectValidMessage(message);
    expect(everything(message)).toContain('2 people here are past 60 hours this week');
  });
});

describe('the personal nudge', () => {
  it('says the hours today and this week, the band, and how to log tonight', () => {
    const message = composePersonNudge({
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
      const message = composePersonNudge({
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
    expect(formatHours(0)).toBe('0h');
    expect(formatHours(90)).toBe('1h30m');
  });
});

describe('the "I cannot post there" note', () => {
  it('tells how to invite the bot back, naming the channel without mentioning anyone', () => {
    for (const error of ['not_in_channel', 'channel_not_found', 'is_archived']) {
      const message = composeChannelGone('C0LATE', error);
      expectValidMessage(message);
      expect(message.text).toContain('<#C0LATE>');
      expect(message.text).toContain('/invite @Lights Out');
      expect(message.text).not.toMatch(/<[!@]/);
    }
  });
});
