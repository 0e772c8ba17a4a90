import { benchFanout } from './fanout.js';

async function main() {
  console.log(
    await benchFanout({ people: Number(process.argv[2] ?? 500), workspacePerSecond: Number(process.argv[3] ?? 100) }),
  );
}
main();
