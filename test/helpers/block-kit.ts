import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import { projectPath } from '../../src/paths.js';

// Community Block Kit schema (MIT), copied into test/fixtures so the check runs on a fresh clone.
const schema = JSON.parse(
  readFileSync(projectPath('test', 'fixtures', 'slack-block-kit.schema.json'), 'utf8'),
) as object;
const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
const validateBlocks = ajv.compile(schema);

/**
 * A message Slack would accept: blocks valid against the Block Kit schema, at most 50 of them (the schema
 * allows 100, messages 50), and a non-empty plain-text fallback.
 */
export function expectValidMessage(
  message: { text?: unknown; blocks?: unknown },
  options: { requireBlocks?: boolean } = {},
): void {
  expect(typeof message.text === 'string' && message.text.trim() !== '', 'message has fallback text').toBe(true);
  if (options.requireBlocks) expect(Array.isArray(message.blocks), 'message has blocks').toBe(true);
  if (message.blocks === undefined) return;
  const ok = validateBlocks(message.blocks);
  expect(validateBlocks.errors ?? [], JSON.stringify(message.blocks).slice(0, 2000)).toEqual([]);
  expect(ok).toBe(true);
  expect((message.blocks as unknown[]).length).toBeLessThanOrEqual(50);
}

const validateModal = ajv.compile({
  $ref: `${(schema as { $id: string }).$id}#/$defs/modal_view`,
});

/** A modal Slack would open: valid against the schema's modal_view (title, submit and fields within limits). */
export function expectValidModal(view: unknown): void {
  const ok = validateModal(view);
  expect(validateModal.errors ?? [], JSON.stringify(view).slice(0, 2000)).toEqual([]);
  expect(ok).toBe(true);
}

const validateHome = ajv.compile({
  $ref: `${(schema as { $id: string }).$id}#/$defs/home_view`,
});

/** A Home tab Slack would publish: valid against the schema's home_view, at most 100 blocks. */
export function expectValidHomeView(view: unknown): void {
  const ok = validateHome(view);
  expect(validateHome.errors ?? [], JSON.stringify(view).slice(0, 2000)).toEqual([]);
  expect(ok).toBe(true);
  expect((view as { blocks: unknown[] }).blocks.length).toBeLessThanOrEqual(100);
}
