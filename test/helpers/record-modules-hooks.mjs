// The off-thread loader hooks record-modules.mjs registers on Node versions without `registerHooks`.
import { appendFileSync } from 'node:fs';

let out;

export function initialize(data) {
  out = data;
}

export async function load(url, context, nextLoad) {
  appendFileSync(out, `${url}\n`);
  return nextLoad(url, context);
}
