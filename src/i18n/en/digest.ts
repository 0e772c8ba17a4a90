/**
 * The Monday digest (src/features/digest): last week against the one before, in a DM at 09:00. `lineNote` follows
 * the article line: English readers get our translation, Chinese readers the original.
 */
export const digest = {
  header: 'Your week: {{from}} to {{to}}',
  summary: 'Last week you logged *{{total}}* ({{band}}). The week before: {{previous}}.',
  change: {
    more: 'That is {{amount}} more.',
    less: 'That is {{amount}} less.',
    same: 'Exactly the same.',
  },
  amount: '{{hours}} h',
  longest: 'Longest day: *{{day}}*, {{amount}}.',
  nothingLogged: 'Nothing logged last week.',
  quiet_one: '{{count}} quiet day (nothing logged): {{days}}.',
  quiet_other: '{{count}} quiet days (nothing logged): {{days}}.',
  noQuiet: 'No quiet days: something was logged every day.',
  afterMidnight_one: '{{count}} entry was logged after midnight, your time.',
  afterMidnight_other: '{{count}} entries were logged after midnight, your time.',
  noAfterMidnight: 'Nothing was logged after midnight, your time.',
  chartTitle: 'Last week, day by day',
  fromArticle: 'From the article:',
  lineNote: '(our translation from the Chinese)',
  footer: 'This comes every Monday at 09:00 your time. To stop it: `/nudge me digest off`.',
  fallback: 'Your week: {{total}} ({{band}}); the week before: {{previous}}.',
  command: {
    usage: 'Say on or off: `/nudge me digest on` or `/nudge me digest off`. Nothing was changed.',
    on: ':calendar: The Monday digest is on: every Monday at 09:00 your time ({{zone}}), a DM with last week against the week before. The first one comes {{next}}. `/nudge me digest off` stops it.',
    off: 'The Monday digest is off. `/nudge me digest on` turns it on again.',
    alreadyOn: 'The Monday digest is already on. `/nudge me digest off` stops it.',
    alreadyOff: 'The Monday digest is already off. `/nudge me digest on` turns it on.',
  },
} as const;
