import { spawnSync } from 'node:child_process';
import { projectPath } from '../src/paths.js';

/** Reliability tests run the built bot (dist/), as `npm start` does: compile once, only if sources changed. */
export default function setup(): void {
  const result = spawnSync(process.execPath, [projectPath('scripts', 'ensure-built.mjs')], {
    cwd: projectPath(),
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('npm run build failed; see the compiler output above');
}
