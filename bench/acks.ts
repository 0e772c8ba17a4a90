import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSlack } from '../src/local/fake-slack.js';
import { signedHeaders, slashCommandBody } from '../src/slack/protocol.js';
import { median, runLoad } from './load.js';
import { serve } from './proc.js';

const SECRET = 'bench-signing-secret-0123456789';
const TOKEN = 'xoxb-bench-token';

export type AckRow = { target: string; command: string; rps: number; p50: number; p99: number; errors: number };

type Target = { name: string; script: string };
const TARGETS: Target[] = [
  { name: 'Lights Out', script: 'dist/src/main.js' },
  { name: 'bare Bolt (ack only)', script: 'bench/bare-bolt.mjs' },
  { name: 'bare node:http (signature only)', script: 'bench/bare-http.mjs' },
];

/**
 * Slash-command acks at 16 keep-alive clients. Targets run alternately (A B C A B C …) so drift on a shared
 * machine hits every side alike; medians over rounds are reported.
 */
export async function benchAcks(options: { rounds: number; durationMs: number }): Promise<AckRow[]> {
  const fake = new FakeSlack();
  await fake.start();
  const commands = [
    { label: '/quote batson', command: '/quote', text: () => 'batson' },
    { label: '/hours log (fresh users)', command: '/hours', text: () => 'log 1' },
  ];
  const samples = new Map<string, { rps: number[]; p50: number[]; p99: number[]; errors: number }>();
  let userSequence = 0;
  try {
    for (let round = 0; round < options.rounds; round++) {
      for (const target of TARGETS) {
        const dir = mkdtempSync(join(tmpdir(), 'lights-out-bench-'));
        const served = await serve(target.script, {
          SLACK_BOT_TOKEN: TOKEN,
          SLACK_SIGNING_SECRET: SECRET,
          SLACK_API_URL: fake.apiUrl,
          DATABASE_URL: join(dir, 'bench.db'),
        });
        try {
          for (const spec of commands) {
            const result = await runLoad(
              served.origin,
              () => {
                const body = slashCommandBody({
                  command: spec.command,
                  text: spec.text(),
                  userId: `UB${++userSequence}`,
                  responseUrl: fake.responseUrl(),
                });
                return { path: '/slack/events', body, headers: signedHeaders(SECRET, body) };
              },
              { connections: 16, durationMs: options.durationMs },
            );
            const key = `${target.name}|${spec.label}`;
            const entry = samples.get(key) ?? { rps: [], p50: [], p99: [], errors: 0 };
            entry.rps.push(result.rps);
            entry.p50.push(result.p50);
            entry.p99.push(result.p99);
            entry.errors += result.errors + result.non2xx;
            samples.set(key, entry);
          }
        } finally {
          await served.stop();
        }
      }
    }
  } finally {
    await fake.stop();
  }
  return [...samples.entries()].map(([key, entry]) => {
    const [target, command] = key.split('|') as [string, string];
    return {
      target,
      command,
      rps: median(entry.rps),
      p50: median(entry.p50),
      p99: median(entry.p99),
      errors: entry.errors,
    };
  });
}
