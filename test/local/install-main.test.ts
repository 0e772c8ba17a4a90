import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addWorkspace } from '../helpers/install.js';
import { type BotProcess, freePort, spawnBot } from '../helpers/spawn.js';

async function started(bot: BotProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!bot.stdout().includes('\n')) {
    if (bot.child.exitCode !== null) throw new Error(`bot exited (${bot.child.exitCode}): ${bot.stderr()}`);
    if (Date.now() > deadline) throw new Error(`no line from the bot: ${bot.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function command(port: number, as: string, channel: string, text: string) {
  const res = await fetch(`http://localhost:${port}/local/api/command`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as, channel, text }),
  });
  return res.json();
}

async function state(port: number, as: string) {
  const res = await fetch(`http://localhost:${port}/local/api/state?as=${as}`);
  return (await res.json()) as { messages: Array<{ text?: string; blocks?: unknown[] }> };
}

describe('npm start with an added workspace in the local store', () => {
  it('starts again with it installed (its data is the local workspace’s own, not refused), its hours kept', async () => {
    const port = await freePort();
    const env = {
      PORT: String(port),
      LOCAL_DATABASE_URL: join(mkdtempSync(join(tmpdir(), 'lo-install-')), 'local.db'),
    };
    const first = spawnBot({ env });
    await started(first);
    expect(await addWorkspace(`http://127.0.0.1:${port}`, 'T0NIGHT')).toBe('/?team=T0NIGHT');
    expect(await command(port, 'U0DANA', 'C0NIGHT', '/hours log 7 yesterday')).toEqual({ ok: true, outcome: 'acked' });
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = spawnBot({ env });
    await started(second);
    expect(second.stdout()).toMatch(/^Lights Out is running in a local workspace: open http:\/\/localhost:\d+\n$/);
    const listed = (await (await fetch(`http://localhost:${port}/local/api/workspaces`)).json()) as {
      workspaces: Array<{ name: string }>;
    };
    expect(listed.workspaces.map((workspace) => workspace.name)).toEqual(['Lights Out', 'Night Shift']);
    expect(await command(port, 'U0DANA', 'C0NIGHT', '/hours day yesterday')).toEqual({ ok: true, outcome: 'acked' });
    const deadline = Date.now() + 10_000;
    let answer = '';
    while (!/\b7(\.0)?\s?h\b/.test(answer) && Date.now() < deadline) {
      answer = JSON.stringify((await state(port, 'U0DANA')).messages.at(-1) ?? {});
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(answer).toMatch(/\b7(\.0)?\s?h\b/);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
