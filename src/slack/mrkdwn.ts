/**
 * Makes user text inert in Slack mrkdwn: `<!channel>`, `<@U123>` and `<https://x|y>` need `<` and `>`, so
 * escaping those three characters (and `&`, which starts an escape) means nothing typed can ping or link.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to at most `max` characters, on a code point boundary, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}
