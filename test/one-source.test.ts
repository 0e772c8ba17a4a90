import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../src/paths.js';

/** Every TypeScript file under src/, as [path, text]. */
function sources(dir = projectPath('src')): Array<[string, string]> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry): Array<[string, string]> => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [[relative(projectPath(), path), readFileSync(path, 'utf8')]] : [];
  });
}

const definitionsOf = (pattern: RegExp) =>
  sources()
    .filter(([, text]) => pattern.test(text))
    .map(([path]) => path);

describe('one definition of each shared helper', () => {
  it('decodes Slack’s &amp; &lt; &gt; in one place', () => {
    expect(definitionsOf(/replace\(\/&amp;\/g, '&'\)/)).toEqual([join('src', 'slack', 'mrkdwn.ts')]);
  });

  it('spells a zone canonically in one place', () => {
    expect(definitionsOf(/(function|const) canonicalZone\b/)).toEqual([join('src', 'people', 'zone.ts')]);
  });

  it('links a channel in one place', () => {
    expect(definitionsOf(/(function|const) channelLink\b/)).toEqual([join('src', 'slack', 'mrkdwn.ts')]);
  });
});
