import { expect } from 'vitest';

/**
 * "A Chinese reader sees no English sentence from Lights Out, an English reader no Chinese, except what they
 * asked for": the text with every allowed part taken out (the article's words asked for, names, code spans,
 * the product's name) must hold no word of the other language.
 */

const HAN = /\p{Script=Han}/gu;
/** A Latin word of two letters or more: what is left of an English sentence. */
const LATIN_WORD = /[A-Za-z]{2,}/g;

/** Every line of `text` and its one-line forms, so a quote split over lines or joined into one is found. */
export function forms(text: string): string[] {
  const lines = text.split('\n').map((line) => line.trim());
  return [text, text.replace(/\s*\n\s*/g, ''), text.replace(/\s*\n\s*/g, ' '), ...lines].filter(Boolean);
}

function without(text: string, allowed: readonly string[]): string {
  // Emphasis marks may sit inside an allowed part (`*80–100 hours*`); mrkdwn escapes are compared unescaped.
  let rest = text.replace(/[*_~]/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const parts = [...allowed].map((part) => part.replace(/[*_~]/g, '')).filter(Boolean);
  for (const part of parts.sort((a, b) => b.length - a.length)) rest = rest.split(part).join(' ');
  return rest;
}

/** No Han character outside `allowed`. */
export function expectNoChinese(text: string, allowed: readonly string[] = [], label = ''): void {
  expect(without(text, allowed).match(HAN) ?? [], `${label} Chinese in an English answer: ${text}`).toEqual([]);
}

/**
 * What a person types is code, in any language: code spans, and in a plain-text fallback (which drops the
 * backticks) slash commands and the language words `en`, `zh`, `both`.
 */
const CODE = [/`[^`]*`/g, /\/[a-z]+\b/g, /\b(?:en|zh|both)\b/g, /:[a-z_]+:/g];

/** No English word outside `allowed`, code, emoji codes and the product's name. */
export function expectNoEnglish(text: string, allowed: readonly string[] = [], label = ''): void {
  const code = CODE.reduce((rest, pattern) => rest.replace(pattern, ' '), text);
  const rest = without(code, [...allowed, 'Lights Out', 'Slack']);
  expect(rest.match(LATIN_WORD) ?? [], `${label} English in a Chinese answer: ${text}`).toEqual([]);
}

/** Every text a message shows: its fallback and each block's mrkdwn. */
export function textsOf(message: { text?: unknown; blocks?: unknown }): string[] {
  const blocks = (message.blocks ?? []) as Array<{ text?: { text: string }; elements?: Array<{ text: string }> }>;
  return [
    String(message.text ?? ''),
    ...blocks.flatMap((block) => [block.text?.text ?? '', ...(block.elements ?? []).map((e) => e.text)]),
  ].filter(Boolean);
}
