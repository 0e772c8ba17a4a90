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
  SLACK_CLIENT_ID: 'Slack app settings → Basic Information → App Credentials → Client ID',
  SLACK_CLIENT_SECRET: 'Slack app settings → Basic Information → App Credentials → Client Secret',
  SLACK_STATE_SECRET: 'any long random string you choose (signs the OAuth state), e.g. `openssl rand -hex 32`',
  TOKEN_ENCRYPTION_KEY: '32 random bytes in base64, e.g. `openssl rand -base64 32` (encrypts stored tokens)',
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
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString,
  TOKEN_ENCRYPTION_KEY: optionalString.pipe(
    z
      .string()
      .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes in base64')
      .optional(),
  ),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export type SlackCredentials = {
  botToken: string;
  signingSecret: string;
  appToken?: string;
};

/** Many workspaces over HTTP: each installs through /slack/install; tokens live in the store, encrypted. */
export type OAuthCredentials = {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  /** AES-256-GCM key for tokens at rest (TOKEN_ENCRYPTION_KEY). */
  encryptionKey: Buffer;
};

export type Config = {
  /**
   * `local` runs the built-in Slack stand-in; `http` and `socket` talk to real Slack with one bot token;
   * `oauth` serves every workspace that installed the app (HTTP; no bot token in the environment).
   */
  mode: 'local' | 'http' | 'socket' | 'oauth';
  slack: SlackCredentials & { apiUrl: string };
  /** Set in `oauth` mode only. */
  oauth?: OAuthCredentials;
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
  const oauth = !options.forceLocal && OAUTH_VARIABLES.some(present);
  const local = options.forceLocal === true || (!present('SLACK_BOT_TOKEN') && !oauth);
  if (oauth) problems.push(...oauthProblems(present));
  // HTTP mode needs the signing secret; Socket Mode does not sign requests.
  else if (!local && !present('SLACK_SIGNING_SECRET') && !present('SLACK_APP_TOKEN')) {
    problems.push(`SLACK_SIGNING_SECRET is missing: ${HINTS.SLACK_SIGNING_SECRET}`);
  }
  if (values?.METRICS_PORT !== undefined && values.METRICS_PORT === values.PORT && values.PORT !== 0) {
    problems.push(`METRICS_PORT must differ from PORT (both ${values.PORT}): ${HINTS.METRICS_PORT}`);
  }
  if (problems.length > 0 || !values) throw new ConfigError(problems);

  const mode = oauth ? 'oauth' : local ? 'local' : values.SLACK_APP_TOKEN ? 'socket' : 'http';
  return {
    mode,
    ...(oauth
      ? {
          oauth: {
            clientId: values.SLACK_CLIENT_ID as string,
            clientSecret: values.SLACK_CLIENT_SECRET as string,
            stateSecret: values.SLACK_STATE_SECRET as string,
            encryptionKey: Buffer.from(values.TOKEN_ENCRYPTION_KEY as string, 'base64'),
          },
        }
      : {}),
    slack: {
      botToken: local ? 'xoxb-local-workspace' : (values.SLACK_BOT_TOKEN ?? ''),
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

/** Any of these selects OAuth mode; all of OAUTH_REQUIRED (and no bot or app token) are then needed. */
const OAUTH_VARIABLES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'];
const OAUTH_REQUIRED = [...OAUTH_VARIABLES, 'SLACK_SIGNING_SECRET', 'TOKEN_ENCRYPTION_KEY'];

/** One message for a mix of variables that selects no mode, naming exactly what to set or unset. */
function oauthProblems(present: (name: string) => boolean): string[] {
  const conflicting = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN'].filter(present);
  const missing = OAUTH_REQUIRED.filter((name) => !present(name));
  if (conflicting.length === 0 && missing.length === 0) return [];
  const given = OAUTH_VARIABLES.filter(present).join(', ');
  const parts = [
    `${given} select many workspaces over OAuth, which needs ${OAUTH_REQUIRED.join(', ')} and no bot or app token`,
  ];
  if (missing.length > 0) parts.push(`missing: ${missing.map((name) => `${name} (${HINTS[name]})`).join('; ')}`);
  if (conflicting.length > 0) {
    parts.push(`unset ${conflicting.join(' and ')} (one workspace), or unset ${given} (OAuth)`);
  }
  return [parts.join('; ')];
}
