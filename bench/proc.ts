import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { projectPath } from '../src/paths.js';
import { freePort } from '../test/helpers/ports.js';

export type Served = { child: ChildProcess; origin: string; readyMs: number; stop: () => Promise<void> };

export const BOT_SCRIPT = 'dist/src/main.js';

/** The node flags of package.json's start script (heap sizing), so the benchmark runs the bot as users do. */
function startFlags(): string[] {
  const start = (JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { scripts: { start: string } })
    .scripts.start;
  const flags = /node ((?:--\S+ )*)dist\/src\/main\.js/.exec(start)?.[1] ?? '';
  return flags.split(' ').filter(Boolean);
}

/** Resident set size of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/**
 * Starts a server script with node (no loader, like `npm start` runs the built bot) and waits until /healthz
 * answers 200; readyMs is from spawn to that first 200.
 */
export async function serve(script: string, env: Record<string, string>): Promise<Served> {
  const port = await freePort();
  const started = performance.now();
  // The bot runs with the node flags `npm start` gives it; BENCH_NODE_ARGS (e.g. "--cpu-prof
  // --cpu-prof-dir=/tmp/prof") adds more, to profile any server under load.
  const nodeArgs = [
    ...(script === BOT_SCRIPT ? startFlags() : []),
    ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
  ];
  const child = spawn(process.execPath, [...nodeArgs, projectPath(script)], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const origin = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited ${child.exitCode}: ${stderr}`);
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.status === 200) break;
    } catch {
      // not yet listening
    }
    if (performance.now() - started > 30_000) throw new Error(`${script} not ready in 30 s: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const readyMs = performance.now() - started;
  return {
    child,
    origin,
    readyMs,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
