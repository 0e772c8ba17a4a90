/** The browser pages of the OAuth install flow. Text between backticks is shown as code. */
export const install = {
  title: '{{page}} · Lights Out',
  add: {
    title: 'Add Lights Out to Slack',
    intro: 'Quotes from the 100-hour-week story, a private hours ledger and a nightly nudge to go home.',
    button: 'Add to Slack',
  },
  installed: {
    title: 'Lights Out is installed',
    ready: 'Lights Out is ready.',
    readyIn: 'Lights Out is ready in {{team}}.',
    next: 'Open Slack and try `/hours log 8`, `/quote` or `/nudge here 22:00` in your late-night channel (invite the bot there first).',
  },
  cancelled: { title: 'Install cancelled', body: 'Nothing was installed and nothing was stored.' },
  expired: {
    title: 'This install link has expired',
    body: 'The link was already used, is older than ten minutes, or was opened in another browser. Nothing was installed. Start the install again from this browser.',
  },
  failed: { title: 'The install did not complete', body: 'Slack did not confirm the install. Nothing was stored.' },
  again: 'Start again',
} as const;
