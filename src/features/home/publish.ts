import type { WebClient } from '@slack/web-api';
import { personTranslator } from '../../i18n/resolve.js';
import type { PersonKey } from '../../store/types.js';
import { type HomeDeps, loadHome } from './data.js';
import { type ChartImage, homeView } from './render.js';

/**
 * Publishing the Home tab: at once when the person opens it, and debounced (one publish per person, DEBOUNCE_MS
 * after their last change) after anything that may change it. Never on an ack path: `app_home_opened` is acked
 * by Bolt before its listener runs, and the debounced publishes run on a timer.
 *
 * Only people who opened Home in this process (or used one of its forms) are republished, so a `/hours log` from
 * someone who never looks at Home costs no views.publish. With several replicas, a change handled by another
 * replica is shown the next time the person opens the tab (Slack sends app_home_opened on every open).
 */

export const DEBOUNCE_MS = 2000;
/** People remembered as having a Home tab open here; the oldest are forgotten first. */
export const MAX_REMEMBERED = 10_000;

export type Timers = {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
};

export const realTimers: Timers = {
  set: (run, ms) => {
    const handle = setTimeout(run, ms);
    // A pending republish never keeps the process alive.
    handle.unref();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export type ChartInput = { zone: string; locale: 'en' | 'zh'; weekStart: string };
/** The week chart (`weekChartImage` in src/home/chart-file.ts): undefined when it cannot be rendered or uploaded. */
export type ChartMaker = (
  deps: { client: WebClient; store: HomeDeps['store']; logger: HomeDeps['logger']; now: () => Date },
  person: PersonKey,
  input: ChartInput,
) => Promise<ChartImage | undefined>;

export type PublisherOptions = { timers?: Timers; debounceMs?: number; chart?: ChartMaker };

const keyOf = (person: PersonKey) => `${person.teamId}:${person.userId}`;

export class HomePublisher {
  private readonly remembered = new Map<string, true>();
  private readonly pending = new Map<string, unknown>();
  /** The latest publish started per person: an older one that finishes later must not overwrite it. */
  private readonly latest = new Map<string, number>();
  private started = 0;
  private readonly timers: Timers;
  private readonly debounceMs: number;

  constructor(
    private readonly deps: HomeDeps,
    private readonly options: PublisherOptions = {},
  ) {
    this.timers = options.timers ?? realTimers;
    this.debounceMs = options.debounceMs ?? DEBOUNCE_MS;
  }

  remember(person: PersonKey): void {
    const key = keyOf(person);
    this.remembered.delete(key);
    this.remembered.set(key, true);
    if (this.remembered.size > MAX_REMEMBERED) {
      const oldest = this.remembered.keys().next().value;
      if (oldest !== undefined) this.remembered.delete(oldest);
    }
  }

  knows(person: PersonKey): boolean {
    return this.remembered.has(keyOf(person));
  }

  /** Publishes `DEBOUNCE_MS` after the last call for this person (earlier calls are folded into it). */
  schedule(person: PersonKey, client: WebClient): void {
    const key = keyOf(person);
    const earlier = this.pending.get(key);
    if (earlier !== undefined) this.timers.clear(earlier);
    const handle = this.timers.set(() => {
      this.pending.delete(key);
      void this.publish(person, client);
    }, this.debounceMs);
    this.pending.set(key, handle);
  }

  /** How many people have a republish waiting. */
  get waiting(): number {
    return this.pending.size;
  }

  /** Builds and publishes the view now; failures are logged, never thrown (nobody is waiting on it). */
  async publish(person: PersonKey, client: WebClient): Promise<void> {
    const key = keyOf(person);
    const earlier = this.pending.get(key);
    if (earlier !== undefined) {
      this.timers.clear(earlier);
      this.pending.delete(key);
    }
    const run = ++this.started;
    this.latest.set(key, run);
    try {
      const data = await loadHome(this.deps, client, person);
      const t = await personTranslator(this.deps, person);
      const image = await this.chart(client, person, {
        zone: data.zone.zone,
        locale: t.locale,
        weekStart: data.week.range.from,
      });
      if (this.latest.get(key) !== run) return;
      await client.views.publish({ user_id: person.userId, view: homeView(t, data, image) });
    } catch (error) {
      this.deps.logger.warn({ err: error, ...person }, 'could not publish the Home tab');
    } finally {
      if (this.latest.get(key) === run) this.latest.delete(key);
    }
  }

  private async chart(client: WebClient, person: PersonKey, input: ChartInput): Promise<ChartImage | undefined> {
    if (!this.options.chart) return undefined;
    try {
      const { store, logger, now } = this.deps;
      return await this.options.chart({ client, store, logger, now }, person, input);
    } catch (error) {
      // Text bars instead: the rest of Home is still worth showing.
      this.deps.logger.warn({ err: error, ...person }, 'the week chart failed; Home shows text bars');
      return undefined;
    }
  }
}
