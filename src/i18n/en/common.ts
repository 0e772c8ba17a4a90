/** Words every feature shares: failures, the language names, and the formats dates and times are shown in. */
export const common = {
  failure:
    ':warning: Lights Out could not finish {{what}}. Nothing was changed that you were not told about; please try again in a minute. If it keeps failing, tell whoever runs the bot (error {{errorId}}).',
  failureButton: 'that button',
  unknownCommand: 'Lights Out does not know {{command}}. Try /hours help.',
  language: { en: 'English', zh: 'Chinese (Simplified)' },
  /** luxon format tokens, rendered with Intl in the person's locale. */
  format: {
    day: 'ccc d LLL',
    dayWithYear: 'ccc d LLL yyyy',
    time: 'HH:mm',
    dayTime: 'ccc d LLL, HH:mm',
  },
} as const;
