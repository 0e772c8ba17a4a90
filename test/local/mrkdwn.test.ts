import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type InlineNode, parseMrkdwn, plainText } from '../../src/local/page/mrkdwn.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';

const inline = (text: string) => {
  const [first] = parseMrkdwn(text);
  if (first?.type !== 'line') throw new Error(`not one line: ${text}`);
  return first.children;
};

function kinds(nodes: InlineNode[]): string[] {
  return nodes.flatMap((node) => ('children' in node ? [node.type, ...kinds(node.children)] : [node.type]));
}

describe('the page’s mrkdwn parser', () => {
  it('reads bold, italic, strike and code, only at word boundaries', () => {
    expect(inline('*Logged 14 h* for _Friday_ ~not~ `code *x*`')).toEqual([
      { type: 'bold', children: [{ type: 'text', text: 'Logged 14 h' }] },
      { type: 'text', text: ' for ' },
      { type: 'italic', children: [{ type: 'text', text: 'Friday' }] },
      { type: 'text', text: ' ' },
      { type: 'strike', children: [{ type: 'text', text: 'not' }] },
      { type: 'text', text: ' ' },
      { type: 'code', text: 'code *x*' },
    ]);
    expect(inline('2*3*4 and snake_case_name and * not bold *')).toEqual([
      { type: 'text', text: '2*3*4 and snake_case_name and * not bold *' },
    ]);
  });

  it('turns raw > lines into one block quote, but not an escaped &gt;', () => {
    expect(parseMrkdwn('> first\n>second\nafter\n&gt; typed')).toEqual([
      { type: 'quote', lines: [[{ type: 'text', text: 'first' }], [{ type: 'text', text: 'second' }]] },
      { type: 'line', children: [{ type: 'text', text: 'after' }] },
      { type: 'line', children: [{ type: 'text', text: '> typed' }] },
    ]);
  });

  it('keeps code blocks verbatim, without the newlines around them', () => {
    expect(parseMrkdwn('before\n```\n*not bold* &lt;x&gt;\n```\nafter')).toEqual([
      { type: 'line', children: [{ type: 'text', text: 'before' }] },
      { type: 'pre', text: '*not bold* <x>' },
      { type: 'line', children: [{ type: 'text', text: 'after' }] },
    ]);
  });

  it('reads mentions, channels, special mentions, dates and links from <…>', () => {
    expect(
      inline('<@U0ADA> <#C0LATE|late-night> <!here> <!date^1|Friday> <https://a.example/?q=1&amp;r=2|the story>'),
    ).toEqual([
      { type: 'user', id: 'U0ADA', label: undefined },
      { type: 'text', text: ' ' },
      { type: 'channel', id: 'C0LATE', label: 'late-night' },
      { type: 'text', text: ' ' },
      { type: 'special', name: 'here' },
      { type: 'text', text: ' Friday ' },
      { type: 'link', url: 'https://a.example/?q=1&r=2', label: 'the story' },
    ]);
  });

  it('decodes entities for display only after the structure is known', () => {
    expect(inline('&lt;!channel&gt; &lt;@U0ADA&gt; &amp;lt; :zzz: :not_an_emoji:')).toEqual([
      { type: 'text', text: '<!channel> <@U0ADA> &lt; ' },
      { type: 'emoji', name: 'zzz', char: '💤' },
      { type: 'text', text: ' :not_an_emoji:' },
    ]);
  });

  it('never turns escaped text into a mention, a link or a quote (any input)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (typed) => {
        const blocks = parseMrkdwn(escapeMrkdwn(typed));
        const found = blocks.flatMap((block) =>
          block.type === 'line' ? kinds(block.children) : block.type === 'quote' ? ['quote'] : [],
        );
        for (const kind of ['user', 'channel', 'special', 'link', 'quote']) expect(found).not.toContain(kind);
      }),
      { numRuns: 1000 },
    );
  });

  it('shows escaped text exactly as typed when it has no formatting characters (any input)', () => {
    const plain = fc.string({ maxLength: 80 }).filter((text) => !/[*_~`:\n]/.test(text) && !text.includes('```'));
    fc.assert(
      fc.property(plain, (typed) => {
        expect(plainText(parseMrkdwn(escapeMrkdwn(typed)))).toBe(typed);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws, whatever the bot sends (any input)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(Array.isArray(parseMrkdwn(text))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
