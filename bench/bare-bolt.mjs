// The comparison app for the benchmark: the same Bolt version with the same receiver, a better-sqlite3 handle
// open, and listeners that only ack. Plain JavaScript, run by node directly, like the built bot.
import { App, HTTPReceiver } from '@slack/bolt';
import Database from 'better-sqlite3';

const port = Number(process.env.PORT ?? 3000);
const db = new Database(process.env.DATABASE_URL ?? ':memory:');
db.pragma('journal_mode = WAL');

const receiver = new HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  customRoutes: [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        db.prepare('SELECT 1').get();
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"status":"ok"}');
      },
    },
  ],
});
const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  botId: 'B0BARE',
  botUserId: 'U0BARE',
  receiver,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});
for (const name of ['/quote', '/hours', '/fact', '/nudge']) app.command(name, async ({ ack }) => ack());
await app.start(port);
process.on('SIGTERM', () => process.exit(0));
