import { describe, expect, it } from 'vitest';
import { looksUserVisible } from './literals.js';

describe('the wording scanner', () => {
  it('flags sentences, short answers and any Chinese', () => {
    expect(looksUserVisible('Your personal nudge is off.')).toBe(true);
    expect(looksUserVisible('Weekends are on')).toBe(true);
    expect(looksUserVisible('Pause ended.')).toBe(true);
    expect(looksUserVisible('已暂停')).toBe(true);
  });

  it('leaves identifiers, SQL, code spans and URLs alone', () => {
    for (const text of [
      'hours_undo',
      'ephemeral',
      'SELECT user_id FROM people WHERE team_id = ?',
      '`/hours week last`',
      'https://slack.com/api/',
      'ccc d LLL',
      'application/json; charset=utf-8',
    ])
      expect(looksUserVisible(text), text).toBe(false);
  });
});
