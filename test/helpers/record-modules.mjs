// Preloaded with `--import` by tests: appends the URL of every module the process loads to the file named by
// RECORD_MODULES_TO, so a test can see which modules a real run loaded.
import { appendFileSync } from 'node:fs';
import * as nodeModule from 'node:module';

const out = process.env.RECORD_MODULES_TO;
if (out) {
  if (typeof nodeModule.registerHooks === 'function') {
    // Node ≥ 22.15: synchronous hooks on the main thread.
    nodeModule.registerHooks({
      load(url, context, nextLoad) {
        appendFileSync(out, `${url}\n`);
        return nextLoad(url, context);
      },
    });
  } else {
    nodeModule.register('./record-modules-hooks.mjs', import.meta.url, { data: out });
  }
}
