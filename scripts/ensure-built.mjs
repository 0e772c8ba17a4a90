// `npm start` runs the compiled bot. Compile only when a source file is newer than the last build, so a
// fresh clone builds once and every later start is immediate.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const stamp = 'dist/.tsbuildinfo';

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const sources = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
const stale = !existsSync(stamp) || Math.max(...sources.map(newestMtime)) > statSync(stamp).mtimeMs;
const tsc = 'node_modules/typescript/bin/tsc';
if (stale && !existsSync(tsc)) {
  // A production install (npm ci --omit=dev) has no TypeScript: it runs a build made before pruning.
  process.stderr.write(
    existsSync('dist/src/main.js')
      ? 'TypeScript is not installed, so the sources cannot be recompiled: running the existing build (npm run start:prod does this without checking).\n'
      : 'Lights Out is not built and TypeScript is not installed (npm ci --omit=dev): run `npm ci && npm run build` first, then prune and use `npm run start:prod`.\n',
  );
  if (!existsSync('dist/src/main.js')) process.exit(1);
} else if (stale) {
  process.stderr.write('Compiling Lights Out…\n');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
