import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BANDS, bandFor } from '../../src/hours/bands.js';
import { type ShownTeamFigures, teamFigures } from '../../src/hours/team.js';
import type { MessageKey } from '../../src/i18n/catalogue.js';
import { LOCALES } from '../../src/i18n/locale.js';
import { translator } from '../../src/i18n/translator.js';
import {
  composeChannelGone,
  composeChannelNudge,
  composePersonNudge,
  formatHours,
  lineOpenerKey,
  type NudgeMessage,
  OPENERS,
  teamLine,
} from '../../src/nudges/compose.js';
import { nudgeLinesFrom } from '../../src/nudges/lines.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';
import { expectValidMessage } from '../helpers/block-kit.js';
import { testCorpus } from '../helpers/corpus.js';
import { expectWithinLimits } from '../reliability/hostile.js';
import { expectLanguage } from './language.js';

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

describe('both nudge posts in both languages', () => {
  const corpus = testCorpus();
  const articleLines = nudgeLinesFrom(corpus);

  it('every curated line has our opener in each language; the English one is the corpus’s own', () => {
    for (const line of articleLines) {
      const key = lineOpenerKey(line.id);
      expect(key, line.id).toBeDefined();
      expect(en.t(key as MessageKey)).toBe(line.opener);
      expect(translator('zh').t(key as MessageKey)).toMatch(/\p{Script=Han}/u);
    }
  });

  for (const locale of LOCALES) {
    const t = translator(locale);
    it(`${locale}: the channel nudge, for every line, valid Block Kit in ${locale} only`, () => {
      const teams = [
        undefined,
        shownFigures([1, 2, 3, 4, 5]),
        shownFigures([61, 1, 2, 3, 4]),
        shownFigures([61, 85, 70, 90, 20]),
      ];
      for (const [i, line] of [undefined, ...articleLines].entries()) {
        const team = teams[i % teams.length];
        const message = composeChannelNudge(t, {
          opener: OPENERS[i % OPENERS.length] as (typeof OPENERS)[number],
          localTime: '22:00',
          zone: 'Asia/Shanghai',
          ...(line ? { line } : {}),
          ...(team ? { team } : {}),
        });
        expectValidMessage(message, { requireBlocks: true });
        expectWithinLimits(message);
        expectLanguage(locale, message);
        // The line as the reader's language has it: our translation, or the article's own Chinese.
        if (line)
          expect(everything(message)).toContain(
            escapeMrkdwn(locale === 'zh' ? (line.zh.text.split('\n')[0] as string) : line.text),
          );
      }
    });

    it(`${locale}: the personal nudge, for every band, with and without hours and a line`, () => {
      for (const [i, band] of BANDS.entries()) {
        for (const todayMinutes of [0, 45, 570]) {
          const line = articleLines[i * 3 + (todayMinutes % 7)];
          const message = composePersonNudge(t, {
            localTime: '23:30',
            zone: 'Europe/London',
            todayMinutes,
            weekMinutes: band.fromHours * 60 + 30,
            band,
            ...(line ? { line } : {}),
            ...(todayMinutes === 45 ? {} : { night: '2026-11-30' }),
          });
          expectValidMessage(message, { requireBlocks: true });
          expectWithinLimits(message);
          expectLanguage(locale, message);
        }
      }
    });

    it(`${locale}: the "I cannot post there" note`, () => {
      for (const error of ['not_in_channel', 'channel_not_found', 'is_archived']) {
        const message = composeChannelGone(t, 'C0LATE', error);
        expectValidMessage(message);
        expectLanguage(locale, message);
        expect(message.text).toContain('<#C0LATE>');
      }
    });
  }

  it('writes Chinese dates, durations and the team line the Chinese way', () => {
    const zh = translator('zh');
    const message = composePersonNudge(zh, {
      localTime: '22:00',
      zone: 'Asia/Shanghai',
      todayMinutes: 570,
      weekMinutes: 52 * 60 + 5,
      band: bandFor(52 * 60),
      night: '2026-11-30',
    });
    expect(everything(message)).toContain('今天（11月30日 周一）你已记录 *9小时30分钟* 的工时。');
    expect(everything(message)).toContain('本周合计 *52小时5分钟* — :hourglass_flowing_sand: *偏长* 档。');
    expect(formatHours(zh, 45)).toBe('45分钟');
    expect(formatHours(en, 545)).toBe('9h05m');
    expect(teamLine(zh, shownFigures([61, 85, 10, 59.99, 20]))).toBe(
      '上周这里有 2 人工作超过 60 小时，其中 1 人超过 80 小时（共 5 人在这里记录工时）。',
    );
  });
});
