import { benchStore } from './store.js';

async function main() {
  const t = performance.now();
  console.table(await benchStore({ rounds: 2, sizes: [10_000, 100_000, 1_000_000], queriesPerRound: 300 }));
  console.log('took s', (performance.now() - t) / 1000);
}
main();
