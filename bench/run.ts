/**
 * `npm run bench`: side-by-side figures, each comparison run alternately (A B A B …) in one run, medians and
 * ratios reported, since absolute times on a shared machine drift. Prints a markdown table and writes it to
 * bench/results/latest.md. Not part of `npm test`.
 *
 * BENCH_QUICK=1 shortens every section (for a smoke run).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { projectPath } from '../src/paths.js';
import { benchAcks } from './acks.js';
import { benchFootprint } from './footprint.js';

const quick = process.env.BENCH_QUICK === '1';
const fmt = (value: number | undefined, digits = 1) =>
  value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

async function main(): Promise<void> {
  const lines: string[] = [];
  const out = (line = '') => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  out('# Lights Out benchmark');
  out();
  out(
    `${new Date().toISOString()} · node ${process.version} · ${os.cpus().length} cores · ${Math.round(os.totalmem() / 2 ** 30)} GiB${quick ? ' · QUICK run' : ''}`,
  );
  out();

  // 1. Slash-command acks
  const acks = await benchAcks({ rounds: quick ? 1 : 3, durationMs: quick ? 1500 : 4000 });
  out('## 1. Slash-command acks (16 keep-alive clients, median of rounds)');
  out();
  out('| target | command | req/s | p50 ms | p99 ms | errors |');
  out('|---|---|---:|---:|---:|---:|');
  for (const row of acks) {
    out(
      `| ${row.target} | ${row.command} | ${fmt(row.rps, 0)} | ${fmt(row.p50, 2)} | ${fmt(row.p99, 2)} | ${row.errors} |`,
    );
  }
  out();
  for (const command of new Set(acks.map((row) => row.command))) {
    const bot = acks.find((row) => row.command === command && row.target === 'Lights Out');
    const bolt = acks.find((row) => row.command === command && row.target.startsWith('bare Bolt'));
    const floor = acks.find((row) => row.command === command && row.target.startsWith('bare node'));
    if (!bot || !bolt || !floor) continue;
    const ratio = bot.rps / bolt.rps;
    out(
      `- ${command}: Lights Out at **${fmt(ratio, 2)}×** bare Bolt's throughput (goal ≥ 0.9×: ${verdict(ratio >= 0.9)}); bare Bolt at ${fmt(bolt.rps / floor.rps, 2)}× the node:http floor.`,
    );
  }
  out();

  // 4. Footprint
  const footprint = await benchFootprint({ rounds: quick ? 1 : 3 });
  out('## 4. Footprint');
  out();
  out('| target | ready (spawn → /healthz 200) ms | idle RSS MB | RSS with 1 M entries MB |');
  out('|---|---:|---:|---:|');
  for (const row of footprint) {
    out(`| ${row.target} | ${fmt(row.readyMs, 0)} | ${fmt(row.idleRssMb)} | ${fmt(row.loadedRssMb)} |`);
  }
  out();
  const bot = footprint.find((row) => row.target === 'Lights Out');
  const bare = footprint.find((row) => row.target !== 'Lights Out');
  if (bot && bare) {
    const idleRatio = bot.idleRssMb / bare.idleRssMb;
    const loadedRatio = (bot.loadedRssMb ?? Number.NaN) / bot.idleRssMb;
    out(`- idle RSS: **${fmt(idleRatio, 2)}×** the bare app's (goal ≤ 1.15×: ${verdict(idleRatio <= 1.15)})`);
    out(`- RSS with 1 M entries: **${fmt(loadedRatio, 2)}×** idle (goal ≤ 1.5×: ${verdict(loadedRatio <= 1.5)})`);
    out(`- ready in **${fmt(bot.readyMs / 1000, 2)} s** (goal ≤ 1.5 s: ${verdict(bot.readyMs <= 1500)})`);
  }
  out();
  out('Reproduce: `npm run bench` (writes bench/results/latest.md).');

  mkdirSync(projectPath('bench', 'results'), { recursive: true });
  writeFileSync(projectPath('bench', 'results', 'latest.md'), `${lines.join('\n')}\n`);
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
