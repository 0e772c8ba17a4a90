import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/**
 * The folder holding package.json. Code runs both from `src/` (tsx, vitest) and from `dist/src/` (npm start),
 * so data files are found from the project root rather than relative to the running module.
 */
export function projectRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Lights Out: cannot find the project root (no package.json above src/)');
    dir = parent;
  }
  cachedRoot = dir;
  return dir;
}

export function projectPath(...segments: string[]): string {
  return join(projectRoot(), ...segments);
}
