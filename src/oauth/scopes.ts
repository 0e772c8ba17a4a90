import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { projectPath } from '../paths.js';

/** The bot scopes, read from manifest.yml: the manifest is the one place they are written. */
export function manifestBotScopes(path = projectPath('manifest.yml')): string[] {
  const manifest = parse(readFileSync(path, 'utf8')) as { oauth_config?: { scopes?: { bot?: unknown } } };
  const scopes = manifest.oauth_config?.scopes?.bot;
  if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every((scope) => typeof scope === 'string')) {
    throw new Error(`${path} declares no bot scopes (oauth_config.scopes.bot)`);
  }
  return scopes;
}
