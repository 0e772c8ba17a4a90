import { describe, expect, it, vi } from 'vitest';
import type { Feature } from '../../src/features/index.js';
import { translator } from '../../src/i18n/translator.js';
import { onButton, onCommand } from '../../src/slack/listen.js';
import { build } from '../helpers/build.js';
import { expectNoChinese, expectNoEnglish } from '../helpers/languages.js';

vi.mock('../../src/i18n/resolve.js', async (importOriginal) =>
  (await import('../helpers/mock-locales.js')).mockLocales(importOriginal),
);

/** The router's own answers (a listener failed, a command it does not know) in the person's language. */

function failing(command: string): Feature {
  return (app, { logger }) => {
    onCommand(app, logger, command, async ({ command: sent }, ack) => {
      if (sent.text === 'late') await ack();
      throw new Error('boom');
    });
    onButton(app, logger, 'explode', async () => {
      throw new Error('boom');
    });
  };
}

const errorIdOf = (text: string) => /[0-9a-f]{8}/.exec(text)?.[0] ?? '';

describe('failure and unknown-command replies', () => {
  it('tell a Chinese person in Chinese, naming the command in Chinese', async () => {
    const harness = await build({ features: [failing('/hours')] });
    const { ack } = await harness.command('/hours', 'log 8', { userId: 'UZHCHEN' });
    const text = String(ack?.text);
    expect(ack?.response_type).toBe('ephemeral');
    expect(text).toBe(translator('zh').t('common.failure', { what: '这次 /hours 操作', errorId: errorIdOf(text) }));
    expectNoEnglish(text, [errorIdOf(text)]);
    // The log stays in English for whoever runs the bot.
    expect(harness.logs.records().some((record) => record.msg === '/hours failed')).toBe(true);
  });

  it('in Chinese after the ack too (through response_url), for any command name, and for a button', async () => {
    const harness = await build({ features: [failing('/probe')] });
    const late = await harness.command('/probe', 'late', { userId: 'UZHCHEN' });
    const reply = String((await late.response()).body.text);
    expect(reply).toContain('没能完成这次 /probe 操作');
    expectNoEnglish(reply, [errorIdOf(reply)]);
    const button = await harness.action({ actionId: 'explode', value: 'x', userId: 'UZHCHEN' });
    const said = String((await button.response()).body.text);
    expect(said).toContain('没能完成这个按钮的操作');
  });

  it('stay English for an English person', async () => {
    const harness = await build({ features: [failing('/quote')] });
    const { ack } = await harness.command('/quote', 'batson', { userId: 'UADA' });
    expect(String(ack?.text)).toMatch(/^:warning: Lights Out could not finish \/quote\. .*\(error [0-9a-f]{8}\)\.$/);
    expectNoChinese(String(ack?.text));
  });

  it('answer an unknown command in the person’s language', async () => {
    const harness = await build({ features: [] });
    const zh = await harness.command('/unknown', 'x', { userId: 'UZHCHEN' });
    expect(zh.ack).toMatchObject({
      response_type: 'ephemeral',
      text: 'Lights Out 不认识 /unknown。试试 /hours help。',
    });
    const en = await harness.command('/unknown', 'x', { userId: 'UADA' });
    expect(String(en.ack?.text)).toBe('Lights Out does not know /unknown. Try /hours help.');
  });

  it('fall back to DEFAULT_LOCALE when the person’s language cannot be found', async () => {
    for (const [locale, expected] of [
      ['zh', '没能完成这次 /hours 操作'],
      ['en', 'could not finish /hours'],
    ] as const) {
      const harness = await build({ features: [failing('/hours')], env: { DEFAULT_LOCALE: locale } });
      const { ack } = await harness.command('/hours', 'log 8', { userId: 'UBROKEN' });
      expect(ack?.response_type).toBe('ephemeral');
      expect(String(ack?.text)).toContain(expected);
      expect(harness.logs.records().some((r) => r.msg === '/hours failed')).toBe(true);
      expect(harness.logs.records().some((r) => String(r.msg).startsWith('could not find the person’s language'))).toBe(
        true,
      );
    }
  });
});
