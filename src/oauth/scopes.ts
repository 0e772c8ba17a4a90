import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { projectPath } from '../paths.js';

/** The bot scopes, read from manifest.yml: the manifest is the one place they are written. */
export function manifestBotScopes(path = projectPath('manifest.yml')): string[] {
  // Loaded here, in OAuth mode only, so the other modes do not pay for the YAML parser at start-up.
  const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const manifest = parse(readFileSync(path, 'utf8')) as { oauth_config?: { scopes?: { bot?: unknown } } };
  const scopes = manifest.oauth_config?.scopes?.bot;
  if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every((scope) => typeof scope === 'string')) {
    throw new Error(`${path} declares no bot scopes (oauth_config.scopes.bot)`);
  }
  return scopes;
}
