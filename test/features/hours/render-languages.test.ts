import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/i18n/locale.js';
import { translator } from '../../../src/i18n/translator.js';
import { expectValidMessage, expectValidModal } from '../../helpers/block-kit.js';
import { editForm, everyReply, noteIn, shownTexts } from './every-answer.js';

/**
 * Every `/hours` answer in both languages: valid Block Kit within Slack's limits, and in one language only. A
 * Chinese answer may show names that are the same in both (Lights Out, Slack, CSV, zone ids) and commands in code
 * spans; anything else Latin would be an English word left in it.
 */

const SECTION_MAX = 3000;
const BUTTON_MAX = 75;
const HAN = /\p{Script=Han}/u;
const SAME_IN_BOTH = /Lights Out|Slack|CSV|IANA|AI|YYYY-MM-DD|UTC|[A-Z][a-z]+\/[A-Za-z_]+/g;

/** What is left of a text once code spans, emoji, links and names that need no translation are taken out. */
const prose = (text: string) =>
  text
    .replace(/`[^`]*`/g, ' ')
    .replace(/:[a-z0-9_+-]+:/g, ' ')
    .replace(SAME_IN_BOTH, ' ');

function sizes(blocks: unknown): void {
  for (const block of blocks as Array<Record<string, unknown>>) {
    if (block.type === 'section') expect((block.text as { text: string }).text.length).toBeLessThanOrEqual(SECTION_MAX);
    if (block.type === 'actions') {
      for (const element of block.elements as Array<{ text: { text: string }; value?: string }>) {
        expect(element.text.text.length).toBeLessThanOrEqual(BUTTON_MAX);
        expect((element.value ?? '').length).toBeLessThanOrEqual(2000);
      }
    }
  }
}

for (const locale of LOCALES) {
  const t = translator(locale);
  const replies = everyReply(t);

  describe(`every /hours answer in ${locale}`, () => {
    it.each(replies)('%s is valid Block Kit within Slack limits', (_name, reply) => {
      expectValidMessage(reply, { requireBlocks: true });
      sizes(reply.blocks);
    });

    it('the edit form is a valid modal', () => {
      expectValidModal(editForm(t));
    });
  });
}

describe('one language per answer', () => {
  const zh = translator('zh');
  const en = translator('en');

  it.each(everyReply(zh))('zh %s holds no English words', (_name, reply) => {
    for (const text of shownTexts(reply)) {
      expect(prose(text), text).not.toMatch(/[A-Za-z]{2,}/);
    }
    expect(
      shownTexts(reply).some((text) => HAN.test(text)),
      'has Chinese',
    ).toBe(true);
  });

  it.each(everyReply(en))('en %s holds no Chinese', (_name, reply) => {
    for (const text of shownTexts(reply)) expect(text).not.toMatch(HAN);
  });

  it('the edit form speaks the person’s language, fields and all', () => {
    for (const text of shownTexts(editForm(zh)).filter((text) => text !== noteIn(zh))) {
      expect(prose(text), text).not.toMatch(/[A-Za-z]{2,}/);
    }
    for (const text of shownTexts(editForm(en))) expect(text).not.toMatch(HAN);
  });

  it('writes amounts and dates the way each language does', () => {
    const [, week] = everyReply(zh).find(([name]) => name === 'edited') ?? [];
    expect(week?.text).toContain('7小时30分钟 → *5小时*');
    expect(zh.date('2026-11-30')).toBe('11月30日 周一');
    const [, logged] = everyReply(en).find(([name]) => name === 'logged (long)') ?? [];
    expect(logged?.text).toBe('Logged 7h30m for today, Mon 23 Nov. Day: 13h20m.');
  });
});
