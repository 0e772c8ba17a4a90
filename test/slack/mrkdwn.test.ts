import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelLink, decodeSlackText, escapeMrkdwn } from '../../src/slack/mrkdwn.js';

describe('decodeSlackText', () => {
  it('undoes what Slack does to typed text, whatever was typed', () => {
    expect(decodeSlackText('a &amp;lt; b &lt;@U1&gt;')).toBe('a &lt; b <@U1>');
    fc.assert(fc.property(fc.string(), (typed) => decodeSlackText(escapeMrkdwn(typed)) === typed));
  });
});

describe('channelLink', () => {
  it('links channel ids and shows anything else inert', () => {
    expect(channelLink('C0LATE')).toBe('<#C0LATE>');
    expect(channelLink('G0PRIVATE')).toBe('<#G0PRIVATE>');
    expect(channelLink('<!channel>')).toBe('&lt;!channel&gt;');
  });
});
