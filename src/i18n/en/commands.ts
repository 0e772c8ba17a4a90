/** What each slash command is called where a sentence names it (`common.failure`'s `{{what}}`). */
export const commands = {
  hours: '/hours',
  quote: '/quote',
  fact: '/fact',
  nudge: '/nudge',
  /** A command without a name of its own here. */
  other: '{{command}}',
} as const;
