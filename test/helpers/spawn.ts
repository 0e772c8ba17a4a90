import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { projectPath } from '../../src/paths.js';

export type BotProcess = {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  /** Polls /healthz until it answers 200. */
  healthy: (url: string, timeoutMs?: number) => Promise<void>;
};

export type SpawnOptions = {
  env: Record<string, string>;
  /** `source` runs src/main.ts through tsx; `built` runs dist/src/main.js (needs `npm run build`). */
  entry?: 'source' | 'built';
  args?: string[];
  cwd?: string;
};

/**
 * Starts the real bot as a child process, as `npm start` would, with only the given environment (plus PATH),
 * in an empty folder so no developer's `.env` leaks in. Killed when the test ends.
 */
export function spawnBot(options: SpawnOptions): BotProcess {
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), 'lights-out-run-'));
  const entryArgs =
    options.entry === 'built'
      ? [projectPath('dist', 'src', 'main.js')]
      : ['--import', import.meta.resolve('tsx'), projectPath('src', 'main.ts')];
  const child = spawn(process.execPath, [...entryArgs, ...(options.args ?? [])], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    err += chunk;
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    healthy: async (url, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`bot exited (${child.exitCode}): ${err || out}`);
        try {
          const res = await fetch(`${url}/healthz`);
          if (res.status === 200) return;
        } catch {
          // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`bot not healthy after ${timeoutMs} ms: ${err || out}`);
    },
  };
}

export { freePort } from './ports.js';
