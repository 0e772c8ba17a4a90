import fc from 'fast-check';
import { expect } from 'vitest';

/**
 * Hostile text for the reliability suite: Slack control sequences, mrkdwn, bidi and zero-width characters,
 * emoji, entities, and very long strings; and the checks every answer to them must pass.
 */

export const RTL_OVERRIDE = '\u202e';
export const ZWJ = '\u200d';

/** Named hostile inputs, each sent to every free-text command. */
export const HOSTILE: ReadonlyArray<readonly [string, string]> = [
  ['@channel', '<!channel>'],
  ['@here', 'hi <!here> all'],
  ['@everyone', '<!everyone>'],
  ['a user mention', '<@U123>'],
  ['a user mention with a label', '<@U123|boss>'],
  ['a channel link', '<#C123>'],
  ['a labelled link', '<https://x.example|click>'],
  ['a mailto link', '<mailto:a@x.example|mail>'],
  ['a raw url', 'https://evil.example/login'],
  ['spaced control sequence', '< !channel >'],
  ['bold', '*bold*'],
  ['strike', '~x~'],
  ['inline code', '`code`'],
  ['a code fence', '```fence``` after'],
  ['a block quote', '> quoted'],
  ['entities typed as text', '&lt;!channel&gt; &amp;'],
  ['RTL override', `abc${RTL_OVERRIDE}txt.exe`],
  ['zero-width joiners', `a${ZWJ}b${ZWJ}${ZWJ}c`],
  ['emoji', '👩‍💻🔥 :fire: 🇨🇳'],
  ['mixed', `*<!here>* ~<@U1>~ \`<#C1>\` > <https://e.example|x> ${RTL_OVERRIDE}${ZWJ}😴`],
  ['10,000 x', 'x'.repeat(10_000)],
  ['10,000 chars of @channel', '<!channel>'.repeat(1000)],
  ['10,000 emoji', '😴'.repeat(10_000)],
  ['10,000 chars in words', 'tired '.repeat(1667).slice(0, 10_000)],
];

/** Pieces the generated strings are built from. */
const FRAGMENTS = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!subteam^S1>',
  '<@U123>',
  '<@W9|x>',
  '<#C123>',
  '<#C1|general>',
  '<https://x.example|click>',
  '<http://y.example>',
  '<mailto:a@b.example>',
  'https://evil.example',
  '*bold*',
  '_it_',
  '~x~',
  '`',
  '```',
  '> ',
  '&',
  '&amp;',
  '&lt;',
  '&gt;',
  '<',
  '>',
  '!',
  '@',
  '#',
  '|',
  RTL_OVERRIDE,
  ZWJ,
  '\u200b',
  '\u2066',
  '😴',
  '👩‍💻',
  '🇨🇳',
  '加班',
  ' ',
  '  ',
  '\t',
  '\n',
  'x',
  'log',
  'week',
  'me',
  'here',
  '7',
  '22:00',
  '2026-03-09',
  'Europe/London',
];

/** A hostile string: fragments, arbitrary text and the odd long run. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 14 }).map((parts) => parts.join('')) },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6, unit: 'grapheme' })), { maxLength: 10 })
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 30, unit: 'binary' }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...FRAGMENTS), fc.integer({ min: 20, max: 400 }))
      .map(([piece, times]) => piece.repeat(times)),
  },
);

/** What Slack does to command text before sending it (should_escape false still escapes these three). */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A control sequence Slack would act on: a broadcast, mention, channel link or link. */
const CONTROL = /<(?:[!@#]|[a-z][a-z0-9+.-]*:)/gi;

/** Every unescaped control sequence in a message (or any JSON-able value), for readable failures. */
export function controlSequences(value: unknown): string[] {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return [...text.matchAll(CONTROL)].map((match) => text.slice(match.index, match.index + 24));
}

type Block = { type?: string; text?: { text?: string }; elements?: Array<{ text?: string }>; fields?: unknown[] };

/** Every mrkdwn/plain text of a message's blocks. */
export function blockTexts(message: { blocks?: unknown }): string[] {
  const texts: string[] = [];
  for (const block of (message.blocks ?? []) as Block[]) {
    if (block.text?.text !== undefined) texts.push(block.text.text);
    for (const element of block.elements ?? []) if (typeof element.text === 'string') texts.push(element.text);
  }
  return texts;
}

/** Slack's limits: a section (or context element) holds at most 3000 characters; we keep the fallback there too. */
export function expectWithinLimits(message: { text?: unknown; blocks?: unknown }): void {
  for (const text of blockTexts(message)) expect(text.length).toBeLessThanOrEqual(3000);
  expect(String(message.text ?? '').length).toBeLessThanOrEqual(3000);
  // A cut that splits an emoji leaves half a surrogate pair: not valid UTF-8 once Slack decodes it.
  expect(JSON.stringify(message), 'a lone surrogate').not.toMatch(LONE_SURROGATE);
}

const LONE_SURROGATE = /\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i;

/** No control sequence anywhere in what reaches Slack. */
export function expectInert(value: unknown, what = 'the message'): void {
  expect(controlSequences(value), what).toEqual([]);
}
