import type { App } from '@slack/bolt';
import type { AppDeps } from '../deps.js';
import { factFeature } from './article/fact.js';
import { quoteFeature } from './article/quote.js';
import { homeFeature } from './home/listener.js';
import { hoursFeature } from './hours/listener.js';
import { lifecycleFeature } from './lifecycle/listener.js';
import { nudgeFeature } from './nudge/listener.js';

/** A feature registers its listeners on the app; it owns no process-level resources. */
export type Feature = (app: App, deps: AppDeps) => void;

/** Every feature of the bot. The manifest test checks that the slash commands here match manifest.yml. */
export const features: Feature[] = [
  hoursFeature,
  quoteFeature,
  factFeature,
  nudgeFeature,
  lifecycleFeature,
  homeFeature,
];
