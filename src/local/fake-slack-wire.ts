import type { IncomingMessage } from 'node:http';

/** How Slack's Web API requests arrive on the wire: JSON or form bodies, and multipart file uploads. */

const parseMaybeJson = (value: string): unknown => {
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Web API bodies arrive as JSON or as a form whose nested values (blocks) are JSON strings. */
export function parseArgs(req: IncomingMessage, raw: Buffer, url: URL): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of url.searchParams) args[key] = parseMaybeJson(value);
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return args;
  if (type.includes('application/json')) return { ...args, ...(JSON.parse(raw.toString('utf8')) as object) };
  for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) args[key] = parseMaybeJson(value);
  return args;
}

/**
 * The file's bytes from an upload-URL request: @slack/web-api sends them as multipart/form-data (Slack accepts
 * that as well as a raw body), so the file part is taken out, as Slack stores it.
 */
export async function uploadedBytes(req: IncomingMessage, raw: Buffer): Promise<Buffer> {
  const type = req.headers['content-type'] ?? '';
  if (!type.includes('multipart/form-data')) return raw;
  const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  return raw;
}
