import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'vitest';

const schema = JSON.parse(
  readFileSync(new URL('../fixtures/slack-block-kit.schema.json', import.meta.url), 'utf8'),
) as object;
const validateBlocks = new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(schema);

/** Valid against the Block Kit schema, 1–50 blocks, and a non-empty notification text. */
export function expectValidMessage(message: { text?: unknown; blocks?: unknown }): void {
  const ok = validateBlocks(message.blocks);
  expect(validateBlocks.errors ?? [], JSON.stringify(message.blocks)).toEqual([]);
  expect(ok).toBe(true);
  expect(Array.isArray(message.blocks)).toBe(true);
  const blocks = message.blocks as unknown[];
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks.length).toBeLessThanOrEqual(50);
  expect(String(message.text ?? '').trim()).not.toBe('');
}
