// The comparison app for the benchmark: the same Bolt version with the same receiver, a better-sqlite3 handle
// open, and listeners that only ack. Plain JavaScript, run by node directly, like the built bot.
//
// BARE_BOLT_INSERT=1 makes it the fair anchor for `/hours log`: the same durable write the bot makes before it
// answers (the bot's own hours_entries table and indexes, WAL, synchronous=NORMAL), one INSERT per /hours
// request, then the ack. Nothing else differs from the ack-only app.
import { readFileSync } from 'node:fs';
import { App, HTTPReceiver } from '@slack/bolt';
import Database from 'better-sqlite3';

const port = Number(process.env.PORT ?? 3000);
const insertMode = process.env.BARE_BOLT_INSERT === '1';
const db = new Database(process.env.DATABASE_URL ?? ':memory:');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');

let insert;
if (insertMode) {
  db.exec(readFileSync(new URL('../src/store/migrations/001_initial.sql', import.meta.url), 'utf8'));
  insert = db.prepare(
    `INSERT INTO hours_entries (team_id, user_id, work_date, minutes, note, logged_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
}

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
for (const name of ['/quote', '/fact', '/nudge']) app.command(name, async ({ ack }) => ack());
app.command('/hours', async ({ ack, command }) => {
  if (insert) {
    const now = new Date();
    insert.run(command.team_id, command.user_id, now.toISOString().slice(0, 10), 60, null, now.toISOString());
  }
  await ack();
});
await app.start(port);
process.on('SIGTERM', () => process.exit(0));
