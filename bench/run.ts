/**
 * `npm run bench`: side-by-side figures, each comparison run alternately (A B A B …) in one run, medians and
 * ratios reported, since absolute times on a shared machine drift. Prints a markdown table and writes it to
 * bench/results/latest.md. Not part of `npm test`.
 *
 * BENCH_QUICK=1 shortens every section (for a smoke run); BENCH_ONLY=acks runs section 1 only and leaves
 * latest.md as it was; BENCH_ONLY=chart likewise runs the week chart (section 5) only, BENCH_ONLY=postgres the
 * Postgres and replica figures (section 6) only; those need BENCH_DATABASE_URL or TEST_DATABASE_URL.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { projectPath } from '../src/paths.js';
import { ACK_TARGETS, benchAcks } from './acks.js';
import { benchChart, chartReport } from './chart.js';
import { benchFanout } from './fanout.js';
import { benchFootprint } from './footprint.js';
import { benchDialects, benchFanoutReplicas, benchPostgresUrl } from './postgres.js';
import { benchStore } from './store.js';

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

  if (process.env.BENCH_ONLY === 'postgres') {
    for (const line of await postgresReport(quick)) out(line);
    out('BENCH_ONLY=postgres: the other sections were skipped; bench/results/latest.md was not rewritten.');
    return;
  }

  const chartRenders = quick ? 10 : 40;
  if (process.env.BENCH_ONLY === 'chart') {
    for (const line of chartReport(await benchChart({ renders: chartRenders }), fmt)) out(line);
    out('BENCH_ONLY=chart: the other sections were skipped; bench/results/latest.md was not rewritten.');
    return;
  }

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
    const row = (target: string) =>
      acks.find((candidate) => candidate.command === command && candidate.target === target);
    const [bot, bolt, insert, floor] = [
      row(ACK_TARGETS.bot),
      row(ACK_TARGETS.boltAck),
      row(ACK_TARGETS.boltInsert),
      row(ACK_TARGETS.floor),
    ];
    if (!bot || !bolt || !floor) continue;
    const ratio = bot.rps / bolt.rps;
    out(
      `- ${command}: Lights Out at **${fmt(ratio, 2)}×** bare Bolt's throughput (goal ≥ 0.9×: ${verdict(ratio >= 0.9)}); bare Bolt at ${fmt(bolt.rps / floor.rps, 2)}× the node:http floor.`,
    );
    // The fair anchor: the bot's /hours log commits an entry before it answers; so does this bare app.
    if (insert) {
      out(
        `  - fair anchor: Lights Out at **${fmt(bot.rps / insert.rps, 2)}×** bare Bolt with the same one durable INSERT (which itself runs at ${fmt(insert.rps / bolt.rps, 2)}× bare Bolt's ack-only throughput).`,
      );
    }
  }
  out();
  if (process.env.BENCH_ONLY === 'acks') {
    out('BENCH_ONLY=acks: the other sections were skipped; bench/results/latest.md was not rewritten.');
    return;
  }

  // 2. Store scaling
  const sizes = [10_000, 100_000, 1_000_000];
  const store = await benchStore({ rounds: quick ? 1 : 3, sizes, queriesPerRound: quick ? 100 : 400 });
  out(
    '## 2. Store scaling (1,000 people; /hours week and month as the listener runs them: queries, domain, Block Kit)',
  );
  out();
  out('| entries | week p50 µs | week p99 µs | month p50 µs | month p99 µs | inserts/s (capped transaction) |');
  out('|---:|---:|---:|---:|---:|---:|');
  for (const row of store) {
    out(
      `| ${row.entries.toLocaleString('en-US')} | ${fmt(row.weekP50us, 0)} | ${fmt(row.weekP99us, 0)} | ${fmt(row.monthP50us, 0)} | ${fmt(row.monthP99us, 0)} | ${fmt(row.insertsPerSecond, 0)} |`,
    );
  }
  out();
  const small = store[0];
  const large = store[store.length - 1];
  if (small && large) {
    const week = large.weekP50us / small.weekP50us;
    const month = large.monthP50us / small.monthP50us;
    out(
      `- 1 M vs 10 k, p50: week **${fmt(week, 2)}×**, month **${fmt(month, 2)}×** (goal ≤ 1.3×: ${verdict(week <= 1.3 && month <= 1.3)})`,
    );
  }
  out();

  // 3. Nudge fan-out
  const fanout = await benchFanout({ people: quick ? 1000 : 5000, workspacePerSecond: 200 });
  out(
    '## 3. Nudge fan-out (personal DMs due in the same minute; fake Slack: 1 post/s per channel, 200 posts/s per workspace, 429 + Retry-After)',
  );
  out();
  out(
    '| people | total s | floor s | ratio | delivered | lost | duplicated | 429s | /quote acks during | ack p50 ms | ack p99 ms |',
  );
  out('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const fanRatio = fanout.seconds / fanout.floorSeconds;
  out(
    `| ${fanout.people} | ${fmt(fanout.seconds)} | ${fmt(fanout.floorSeconds)} | ${fmt(fanRatio, 2)} | ${fanout.delivered} | ${fanout.lost} | ${fanout.duplicated} | ${fanout.rateLimited} | ${fanout.acks} | ${fmt(fanout.ackP50ms)} | ${fmt(fanout.ackP99ms)} |`,
  );
  out();
  out(
    `- time **${fmt(fanRatio, 2)}×** the floor (goal ≤ 1.15×: ${verdict(fanRatio <= 1.15)}); lost ${fanout.lost}, duplicated ${fanout.duplicated} (goal 0 and 0: ${verdict(fanout.lost === 0 && fanout.duplicated === 0)}); ack p99 **${fmt(fanout.ackP99ms)} ms** (goal < 100 ms: ${verdict(fanout.ackP99ms < 100)})`,
  );
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

  // 5. Week chart
  for (const line of chartReport(await benchChart({ renders: chartRenders }), fmt)) out(line);

  // 6. Postgres and replicas
  for (const line of await postgresReport(quick)) out(line);
  out('Reproduce: `npm run bench` (writes bench/results/latest.md).');

  mkdirSync(projectPath('bench', 'results'), { recursive: true });
  writeFileSync(projectPath('bench', 'results', 'latest.md'), `${lines.join('\n')}\n`);
}

/** Section 6: SQLite vs Postgres for /hours log and week, and the DM fan-out over 1–3 replicas on Postgres. */
async function postgresReport(quick: boolean): Promise<string[]> {
  if (!benchPostgresUrl) {
    return [
      '## 6. Postgres and replicas: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL to a Postgres server).',
      '',
    ];
  }
  const lines = ['## 6. Postgres and replicas', ''];
  const dialects = await benchDialects({
    url: benchPostgresUrl,
    entries: quick ? 10_000 : 100_000,
    rounds: quick ? 1 : 3,
    perRound: quick ? 100 : 300,
  });
  const entries = quick ? '10,000' : '100,000';
  lines.push(`/hours log (the capped insert transaction) and /hours week, ${entries} entries over 1,000 people:`, '');
  lines.push('| store | log p50 µs | log p99 µs | week p50 µs | week p99 µs |', '|---|---:|---:|---:|---:|');
  for (const row of dialects) {
    lines.push(
      `| ${row.dialect} | ${fmt(row.logP50us, 0)} | ${fmt(row.logP99us, 0)} | ${fmt(row.weekP50us, 0)} | ${fmt(row.weekP99us, 0)} |`,
    );
  }
  const [lite, postgres] = dialects;
  if (lite && postgres) {
    lines.push(
      '',
      `- Postgres vs SQLite, p50: log **${fmt(postgres.logP50us / lite.logP50us, 2)}×**, week **${fmt(postgres.weekP50us / lite.weekP50us, 2)}×** (a network round trip per statement vs an in-process file).`,
    );
  }
  const people = quick ? 1000 : 5000;
  const fanout = await benchFanoutReplicas({
    url: benchPostgresUrl,
    people,
    workspacePerSecond: 200,
    replicas: [1, 2, 3],
  });
  lines.push(
    '',
    `${people.toLocaleString('en-US')} personal DMs due in the same minute, on Postgres, 1–3 replicas (fake Slack limits as in section 3):`,
    '',
  );
  lines.push(
    '| replicas | total s | floor s | ratio | delivered | lost | duplicated | 429s |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const row of fanout) {
    lines.push(
      `| ${row.replicas} | ${fmt(row.seconds)} | ${fmt(row.floorSeconds)} | ${fmt(row.seconds / row.floorSeconds, 2)} | ${row.delivered} | ${row.lost} | ${row.duplicated} | ${row.rateLimited} |`,
    );
  }
  lines.push('');
  return lines;
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
