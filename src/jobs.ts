import type { WebClient } from '@slack/web-api';
import cron, { type ScheduledTask } from 'node-cron';
import type { SlackIdentity } from './app.js';
import type { AppDeps } from './deps.js';
import { NudgeScheduler, type SchedulerOptions } from './nudges/scheduler.js';
import type { ClientFor } from './oauth/clients.js';
import { DIRECTORY_SYNC_INTERVAL_MS, syncDirectoryZones } from './people/directory.js';

/**
 * Scheduled work: the nightly nudges, and the twice-daily read of everyone's Slack time zone. Started by main
 * after the app listens; stopped first on shutdown.
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
  client: WebClient,
  identity: SlackIdentity,
  options: JobsOptions = {},
): NudgeJobs {
  const { logger, config } = deps;
  const scheduler = new NudgeScheduler(deps, client, identity, options);
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
  let directoryTimer: NodeJS.Timeout | undefined;
  let directorySync: Promise<unknown> = Promise.resolve();
  const workspaces = options.workspaces;
  if (options.directory !== false && (identity.teamId || workspaces)) {
    const syncTeam = async (teamId: string, teamClient: WebClient) =>
      syncDirectoryZones({ ...deps, client: teamClient, signal: directory.signal }, teamId);
    const syncAll = async () => {
      for (const teamId of workspaces ? await workspaces.teams() : [identity.teamId as string]) {
        if (directory.signal.aborted) break;
        await (workspaces ? workspaces.clientFor(teamId) : Promise.resolve(client))
          .then((teamClient) => syncTeam(teamId, teamClient))
          .catch((error: unknown) =>
            logger.warn({ err: error, teamId }, 'directory sync: no client for the workspace'),
          );
      }
    };
    const sync = () => {
      directorySync = syncAll();
    };
    setImmediate(sync);
    directoryTimer = setInterval(sync, DIRECTORY_SYNC_INTERVAL_MS);
    directoryTimer.unref();
  }

  return {
    scheduler,
    async stop() {
      clearInterval(directoryTimer);
      directory.abort();
      for (const task of tasks) await task.destroy();
      // A users.list page in flight is not worth holding shutdown for; its result is dropped (see the abort).
      const directoryDone = Promise.race([directorySync, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      await Promise.all([scheduler.stop(), directoryDone]);
    },
    nudgeChannelNow: (teamId, channelId) => scheduler.sendChannelNow(teamId, channelId),
    nudgePersonNow: (teamId, userId) => scheduler.sendPersonNow(teamId, userId),
  };
}
