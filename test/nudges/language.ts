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

export function expectLanguage(locale: 'en' | 'zh', message: { text?: unknown; blocks?: unknown }): void {
  const text = shownText(message);
  if (locale === 'en') expectEnglish(text);
  else expectChinese(text);
}
