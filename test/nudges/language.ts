import { expect } from 'vitest';

/**
 * Whether a rendered message is in one language. What needs no translation is set aside first: code spans (the
 * commands people type), channel links, emoji codes, IANA zone names, and the proper names of the bot, Slack and
 * the article's labs and speakers.
 */
const NAMES =
  /\b(Lights Out|Slack|OpenAI|Anthropic|Google DeepMind|DeepMind|Google|Microsoft|Madhavi Sewak|Sewak|AI|IANA|NUDGE_CHANNEL|UTC)\b/g;

function setAside(text: string): string {
  return text
    .replace(/`[^`]*`/g, ' ')
    .replace(/<#[A-Z0-9]+(\|[^>]*)?>/g, ' ')
    .replace(/:[a-z_]+:/g, ' ')
    .replace(/\b[A-Za-z_]+(\/[A-Za-z_+-]+)+\b/g, ' ')
    .replace(NAMES, ' ');
}

/** Every string a message shows: its fallback text and every text of its blocks. */
export function shownText(message: { text?: unknown; blocks?: unknown }): string {
  const parts: string[] = [typeof message.text === 'string' ? message.text : ''];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'text' && typeof inner === 'string') parts.push(inner);
        else walk(inner);
      }
    }
  };
  walk(message.blocks);
  return parts.join('\n');
}

const HAN = /\p{Script=Han}/u;

/** English: no Chinese character anywhere (the article's originals are shown only to Chinese readers). */
export function expectEnglish(text: string): void {
  expect(HAN.test(text), text).toBe(false);
}

/**
 * Chinese: no English word left once what needs no translation is set aside (`on`/`off` are the command's own
 * words, shown beside their Chinese), and Chinese in every line that has words.
 */
export function expectChinese(text: string): void {
  const rest = setAside(text);
  const words = (rest.match(/[A-Za-z]{2,}/g) ?? []).filter((word) => !/^(on|off|en|zh|pm|am)$/.test(word));
  expect(words, text).toEqual([]);
  expect(HAN.test(text), text).toBe(true);
}

/**
 * Slack reads `*bold*` and `_italic_` only when the markers have a space, a line break or ASCII punctuation
 * outside them; a Chinese character or full-width punctuation right outside leaves the asterisks showing.
 */
export function expectFormattingBoundaries(text: string): void {
  const outside = /^[\s.,:;!?()'"—-]?$/;
  // Code spans, emoji codes and underscores inside a word (`Los_Angeles`) are not formatting.
  const marked = text
    .replace(/`[^`]*`/g, '``')
    .replace(/:[a-z0-9_+-]+:/g, 'E')
    .replace(/(?<=[A-Za-z0-9])_(?=[A-Za-z0-9])/g, 'u');
  for (const match of marked.matchAll(/([*_])[^*_\n]+\1/g)) {
    const at = match.index ?? 0;
    const before = marked.slice(Math.max(0, at - 1), at);
    const after = marked.charAt(at + match[0].length);
    expect(outside.test(before) && outside.test(after), `${match[0]} in ${text}`).toBe(true);
  }
}

export function expectLanguage(locale: 'en' | 'zh', message: { text?: unknown; blocks?: unknown }): void {
  const text = shownText(message);
  if (locale === 'en') expectEnglish(text);
  else expectChinese(text);
  for (const part of text.split('\n')) expectFormattingBoundaries(part);
}
