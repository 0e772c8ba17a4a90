/**
 * The slash commands the local workspace knows, as Slack knows them from manifest.yml (a test keeps the two
 * equal). Slack itself refuses a command no app declared, without calling any app; so does the workspace.
 */
export type SlashCommandInfo = { command: string; description: string; usageHint: string };

export const SLASH_COMMANDS: readonly SlashCommandInfo[] = [
  {
    command: '/hours',
    description: 'Log your hours privately and see your week, month and band',
    usageHint:
      'log 14 [yesterday|mon|2026-11-27] [note] · week · month · undo · tz · lang · export · forget · team · help',
  },
  {
    command: '/quote',
    description: 'A quote from the researchers in the 100-hour-week story',
    usageHint: '[batson|sewak|chennapragada|chen|keyword] [en|zh|both]',
  },
  {
    command: '/fact',
    description: 'A fact from the 100-hour-week story',
    usageHint: '[keyword, e.g. 996, vacation, Meta]',
  },
  {
    command: '/nudge',
    description: 'Set up the nightly go-home nudge for this channel or for yourself',
    usageHint:
      'here [22:00] [Area/City] [en|zh] · off · status · me on [22:00] · me off · me pause 3 · me weekends on · me digest on',
  },
];

export type ParsedInput =
  | { kind: 'command'; command: string; text: string }
  | { kind: 'message'; text: string }
  | { kind: 'empty' };

/** What a person typed in the composer: a slash command and its text, or a plain message. */
export function parseComposerInput(input: string): ParsedInput {
  const trimmed = input.trim();
  if (trimmed === '') return { kind: 'empty' };
  const match = /^(\/\S+)(?:\s+([\s\S]*))?$/.exec(trimmed);
  if (!match) return { kind: 'message', text: trimmed };
  return { kind: 'command', command: (match[1] as string).toLowerCase(), text: (match[2] ?? '').trim() };
}
