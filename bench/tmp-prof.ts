import { spawn } from 'node:child_process';
import { FakeSlack } from '../src/local/fake-slack.js';
import { signedHeaders, slashCommandBody } from '../src/slack/protocol.js';
import { runLoad } from './load.js';

async function main() {
  const fake = new FakeSlack();
  await fake.start();
  const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof', 'dist/src/main.js'], {
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'secretsecret',
      SLACK_API_URL: fake.apiUrl,
      PORT: '3999',
      DATABASE_URL: '/tmp/prof/db.db',
      LOG_LEVEL: 'warn',
    },
    stdio: 'inherit',
  });
  await new Promise((r) => setTimeout(r, 1500));
  const r = await runLoad(
    'http://127.0.0.1:3999',
    () => {
      const body = slashCommandBody({ command: '/quote', text: 'batson', responseUrl: fake.responseUrl() });
      return { path: '/slack/events', body, headers: signedHeaders('secretsecret', body) };
    },
    { connections: 16, durationMs: 4000 },
  );
  console.log(r);
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
  await fake.stop();
}
main();
