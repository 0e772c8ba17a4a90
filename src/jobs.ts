import cron, { type ScheduledTask } from 'node-cron';
import type { SlackIdentity } from './app.js';
import type { AppDeps } from './deps.js';
import { NudgeScheduler, type SchedulerOptions, type SlackClients } from './nudges/scheduler.js';
import type { ClientFor } from './oauth/clients.js';
import { DIRECTORY_SYNC_INTERVAL_MS, syncDirectoryZones } from './people/directory.js';
import { pruneChartFiles } from './store/charts.js';

/** Pruning the delivery ledger: once an hour, by whichever process holds the lease. */
export const PRUNE_INTERVAL_MS = 60 * 60_000;

/**
 * Scheduled work: the nightly nudges (every process takes part), and the work that runs on one process at a
 * time, under a named lease in the store: the twice-daily read of everyone's Slack time zone (per workspace) and
 * the hourly pruning of the delivery ledger. Started by main after the app listens; stopped first on shutdown.
 */
export type Jobs = {
  stop(): Promise<void>;
  /** Posts a channel's go-home nudge now, as tonight's would be (the local workspace's "send now" control). */
  nudgeChannelNow(teamId: string, channelId: string): Promise<void>;
  /** Sends one person's personal nudge DM now. */
  nudgePersonNow(teamId: string, userId: string): Promise<void>;
};

export type JobsOptions = SchedulerOptions & {
  /** Start the node-cron triggers (default true). Tests that drive `scheduler.tick(now)` turn them off. */
  cron?: boolean;
  /** Run one tick right away to send slots missed while the process was down (default true). */
  catchUp?: boolean;
  /** Cache every person's Slack zone at start and every 12 h (default true). */
  directory?: boolean;
  /** How often this process tries the singleton leases (directory sync, pruning); default a minute. */
  singletonCheckMs?: number;
  /** OAuth mode: the installed workspaces and a client with each one's token; the directory sync runs per workspace. */
  workspaces?: { teams: () => Promise<string[]>; clientFor: ClientFor };
};

export type NudgeJobs = Jobs & { scheduler: NudgeScheduler };

/**
 * Two node-cron triggers drive one scheduler tick: every minute (`noOverlap`), and at each NUDGE_SCHEDULE time in
 * NUDGE_TZ so a schedule with seconds fires on time. The tick itself works out everything that is due, for the
 * env channel, every `/nudge here` channel and every personal nudge, so there is no cron job per person.
 */
export function startJobs(
  deps: AppDeps,
  clients: SlackClients,
  identity: SlackIdentity,
  options: JobsOptions = {},
): NudgeJobs {
  const { logger, config } = deps;
  // OAuth mode: every workspace's nudges and directory sync go out with that workspace's own token.
  const clientFor: ClientFor =
    options.workspaces?.clientFor ?? (typeof clients === 'function' ? clients : async () => clients);
  const scheduler = new NudgeScheduler(deps, clientFor, identity, options);
  const tasks: ScheduledTask[] = [];
  const tick = () =>
    scheduler.tick().catch((error: unknown) => {
      logger.error({ err: error }, 'nudge tick failed');
    });

  if (options.cron !== false) {
    tasks.push(cron.schedule('* * * * *', tick, { name: 'nudge-tick', noOverlap: true }));
    if (config.nudge.channel && identity.teamId) {
      tasks.push(
        cron.schedule(config.nudge.schedule, tick, {
          name: 'nudge-channel',
          timezone: config.nudge.timezone,
          noOverlap: true,
        }),
      );
    }
  }
  if (options.catchUp !== false) setImmediate(tick);

  const directory = new AbortController();
  const singletons = [
    onceEvery(deps, scheduler.owner, 'nudge-prune', PRUNE_INTERVAL_MS, () =>
      Promise.all([scheduler.prune(deps.now()), pruneChartFiles(deps.store.charts, deps.now())]),
    ),
  ];
  const workspaces = options.workspaces;
  if (options.directory !== false && (identity.teamId || workspaces)) {
    // One singleton per workspace, made when the workspace is first seen (OAuth installs come and go).
    const perTeam = new Map<string, () => Promise<void>>();
    const syncOf = (teamId: string) => {
      let run = perTeam.get(teamId);
      if (!run) {
        const sync = async () => {
          const client = await clientFor(teamId);
          await syncDirectoryZones({ ...deps, client, signal: directory.signal }, teamId);
        };
        run = onceEvery(deps, scheduler.owner, `directory-sync:${teamId}`, DIRECTORY_SYNC_INTERVAL_MS, sync);
        perTeam.set(teamId, run);
      }
      return run;
    };
    singletons.push(async () => {
      const teams = workspaces ? await workspaces.teams() : [identity.teamId as string];
      for (const teamId of teams) {
        if (directory.signal.aborted) break;
        await syncOf(teamId)();
      }
    });
  }
  let singletonRun: Promise<unknown> = Promise.resolve();
  const runSingletons = () => {
    singletonRun = Promise.all(singletons.map((run) => run()));
  };
  setImmediate(runSingletons);
  const singletonTimer = setInterval(runSingletons, options.singletonCheckMs ?? 60_000);
  singletonTimer.unref();

  return {
    scheduler,
    async stop() {
      clearInterval(singletonTimer);
      directory.abort();
      for (const task of tasks) await task.destroy();
      // A users.list page in flight is not worth holding shutdown for; its result is dropped (see the abort).
      const singletonsDone = Promise.race([singletonRun, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      await Promise.all([scheduler.stop(), singletonsDone]);
    },
    nudgeChannelNow: (teamId, channelId) => scheduler.sendChannelNow(teamId, channelId),
    nudgePersonNow: (teamId, userId) => scheduler.sendPersonNow(teamId, userId),
  };
}

/**
 * Work that must run once per `intervalMs` across all processes (per workspace): whoever takes the named lease
 * runs it and keeps the lease for the interval, so the others skip it until then. If the work fails, the lease
 * is dropped so another process (or the next check) tries again. A process that dies mid-run holds the lease
 * until it expires: that run is simply skipped.
 */
function onceEvery(
  deps: Pick<AppDeps, 'store' | 'logger'>,
  owner: string,
  name: string,
  intervalMs: number,
  work: () => Promise<unknown>,
): () => Promise<void> {
  let running = false;
  let heldUntil = 0;
  return async () => {
    if (running || Date.now() < heldUntil) return;
    running = true;
    try {
      if (!(await deps.store.leases.tryAcquireLease(name, owner, intervalMs))) return;
      heldUntil = Date.now() + intervalMs;
      try {
        await work();
      } catch (error) {
        heldUntil = 0;
        await deps.store.leases.releaseLease(name, owner);
        throw error;
      }
    } catch (error) {
      deps.logger.error({ err: error, job: name }, 'scheduled job failed');
    } finally {
      running = false;
    }
  };
}
