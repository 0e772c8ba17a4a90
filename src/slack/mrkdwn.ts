/**
 * Makes user text inert in Slack mrkdwn: `<!channel>`, `<@U123>` and `<https://x|y>` need `<` and `>`, so
 * escaping those three characters (and `&`, which starts an escape) means nothing typed can ping or link.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Slack sends `&`, `<`, `>` in slash-command text as entities. Decoded once, up front, so what the person typed is
 * what is searched, stored and quoted back (escaped again for display), not `&amp;lt;…`.
 */
export function decodeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** A channel reference (`<#C123>` renders as its name and pings nobody); anything else is shown inert. */
export function channelLink(channelId: string): string {
  return /^[CG][A-Z0-9]{2,}$/.test(channelId) ? `<#${channelId}>` : escapeMrkdwn(channelId);
}

/** Cuts text to at most `max` characters, on a code point boundary, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}
