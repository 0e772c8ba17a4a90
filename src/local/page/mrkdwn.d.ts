/** Types for mrkdwn.js (plain JavaScript, served to the browser as is; tests import it in Node). */
export type InlineNode =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'bold' | 'italic' | 'strike'; children: InlineNode[] }
  | { type: 'emoji'; name: string; char: string }
  | { type: 'link'; url: string; label: string }
  | { type: 'user' | 'channel'; id: string; label?: string }
  | { type: 'special'; name: string };

export type BlockNode =
  | { type: 'line'; children: InlineNode[] }
  | { type: 'quote'; lines: InlineNode[][] }
  | { type: 'pre'; text: string };

export type Names = { user(id: string): string | undefined; channel(id: string): string | undefined };

export const EMOJI: Record<string, string>;
export function decodeEntities(text: string): string;
export function parseMrkdwn(text: string): BlockNode[];
export function plainText(blocks: BlockNode[]): string;
export function renderMrkdwn(doc: unknown, text: string, names?: Names): unknown;
export function renderPlainText(doc: unknown, text: string, emoji?: boolean): unknown;
