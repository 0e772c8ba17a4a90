import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFactArgs, parseQuoteArgs, renderFactHelp, renderQuoteHelp } from '../../src/corpus/help.js';
import { lookupFacts, lookupQuotes } from '../../src/corpus/match.js';
import { MAX_QUERY_CHARS, tooLong } from '../../src/features/article/serve.js';
import { NOTE_MAX_CHARS, NOTE_MAX_CODE_POINTS, parseHours, visibleLength } from '../../src/features/hours/parse.js';
import { loggedReply, problemReply, unknownZoneReply } from '../../src/features/hours/render.js';
import { problemText } from '../../src/features/hours/render-problems.js';
import { parseNudge } from '../../src/features/nudge/parse.js';
import { problemText as nudgeProblemText, renderProblem } from '../../src/features/nudge/render.js';
import { bandFor } from '../../src/hours/bands.js';
import { LOCALES } from '../../src/i18n/locale.js';
import { translator } from '../../src/i18n/translator.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';
import { expectValidMessage } from '../helpers/block-kit.js';
import { testCorpus } from '../helpers/corpus.js';
import { controlSequences, expectInert, expectWithinLimits, HOSTILE, hostileString, slackEscape } from './hostile.js';

const en = translator('en');

/**
 * The pure half of the hostile-text suite: every parser and renderer that sees typed text, 1,000+ generated
 * strings each, sent both as typed and as Slack sends them (entities). The end-to-end half is
 * hostile-commands.test.ts.
 */

