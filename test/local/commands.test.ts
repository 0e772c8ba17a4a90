import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseComposerInput, SLASH_COMMANDS } from '../../src/local/commands.js';
import { projectPath } from '../../src/paths.js';

type Manifest = { features: { slash_commands: Array<{ command: string; description: string; usage_hint: string }> } };

describe('the workspace’s slash commands', () => {
  it('are exactly the ones manifest.yml declares, with the same descriptions and hints', () => {
    const manifest = parse(readFileSync(projectPath('manifest.yml'), 'utf8')) as Manifest;
    expect(SLASH_COMMANDS).toEqual(
      manifest.features.slash_commands.map((command) => ({
        command: command.command,
        description: command.description,
        usageHint: command.usage_hint,
      })),
    );
  });
});

describe('parseComposerInput', () => {
  it('splits a command from its text and trims both', () => {
    expect(parseComposerInput('  /hours   log 14 shipped the eval ')).toEqual({
      kind: 'command',
      command: '/hours',
      text: 'log 14 shipped the eval',
    });
    expect(parseComposerInput('/FACT')).toEqual({ kind: 'command', command: '/fact', text: '' });
    expect(parseComposerInput('/nudge me on\n23:00')).toEqual({
      kind: 'command',
      command: '/nudge',
      text: 'me on\n23:00',
    });
    expect(parseComposerInput('good night')).toEqual({ kind: 'message', text: 'good night' });
    expect(parseComposerInput(' / ')).toEqual({ kind: 'message', text: '/' });
    expect(parseComposerInput(' \n ')).toEqual({ kind: 'empty' });
  });

  it('keeps the text after the command intact (any input)', () => {
    const word = fc.stringMatching(/^[a-z]{1,8}$/);
    const rest = fc.string({ maxLength: 60 }).map((text) => text.trim());
    fc.assert(
      fc.property(word, rest, (name, text) => {
        const parsed = parseComposerInput(`/${name} ${text}`);
        expect(parsed).toEqual({ kind: 'command', command: `/${name}`, text });
      }),
      { numRuns: 1000 },
    );
  });
});
