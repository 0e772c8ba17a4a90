import type { Config } from './config.js';
import type { Corpus } from './corpus/types.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { Installations } from './oauth/installations.js';
import type { Store } from './store/types.js';

/** What every feature receives instead of reaching for globals, so tests can hand in fakes and a clock. */
export type AppDeps = {
  config: Config;
  /** The article's curated quotes and facts, loaded once at start-up. */
  corpus: Corpus;
  store: Store;
  logger: Logger;
  now: () => Date;
  random: () => number;
  /** Prometheus metrics when METRICS_PORT is set; callers use `deps.metrics ?? noopMetrics`. */
  metrics?: Metrics;
  /** OAuth mode only: the installations (set by buildApp), so uninstall can drop a cached one at once. */
  installations?: Installations;
};
