import { describe, expect, it } from 'vitest';
import { nudgeLineProblems } from '../../src/corpus/verify.js';
import type { PostedMessage } from '../../src/local/fake-slack.js';
import { FRESH_NIGHTS, lineMrkdwn, nudgeLinesFrom } from '../../src/nudges/lines.js';
import { expectValidMessage } from '../helpers/block-kit.js';
import { testCorpus } from '../helpers/corpus.js';
import { rig, TEAM } from './rig.js';

const corpus = testCorpus();
const lines = nudgeLinesFrom(corpus);

describe('the nudge lines', () => {
  it('are curated to last more than two weeks of nights, each on its own quote or fact', () => {
    expect(FRESH_NIGHTS).toBeGreaterThanOrEqual(14);
    expect(nudgeLineProblems(corpus, FRESH_NIGHTS + 1)).toEqual([]);
    expect(new Set(lines.map((line) => line.opener)).size).toBe(lines.length);
    expect(new Set(lines.map((line) => line.text)).size).toBe(lines.length);
  });

  it('never carry a narrative line, a "— the report" attribution or a poaching story beside "go home"', () => {
    const narrative = /second shift|browser extension|signing bonus|poach|went grey|high alert|rubs his|Driven by/i;
    for (const line of lines) {
      const { plain, mrkdwn } = lineMrkdwn(line);
      expect(`${line.opener} ${plain}`, line.id).not.toMatch(narrative);
      expect(mrkdwn, line.id).not.toMatch(/— the (report|article)/i);
    }
    const sources = corpus.nudge_lines.map((entry) => entry.quote ?? entry.fact);
    for (const offTopic of ['second-shift', 'browser-extension', 'meta-signing-bonuses', 'chen-gutted']) {
      expect(sources).not.toContain(offTopic);
    }
  });

  it('give every quote its speaker and what it was about, so "Rest and recover." reads in context', () => {
    for (const line of lines.filter((l) => l.attribution)) {
      expect(line.attribution, line.id).toMatch(/^[^,]+, [^,]+, (on|in|comparing) /);
    }
    const rest = lines.find((line) => line.text === 'Rest and recover.');
    expect(rest?.attribution).toBe(
      'Mark Chen, OpenAI, in a leaked Slack message, on why OpenAI gave all its staff a week off',
    );
    for (const quote of corpus.quotes) expect(quote.context.length, quote.id).toBeGreaterThan(5);
  });
});

/** What a nudge showed: its opener sentence and its article line, read from the posted blocks. */
function voiceOf(message: PostedMessage): string {
  const blocks = JSON.stringify(message.blocks);
  const line = lines.find((candidate) => blocks.includes(JSON.stringify(lineMrkdwn(candidate).mrkdwn).slice(1, -1)));
  expect(line, blocks).toBeDefined();
  return line?.id ?? '';
}

function expectNoRepeatWithin(ids: readonly string[], nights: number) {
  for (let i = 0; i < ids.length; i++) {
    expect(ids.slice(Math.max(0, i - nights + 1), i), `night ${i}: ${ids[i]}`).not.toContain(ids[i]);
  }
}

describe('rotation over the nights', () => {
  it('a channel sees no opener or line twice within 14 nights, whatever the random draws', async () => {
    // Draws of 0 would pick the first fresh line each night: the rule, not luck, must prevent repeats.
    const r = await rig({
      start: '2026-11-01T05:00:00.000Z',
      env: { NUDGE_CHANNEL: 'C0LATE', NUDGE_TZ: 'America/Los_Angeles' },
      scheduler: { channelSpacingMs: 0 },
    });
    r.deps.random = () => 0;
    await r.tickAt('2026-11-01T05:00:00.000Z');
    for (let night = 0; night < 20; night++) {
      // 22:00 in Los Angeles (PST from 1 Nov) is 06:00Z the next day.
      expect(
        (await r.tickAt(new Date(Date.parse('2026-11-02T06:00:00Z') + night * 86_400_000).toISOString())).sent,
      ).toBe(1);
    }
    const shown = r.messagesTo('C0LATE').map(voiceOf);
    expect(shown).toHaveLength(20);
    expectNoRepeatWithin(shown, FRESH_NIGHTS + 1);
    // The head carries the line's own opener, so openers rotate with the lines.
    r.messagesTo('C0LATE').forEach((message, night) => {
      const line = lines.find((candidate) => candidate.id === shown[night]);
      expect(JSON.stringify(message.blocks?.[0])).toContain(line?.opener.replace(/"/g, '\\"'));
    });
  });

  it('each person gets a line from the article in their DM, no line twice within 14 nights, per person', async () => {
    const r = await rig({ start: '2026-11-01T20:00:00Z', scheduler: { channelSpacingMs: 0 } });
    r.deps.random = () => 0;
    for (const userId of ['U0ADA', 'U0BEN']) {
      await r.store.people.setTimezoneOverride({ teamId: TEAM, userId }, 'Europe/London');
      await r.store.nudges.savePerson({
        teamId: TEAM,
        userId,
        enabled: true,
        time: '22:00',
        weekends: true,
        resumeOn: null,
        offReason: null,
        updatedAt: '2026-01-01T00:00:00.000Z',
      });
    }
    for (let night = 0; night < 16; night++) {
      const report = await r.tickAt(new Date(Date.parse('2026-11-01T22:00:00Z') + night * 86_400_000).toISOString());
      expect(report.sent).toBe(2);
    }
    for (const dm of ['D0ADA', 'D0BEN']) {
      const messages = r.messagesTo(dm);
      expect(messages).toHaveLength(16);
      for (const message of messages) {
        expectValidMessage(message);
        expect(JSON.stringify(message.blocks)).toContain('Translated by Lights Out');
        expect(JSON.stringify(message.blocks)).not.toContain('/hours log 10');
      }
      expectNoRepeatWithin(messages.map(voiceOf), FRESH_NIGHTS + 1);
    }
    expect(await r.store.history.recent(TEAM, 'U0ADA', 'nudge-dm', 50)).toHaveLength(16);
  });
});