const RUNS = { numRuns: 1000 };
/** What a stored note must never hold, spaced or not: `<!…>`, `<@…>`, `<#…>`, `<http…>`, `<mailto:…>`. */
const MENTION_OR_LINK = /<\s*(?:[!@#]|https?:|mailto:)/i;
const corpus = testCorpus();
/** The text as typed, or as Slack escapes it. */
const dressed = fc.tuple(hostileString, fc.boolean()).map(([text, escaped]) => (escaped ? slackEscape(text) : text));
const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('escapeMrkdwn', () => {
  it('leaves no < or >, every & starts an entity, and nothing is lost', () => {
    fc.assert(
      fc.property(fc.oneof(hostileString, fc.string({ unit: 'binary' })), (text) => {
        const escaped = escapeMrkdwn(text);
        expect(escaped).not.toMatch(/[<>]/);
        expect(escaped.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
        expect(decode(escaped)).toBe(text);
        expect(controlSequences(escaped)).toEqual([]);
      }),
      RUNS,
    );
  });
});

describe('/hours: notes, zones and weeks', () => {
  const entry = (note: string | null) => ({
    id: 1,
    teamId: 'T1',
    userId: 'U1',
    workDate: '2026-03-09',
    minutes: 180,
    note,
    loggedAt: '2026-03-09T20:00:00Z',
  });

  it('a note is refused (privately, with what to type) or stored short, single-line and shown inert', () => {
    fc.assert(
      fc.property(dressed, (note) => {
        const parsed = parseHours(`log 3 ${note}`);
        if (!parsed.ok) {
          for (const locale of LOCALES) {
            const reply = problemReply(translator(locale), parsed);
            expectInert(reply);
            expectValidMessage(reply);
            expect(reply.blocks.map((b) => JSON.stringify(b)).join('')).toMatch(/`\/hours [^`]*`/);
          }
          return;
        }
        expect(parsed.command.kind).toBe('log');
        if (parsed.command.kind !== 'log') return;
        const stored = parsed.command.note;
        if (stored === null) return;
        expect(visibleLength(stored)).toBeLessThanOrEqual(NOTE_MAX_CHARS);
        expect(Array.from(stored).length).toBeLessThanOrEqual(NOTE_MAX_CODE_POINTS);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is that none remain.
        expect(stored).not.toMatch(/[\u0000-\u001f\u007f\n]/);
        // Stored as typed (entities decoded once); it may hold `<`, but never a broadcast, mention, channel or
        // web link (what it shows is escaped anyway: checked on the reply below).
        expect(stored).not.toMatch(MENTION_OR_LINK);
        const reply = loggedReply(en, {
          entry: entry(stored),
          dayMinutes: 180,
          weekMinutes: 180,
          band: bandFor(180),
          nightRule: false,
          today: '2026-03-09',
        });
        expectInert(reply);
        expectValidMessage(reply);
        expectWithinLimits(reply);
        expect(JSON.stringify(reply)).toContain(JSON.stringify(escapeMrkdwn(stored)).slice(1, -1));
      }),
      RUNS,
    );
  });

  it('a note with a control sequence is refused however it is dressed', () => {
    const control = fc.constantFrom(
      '<!channel>',
      '<!here>',
      '<!everyone>',
      '<@U123>',
      '<#C123>',
      '<https://x.example|click>',
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), control, fc.string({ maxLength: 40 }), fc.boolean(), (a, c, b, esc) => {
        const text = `${a}${c}${b}`;
        const parsed = parseHours(`log 3 ${esc ? slackEscape(text) : text}`);
        if (parsed.ok && parsed.command.kind === 'log') expect(parsed.command.note ?? '').not.toMatch(MENTION_OR_LINK);
      }),
      RUNS,
    );
  });

  it('/hours tz and /hours week with junk answer a clear problem, never the junk itself', () => {
    fc.assert(
      fc.property(fc.constantFrom('tz', 'week', 'timezone', 'month', 'bogus'), dressed, (head, junk) => {
        const parsed = parseHours(`${head} ${junk}`);
        if (!parsed.ok) {
          for (const locale of LOCALES) {
            const reply = problemReply(translator(locale), parsed);
            expectInert(reply);
            expectValidMessage(reply);
            expectWithinLimits(reply);
            expect(JSON.stringify(reply).length).toBeLessThan(2000);
          }
          return;
        }
        if (parsed.command.kind === 'tz' && parsed.command.action.kind === 'set') {
          const reply = unknownZoneReply(translator('zh'), parsed.command.action.zone);
          expectInert(reply);
          expectValidMessage(reply);
          expect(JSON.stringify(reply).length).toBeLessThan(2000);
        }
      }),
      RUNS,
    );
  });

  // Regression: the unknown-zone answer cut the zone with slice(0, 40): silently, and through the middle of an
  // emoji when one straddled the cut.
  it('an unknown zone is quoted cut on a code point, with an ellipsis', () => {
    const reply = unknownZoneReply(en, `a${'😴'.repeat(50)}`);
    expectWithinLimits(reply);
    expect(reply.text).toContain(`a${'😴'.repeat(38)}…`);
  });

  it('the refusal for a note with a mention does not itself carry one', () => {
    const parsed = parseHours('log 3 <!channel>');
    expect(parsed.ok).toBe(false);
    expectInert(problemReply(en, parsed as Extract<typeof parsed, { ok: false }>));
  });
});

describe('text as Slack sends it (`&`, `<`, `>` as entities)', () => {
  // Regression: /hours and /nudge quoted refused words back still encoded, so `/hours week <x>` answered
  // "`&lt;x&gt;` is not `last` or a real date": the person saw entities instead of what they typed.
  it.each([
    ['/hours week', (text: string) => problemOf(parseHours(`week ${text}`))],
    ['/hours tz', (text: string) => problemOf(parseHours(`tz ${text} extra`))],
    ['/hours (unknown word)', (text: string) => problemOf(parseHours(text))],
    ['/nudge', (text: string) => errorOf(parseNudge(text))],
    ['/nudge here', (text: string) => errorOf(parseNudge(`here ${text}`))],
  ])('%s quotes a refused word back as typed, escaped once', (_name, answer) => {
    for (const typed of ['<x>', '<!here>', 'R&D']) {
      const escapedOnce = escapeMrkdwn(typed);
      const raw = answer(typed);
      const fromSlack = answer(slackEscape(typed));
      if (raw.includes(escapedOnce)) expect(fromSlack).toContain(escapedOnce);
      expect(fromSlack).not.toContain('&amp;lt;');
      expect(fromSlack).not.toContain('&amp;amp;');
      expectInert(fromSlack);
    }
  });

  it('a note keeps what was typed: entities decoded exactly once', () => {
    for (const typed of ['R&D', 'a < b > c', '&lt; typed literally', 'x &amp; y']) {
      const parsed = parseHours(`log 3 ${slackEscape(typed)}`);
      expect(parsed.ok && parsed.command.kind === 'log' && parsed.command.note).toBe(typed);
    }
  });
});

function problemOf(result: ReturnType<typeof parseHours>): string {
  if (result.ok) throw new Error(`expected a problem, got ${JSON.stringify(result.command)}`);
  return problemText(en, result);
}

function errorOf(command: ReturnType<typeof parseNudge>): string {
  if (command.kind !== 'error') throw new Error(`expected an error, got ${command.kind}`);
  return nudgeProblemText(translator('en'), command.problem);
}

describe('/nudge', () => {
  it('any text parses to a command or a private error that shows the junk inert and cut', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', 'here ', 'me ', 'me on ', 'me pause ', 'me weekends ', 'off ', 'status '),
        dressed,
        fc.boolean(),
        (prefix, junk, zh) => {
          const parsed = parseNudge(`${prefix}${junk}`);
          expect(parsed.kind).toBeTypeOf('string');
          if (parsed.kind !== 'error') return;
          const reply = renderProblem(translator(zh ? 'zh' : 'en'), parsed.problem);
          expect(reply.response_type).toBe('ephemeral');
          expectInert(reply);
          expectValidMessage(reply);
          expectWithinLimits(reply);
          expect(JSON.stringify(reply).length).toBeLessThan(2000);
        },
      ),
      RUNS,
    );
  });
});

describe('/quote and /fact', () => {
  it('a search that finds nothing, or is too long, is answered inert and within limits, in both languages', () => {
    fc.assert(
      fc.property(dressed, fc.boolean(), fc.constantFrom(...LOCALES), (text, quote, locale) => {
        const t = translator(locale);
        const args = quote ? parseQuoteArgs(text) : parseFactArgs(text);
        const command = quote ? '/quote' : '/fact';
        if (args.query && Array.from(args.query).length > MAX_QUERY_CHARS) {
          const reply = tooLong(t, command, args.query);
          expect(reply.response_type).toBe('ephemeral');
          expect(String(reply.text)).toContain(
            locale === 'en' ? `up to ${MAX_QUERY_CHARS}` : `最多只能 ${MAX_QUERY_CHARS}`,
          );
          expectInert(reply);
          return;
        }
        const found = quote ? lookupQuotes(corpus, args.query) : lookupFacts(corpus, args.query);
        if (found.kind !== 'none') return;
        const help = quote
          ? renderQuoteHelp(t, corpus, { kind: 'none', query: args.query ?? '' })
          : renderFactHelp(t, corpus, { kind: 'none', query: args.query ?? '' });
        expectInert(help);
        expectValidMessage(help);
        expectWithinLimits(help);
      }),
      RUNS,
    );
  });

  it('the named hostile searches find nothing and say so', () => {
    for (const [name, text] of HOSTILE) {
      for (const sent of [text, slackEscape(text)]) {
        const args = parseQuoteArgs(sent);
        if (args.query && Array.from(args.query).length > MAX_QUERY_CHARS) continue;
        expect(lookupQuotes(corpus, args.query).kind, name).toBe('none');
      }
    }
  });
});
