import { formatDuration } from '../../hours/duration.js';
import { escapeMrkdwn, truncate } from '../../slack/mrkdwn.js';
import { MAX_MINUTES, NOTE_MAX_CHARS, type Problem } from './parse.js';

/** The words for every `/hours` parse problem (parse.ts returns only codes and data). */

const AMOUNT_FORMS = '`14`, `7.5`, `7,5`, `7:30`, `7h30`, `7h30m`, `7h` or `45m`';
const DATE_FORMS = '`today`, `yesterday`, `fri`, `last fri`, `1 Dec` or `2026-12-01`';

/** User text quoted back: cut short, inert in mrkdwn, and unable to break out of its code span. */
export function shown(raw: string | undefined, max = 24): string {
  return `\`${escapeMrkdwn(truncate((raw ?? '').replace(/`/g, "'").replace(/\s+/g, ' '), max))}\``;
}

const maxEntry = formatDuration(MAX_MINUTES);

export function problemText(p: Problem): string {
  const v = shown(p.value);
  const d = p.data ?? {};
  switch (p.code) {
    case 'amount_missing':
      return `I need an amount of time, like ${AMOUNT_FORMS}.`;
    case 'amount_negative':
      return `${v} is negative. Hours can only be logged as a positive amount.`;
    case 'amount_zero':
      return `${v} is zero. Log an amount above zero, like \`45m\`.`;
    case 'amount_over_day':
      return `${v} is more than a day. One entry can be at most ${maxEntry}.`;
    case 'amount_far_over_day':
      return `${v} is far more than a day. One entry can be at most ${maxEntry}.`;
    case 'amount_decimals':
      return `${v} has more than two decimals. Round it (\`${d.rounded}\`) or write hours and minutes, like \`7h33\`.`;
    case 'amount_minutes_over_59':
      return `${v}: minutes go up to 59, like \`${d.hours}:30\` or \`${d.hours}h30\`.`;
    case 'amount_scientific':
      return `${v} looks like scientific notation. Write plain hours: ${AMOUNT_FORMS}.`;
    case 'amount_unreadable':
      return `I can't read ${v} as an amount of time. Use ${AMOUNT_FORMS}.`;
    case 'amount_minutes_word':
      return `For minutes, write them as one word: \`${d.suggestion}\` (not ${v}).`;
    case 'note_too_long':
      return `That note is ${d.length} characters; notes can be up to ${NOTE_MAX_CHARS}. Keep the gist and log again.`;
    case 'note_control':
      // Escaped like any text we send: written raw, these examples would themselves be a broadcast and links.
      return 'Notes cannot contain Slack mentions or links (`&lt;!channel&gt;`, `&lt;@someone&gt;`, `&lt;#channel&gt;`, `&lt;http…&gt;`): your hours stay private, so nothing in them should ping or link anyone. Leave that part out.';
    case 'date_not_real':
      return `${v} is not a real date. Use ${DATE_FORMS}.`;
    case 'date_format':
      return `I can't read ${v} as a date. Use ${DATE_FORMS}.`;
    case 'date_ambiguous':
      return `${v} could be ${d.dayFirst} or ${d.monthFirst}, so I didn't guess. Write \`${d.dayFirst}\` or a date like \`2026-12-01\`.`;
    case 'entry_number':
      return `${p.value ? `${v} is not an entry number.` : 'Which entry?'} Give its number from the day's list (\`/hours day yesterday\` shows them).`;
    case 'edit_usage':
      return 'Say which day, which entry and the new amount: `/hours edit <day> <entry number> <amount> [note]`.';
    case 'delete_usage':
      return 'Say which day and which entry: `/hours delete <day> <entry number>`, nothing after it.';
    case 'takes_nothing':
      return `\`${d.command}\` takes nothing after it.`;
    case 'week_extra':
      return '`/hours week` takes one optional word: `last` or a date.';
    case 'week_word':
      return `${v} is not \`last\` or a real date (YYYY-MM-DD).`;
    case 'forget_confirm':
      return 'To delete everything, type exactly `/hours forget confirm`.';
    case 'zone_words':
      return 'A time zone is one word, like `Europe/London`.';
    case 'unknown_command':
      return `I don't know ${v}.`;
    case 'unreadable':
      return "I couldn't read that.";
  }
}

/** The "try" line under a problem; `/hours help` is named once, whether or not it is the example. */
export function tryText(example: string): string {
  if (example === '/hours help') return 'Try `/hours help`: it shows everything.';
  return `Try \`${example}\` · \`/hours help\` shows everything.`;
}
