import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSlack } from '../src/local/fake-slack.js';
import { signedHeaders, slashCommandBody } from '../src/slack/protocol.js';
import { median, runLoad } from './load.js';
import { BOT_SCRIPT, serve } from './proc.js';

const SECRET = 'bench-signing-secret-0123456789';
/** People in the fake workspace's directory; more than any round logs for. */
const DIRECTORY_PEOPLE = 20_000;
const TOKEN = 'xoxb-bench-token';

export type AckRow = { target: string; command: string; rps: number; p50: number; p99: number; errors: number };

export const ACK_TARGETS = {
  bot: 'Lights Out',
  boltAck: 'bare Bolt (ack only)',
  boltInsert: 'bare Bolt (one durable INSERT, then ack)',
  floor: 'bare node:http (signature only)',
} as const;

/** `only`: the one command this target is a fair comparison for (the others are skipped). */
type Target = { name: string; script: string; env?: Record<string, string>; only?: string };
const HOURS_LOG_CACHED = '/hours log (first log, zone cached)';
const TARGETS: Target[] = [
  { name: ACK_TARGETS.bot, script: BOT_SCRIPT },
  { name: ACK_TARGETS.boltAck, script: 'bench/bare-bolt.mjs' },
  // The fair anchor for /hours log: the bot commits the entry before it answers, so compare with a bare app
  // that makes the same durable write (see bench/bare-bolt.mjs). Only where the bot makes no Slack call either.
  {
    name: ACK_TARGETS.boltInsert,
    script: 'bench/bare-bolt.mjs',
    env: { BARE_BOLT_INSERT: '1' },
    only: HOURS_LOG_CACHED,
  },
  { name: ACK_TARGETS.floor, script: 'bench/bare-http.mjs' },
];

/**
 * Slash-command acks at 16 keep-alive clients. Targets run alternately (A B C A B C …) so drift on a shared
 * machine hits every side alike; medians over rounds are reported.
 */
export async function benchAcks(options: { rounds: number; durationMs: number }): Promise<AckRow[]> {
  const fake = new FakeSlack();
  await fake.start();
  // The workspace directory (users.list) the bot caches zones from at start; each round's fresh store starts
  // with no entries, so every one of them logs for the first time.
  for (let i = 0; i < DIRECTORY_PEOPLE; i++) fake.addUser({ id: `UDIR${i}`, name: `p${i}`, tz: 'Europe/London' });
  // Anyone else also exists (joined after the sync): users.info answers for them.
  fake.answer('users.info', (args) => ({
    user: { id: String(args.user), name: String(args.user), tz: 'Europe/London', deleted: false, is_bot: false },
  }));
  let directorySequence = 0;
  let newcomerSequence = 0;
  const commands = [
    { label: '/quote batson', command: '/quote', text: 'batson', user: () => 'UQUOTE' },
    {
      label: HOURS_LOG_CACHED,
      command: '/hours',
      text: 'log 1',
      user: () => `UDIR${directorySequence++ % DIRECTORY_PEOPLE}`,
    },
    {
      label: '/hours log (newcomer: users.info)',
      command: '/hours',
      text: 'log 1',
      user: () => `UNEW${newcomerSequence++}`,
    },
  ];
  const directoryPages = Math.ceil(DIRECTORY_PEOPLE / 200);
  const samples = new Map<string, { rps: number[]; p50: number[]; p99: number[]; errors: number }>();
  try {
    for (let round = 0; round < options.rounds; round++) {
      for (const target of TARGETS) {
        const dir = mkdtempSync(join(tmpdir(), 'lights-out-bench-'));
        const listedBefore = fake.callsTo('users.list').length;
        const served = await serve(target.script, {
          SLACK_BOT_TOKEN: TOKEN,
          SLACK_SIGNING_SECRET: SECRET,
          SLACK_API_URL: fake.apiUrl,
          DATABASE_URL: join(dir, 'bench.db'),
          ...target.env,
        });
        try {
          if (target.name === ACK_TARGETS.bot) {
            // Measure the steady state: after the start-up directory sync, not during it.
            await fake.waitUntil(
              () => fake.callsTo('users.list').length - listedBefore >= directoryPages || undefined,
              60_000,
              'the directory sync',
            );
            await new Promise((resolve) => setTimeout(resolve, 300));
          }
          for (const spec of commands) {
            if (target.only && spec.label !== target.only) continue;
            const result = await runLoad(
              served.origin,
              () => {
                const body = slashCommandBody({
                  command: spec.command,
                  text: spec.text,
                  userId: spec.user(),
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
