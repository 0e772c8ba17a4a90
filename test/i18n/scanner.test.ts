import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksUserVisible, scanLiterals } from './literals.js';

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

  it('finds wording in a source tree, but not in log lines, thrown errors or skipped files', () => {
    const root = mkdtempSync(join(tmpdir(), 'scanner-'));
    mkdirSync(join(root, 'src', 'skipped'), { recursive: true });
    writeFileSync(
      join(root, 'src', 'reply.ts'),
      [
        "export const off = 'Your personal nudge is off.';",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: source text holding a template literal
        'export const line = (n: number) => `${n} entries were removed from your week`;',
        "logger.warn({ n: 1 }, 'could not read the workspace directory');",
        "throw new Error('the store could not be opened at all');",
      ].join('\n'),
    );
    writeFileSync(join(root, 'src', 'skipped', 'words.ts'), "export const x = 'Words for the operator only.';");
    const found = scanLiterals(root, (file) => file.startsWith('src/skipped/'));
    expect(found.map(({ file, line }) => `${file}:${line}`)).toEqual(['src/reply.ts:1', 'src/reply.ts:2']);
  });
});
