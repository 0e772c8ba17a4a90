import { IANAZone } from 'luxon';
import cron from 'node-cron';
import { z } from 'zod';

/** Where each variable comes from, so a bad value is reported with a way to fix it. */
const HINTS: Record<string, string> = {
  SLACK_BOT_TOKEN: 'Slack app settings → OAuth & Permissions → Bot User OAuth Token (starts with xoxb-)',
  SLACK_SIGNING_SECRET: 'Slack app settings → Basic Information → App Credentials → Signing Secret',
  SLACK_APP_TOKEN:
    'Slack app settings → Basic Information → App-Level Tokens (starts with xapp-, scope connections:write)',
  SLACK_API_URL: 'the base URL of the Slack Web API, e.g. https://slack.com/api/',
  PORT: 'a TCP port number between 0 and 65535',
  METRICS_PORT: 'a TCP port number for /metrics, other than PORT (unset turns metrics off)',
  DATABASE_URL: 'a path to the SQLite file, e.g. ./data/lights-out.db',
  NUDGE_CHANNEL: 'a channel id such as C0123456789 (right-click the channel → Copy link: the last part)',
  NUDGE_SCHEDULE: 'a node-cron expression with 5 or 6 fields, e.g. "0 22 * * *" for 22:00 every day',
  NUDGE_TZ: 'an IANA time zone such as America/Los_Angeles or Europe/London',
  NUDGE_GRACE_MINUTES: 'how many minutes a missed nudge may still be sent late, e.g. 120',
  LOG_LEVEL: 'one of fatal, error, warn, info, debug, trace, silent',
};

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalString = z
  .string()
  .transform((value) => value.trim())
  .optional()
  .transform((value) => (value ? value : undefined));

const envSchema = z.object({
  SLACK_BOT_TOKEN: optionalString.pipe(z.string().startsWith('xox', 'must be a Slack bot token (xoxb-…)').optional()),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString.pipe(z.string().startsWith('xapp-', 'must start with xapp-').optional()),
  SLACK_API_URL: optionalString
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional())
    .transform((url) => {
      const base = url ?? 'https://slack.com/api/';
      return base.endsWith('/') ? base : `${base}/`;
    }),
  PORT: optionalString.pipe(z.coerce.number<string | undefined>().int().min(0).max(65535).default(3000)),
  METRICS_PORT: optionalString.pipe(z.coerce.number<string | undefined>().int().min(0).max(65535).optional()),
  DATABASE_URL: optionalString.transform((value) => value ?? './data/lights-out.db'),
  NUDGE_CHANNEL: optionalString.pipe(
    z
      .string()
      .regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a channel id like C0123456789, not a #name')
      .optional(),
  ),
  NUDGE_SCHEDULE: optionalString
    .transform((value) => value ?? '0 22 * * *')
    .refine((expr) => {
      const fields = expr.split(/\s+/).length;
      return (fields === 5 || fields === 6) && cron.validate(expr);
    }, 'is not a valid 5- or 6-field cron expression'),
  NUDGE_TZ: optionalString
    .transform((value) => value ?? 'America/Los_Angeles')
    .refine((zone) => IANAZone.create(zone).isValid, 'is not a known IANA time zone'),
  NUDGE_GRACE_MINUTES: optionalString.pipe(
    z.coerce
      .number<string | undefined>()
      .int()
      .min(0)
      .max(24 * 60)
      .default(120),
  ),
  LOG_LEVEL: optionalString.pipe(z.enum(LOG_LEVELS).default('info')),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export type SlackCredentials = {
  botToken: string;
  signingSecret: string;
  appToken?: string;
};

export type Config = {
  /** `local` runs the built-in Slack stand-in; `http` and `socket` talk to real Slack. */
  mode: 'local' | 'http' | 'socket';
  slack: SlackCredentials & { apiUrl: string };
  port: number;
  /** Serves /metrics on its own server when set; never on `port`. */
  metricsPort?: number;
  databaseUrl: string;
  nudge: { channel?: string; schedule: string; timezone: string; graceMinutes: number };
  logLevel: LogLevel;
};

export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(readonly problems: string[]) {
    super(
      `Lights Out cannot start: the configuration has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`,
    );
    this.name = 'ConfigError';
  }
}

export type ConfigOptions = { forceLocal?: boolean };

/**
 * Turns the environment into one validated config object, or throws a ConfigError that lists every
 * problem at once (never just the first).
 */
export function loadConfig(env: NodeJS.ProcessEnv, options: ConfigOptions = {}): Config {
  const parsed = envSchema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? 'environment');
      const value = env[name];
      const shown = name.includes('TOKEN') || name.includes('SECRET') ? '' : ` (got "${value}")`;
      problems.push(`${name} ${issue.message}${shown}: ${HINTS[name] ?? ''}`.trim());
    }
  }
  const values = parsed.success ? parsed.data : undefined;
  const present = (name: string) => (env[name] ?? '').trim() !== '';
  const local = options.forceLocal === true || !present('SLACK_BOT_TOKEN');
  // HTTP mode needs the signing secret; Socket Mode does not sign requests.
  if (!local && !present('SLACK_SIGNING_SECRET') && !present('SLACK_APP_TOKEN')) {
    problems.push(`SLACK_SIGNING_SECRET is missing: ${HINTS.SLACK_SIGNING_SECRET}`);
  }
  if (values?.METRICS_PORT !== undefined && values.METRICS_PORT === values.PORT && values.PORT !== 0) {
    problems.push(`METRICS_PORT must differ from PORT (both ${values.PORT}): ${HINTS.METRICS_PORT}`);
  }
  if (problems.length > 0 || !values) throw new ConfigError(problems);

  const mode = local ? 'local' : values.SLACK_APP_TOKEN ? 'socket' : 'http';
  return {
    mode,
    slack: {
      botToken: local ? 'xoxb-local-workspace' : (values.SLACK_BOT_TOKEN as string),
      // Socket Mode does not sign requests; HTTP and local mode do.
      signingSecret: values.SLACK_SIGNING_SECRET ?? (local ? 'local-workspace-signing-secret' : ''),
      ...(values.SLACK_APP_TOKEN && !local ? { appToken: values.SLACK_APP_TOKEN } : {}),
      apiUrl: values.SLACK_API_URL,
    },
    port: values.PORT,
    ...(values.METRICS_PORT !== undefined ? { metricsPort: values.METRICS_PORT } : {}),
    databaseUrl: values.DATABASE_URL,
    nudge: {
      ...(values.NUDGE_CHANNEL ? { channel: values.NUDGE_CHANNEL } : {}),
      schedule: values.NUDGE_SCHEDULE,
      timezone: values.NUDGE_TZ,
      graceMinutes: values.NUDGE_GRACE_MINUTES,
    },
    logLevel: values.LOG_LEVEL,
  };
}
