import { describe, expect, it } from 'vitest';
import { parseFactArgs, parseQuoteArgs } from '../../src/corpus/help.js';

describe('parseQuoteArgs / parseFactArgs', () => {
  it.each([
    ['', { lang: 'en' }],
    ['   ', { lang: 'en' }],
    ['batson', { query: 'batson', lang: 'en' }],
    ['陈信翰 zh', { query: '陈信翰', lang: 'zh' }],
    ['vacation both', { query: 'vacation', lang: 'both' }],
    ['  Josh   Batson  EN ', { query: 'Josh Batson', lang: 'en' }],
    ['zh', { lang: 'zh' }],
    ['both', { lang: 'both' }],
    ['20 years ZH', { query: '20 years', lang: 'zh' }],
    ['zh batson', { query: 'zh batson', lang: 'en' }],
    ['Tom &amp; Jerry', { query: 'Tom & Jerry', lang: 'en' }],
  ])('parseQuoteArgs(%j)', (text, expected) => {
    expect(parseQuoteArgs(text)).toEqual(expected);
  });

  it('parses /fact the same way', () => {
    expect(parseFactArgs('996')).toEqual({ query: '996', lang: 'en' });
    expect(parseFactArgs('0-0-2 both')).toEqual({ query: '0-0-2', lang: 'both' });
    expect(parseFactArgs('')).toEqual({ lang: 'en' });
  });
});
