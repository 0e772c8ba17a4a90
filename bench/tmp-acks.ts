import { benchAcks } from './acks.js';

async function main() {
  const rows = await benchAcks({ rounds: 1, durationMs: 2000 });
  console.table(rows.filter((r) => r.command.startsWith('/quote')));
}
main();
