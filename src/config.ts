import { randomBytes } from 'node:crypto';
import { IANAZone } from 'luxon';
import cron from 'node-cron';
import { z } from 'zod';
import { LOCALES, type Locale } from './i18n/locale.js';

/** Where each variable comes from, so a bad value is reported with a way to fix it. */
const HINTS: Record<string, string> = {
  SLACK_BOT_TOKEN: 'Slack app settings → OAuth & Permissions → Bot User OAuth Token (starts with xoxb-)',
  SLACK_SIGNING_SECRET: 'Slack app settings → Basic Information → App Credentials → Signing Secret',
  SLACK_APP_TOKEN:
    'Slack app settings → Basic Information → App-Level Tokens (starts with xapp-, scope connections:write)',
  SLACK_API_URL: 'the base URL of the Slack Web API, e.g. https://slack.com/api/',
  PORT: 'e.g. 3000',
  METRICS_PORT: 'a TCP port number for /metrics, other than PORT (unset turns metrics off)',
  DATABASE_URL: 'a path to the SQLite file, e.g. ./data/lights-out.db, or a postgres:// URL',
  LOCAL_DATABASE_URL: 'the local workspace’s own store, e.g. ./data/local.db (never the production store)',
  NUDGE_CHANNEL: 'a channel id such as C0123456789 (right-click the channel → Copy link: the last part)',
  NUDGE_SCHEDULE: 'a node-cron expression with 5 or 6 fields, e.g. "0 22 * * *" for 22:00 every day',
  NUDGE_TZ: 'an IANA time zone such as America/Los_Angeles or Europe/London',
  NUDGE_GRACE_MINUTES: 'how many minutes a missed nudge may still be sent late, e.g. 120',
  LOG_LEVEL: 'one of fatal, error, warn, info, debug, trace, silent',
  DEFAULT_LOCALE: 'the language of channel posts unless a channel chose one: en or zh',
  SLACK_CLIENT_ID: 'Slack app settings → Basic Information → App Credentials → Client ID',
  SLACK_CLIENT_SECRET: 'Slack app settings → Basic Information → App Credentials → Client Secret',
  SLACK_STATE_SECRET: 'any long random string you choose (signs the OAuth state), e.g. `openssl rand -hex 32`',
  TOKEN_ENCRYPTION_KEY: '32 random bytes in base64, e.g. `openssl rand -base64 32` (encrypts stored tokens)',
};

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const PORT_ERROR = 'must be a port number, 1–65535';

export type DatabaseVariable = 'DATABASE_URL' | 'LOCAL_DATABASE_URL';

/** Where the store lives; `variable` names the setting it came from, for messages. */
export type DatabaseConfig =
  | { kind: 'sqlite'; path: string; variable: DatabaseVariable }
  | { kind: 'postgres'; url: string; variable: DatabaseVariable };

const DATABASE_DEFAULTS: Record<DatabaseVariable, string> = {
  DATABASE_URL: './data/lights-out.db',
  LOCAL_DATABASE_URL: './data/local.db',
};

/**
 * postgres:// and postgresql:// URLs, or an SQLite file path (optionally `sqlite:` or `file:` in front). Any other
 * scheme (`mysql://…`) is refused rather than read as a folder name; one-letter "schemes" are Windows drives.
 */
function parseDatabase(
  variable: DatabaseVariable,
  value: string | undefined,
  context: z.RefinementCtx,
): DatabaseConfig {
  const text = value ?? DATABASE_DEFAULTS[variable];
  if (/^postgres(ql)?:\/\//i.test(text)) return { kind: 'postgres', url: text, variable };
  const path = text.replace(/^sqlite:(\/\/)?/i, '').replace(/^file:(\/\/(?=\/))?/i, '');
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(path)?.[1];
  if (scheme) {
    context.addIssue({
      code: 'custom',
      message: `has the scheme ${scheme}:, which Lights Out does not support (use postgres://… or an SQLite file path)`,
    });
  }
  return { kind: 'sqlite', path, variable };
}

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
  PORT: optionalString.pipe(
    z.coerce
      .number<string | undefined>({ error: PORT_ERROR })
      .int({ error: PORT_ERROR })
      .min(1, { error: PORT_ERROR })
      .max(65535, { error: PORT_ERROR })
      .default(3000),
  ),
  METRICS_PORT: optionalString.pipe(z.coerce.number<string | undefined>().int().min(0).max(65535).optional()),
  DATABASE_URL: optionalString.transform((value, context) => parseDatabase('DATABASE_URL', value, context)),
  LOCAL_DATABASE_URL: optionalString.transform((value, context) => parseDatabase('LOCAL_DATABASE_URL', value, context)),
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
  DEFAULT_LOCALE: optionalString.pipe(z.enum(LOCALES).default('en')),
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
  /** The store: DATABASE_URL, or in local mode LOCAL_DATABASE_URL (never DATABASE_URL). */
  database: DatabaseConfig;
  nudge: { channel?: string; schedule: string; timezone: string; graceMinutes: number };
  logLevel: LogLevel;
  /** DEFAULT_LOCALE: channels that chose no language, and people whose Slack locale is unknown. */
  defaultLocale: Locale;
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

type Mode = Config['mode'];

/**
 * Which Slack the bot talks to. An OAuth client (id, secret or state secret) means many workspaces over HTTP; a
 * bot token means one workspace (Socket Mode with an app token, else HTTP with the signing secret); no Slack
 * setting at all means the local workspace. Half a real set-up (an app token or a signing secret without the bot
 * token) or a mix of modes is a mistake to report, not a reason to start the stand-in.
 */
function selectMode(present: (name: string) => boolean, forceLocal: boolean): { mode: Mode } | { problem: string } {
  if (forceLocal) return { mode: 'local' };
  if (OAUTH_VARIABLES.some(present)) {
    const [problem] = oauthProblems(present);
    return problem ? { problem } : { mode: 'oauth' };
  }
  if (!present('SLACK_BOT_TOKEN')) {
    const partial = ['SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'].filter(present);
    if (partial.length === 0) return { mode: 'local' };
    return {
      problem: `SLACK_BOT_TOKEN is missing (${partial.join(' and ')} ${partial.length > 1 ? 'are' : 'is'} set; unset ${partial.length > 1 ? 'them' : 'it'} or pass --local for the local workspace): ${HINTS.SLACK_BOT_TOKEN}`,
    };
  }
  if (present('SLACK_APP_TOKEN')) return { mode: 'socket' };
  // HTTP mode needs the signing secret; Socket Mode does not sign requests.
  if (present('SLACK_SIGNING_SECRET')) return { mode: 'http' };
  return { problem: `SLACK_SIGNING_SECRET is missing: ${HINTS.SLACK_SIGNING_SECRET}` };
}

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
  const present = (name: string) => (env[name] ?? '').trim() !== '';
  const selected = selectMode(present, options.forceLocal === true);
  if ('problem' in selected) problems.push(selected.problem);
  const values = parsed.success ? parsed.data : undefined;
  if (values?.METRICS_PORT !== undefined && values.METRICS_PORT === values.PORT && values.PORT !== 0) {
    problems.push(`METRICS_PORT must differ from PORT (both ${values.PORT}): ${HINTS.METRICS_PORT}`);
  }
  if (problems.length > 0 || !values || !('mode' in selected)) throw new ConfigError(problems);

  const { mode } = selected;
  const local = mode === 'local';
  const oauth = mode === 'oauth';
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
      // The local workspace signs with a fresh secret each start, so no other process can forge its requests;
      // Socket Mode does not sign requests.
      signingSecret: local ? randomBytes(32).toString('hex') : (values.SLACK_SIGNING_SECRET ?? ''),
      ...(values.SLACK_APP_TOKEN && !local ? { appToken: values.SLACK_APP_TOKEN } : {}),
      apiUrl: values.SLACK_API_URL,
    },
    port: values.PORT,
    ...(values.METRICS_PORT !== undefined ? { metricsPort: values.METRICS_PORT } : {}),
    database: local ? values.LOCAL_DATABASE_URL : values.DATABASE_URL,
    nudge: {
      ...(values.NUDGE_CHANNEL ? { channel: values.NUDGE_CHANNEL } : {}),
      schedule: values.NUDGE_SCHEDULE,
      timezone: values.NUDGE_TZ,
      graceMinutes: values.NUDGE_GRACE_MINUTES,
    },
    logLevel: values.LOG_LEVEL,
    defaultLocale: values.DEFAULT_LOCALE,
  };
}

/** What `npm start -- --help` prints. */
export function usage(): string {
  const rows: Array<[string, string]> = [
    ['SLACK_BOT_TOKEN', 'xoxb- token; unset (with no other Slack setting) runs the local workspace'],
    ['SLACK_SIGNING_SECRET', 'signing secret (HTTP mode)'],
    ['SLACK_APP_TOKEN', 'xapp- token: Socket Mode instead of HTTP'],
    ['PORT', 'HTTP port for /slack/events and /healthz (default 3000)'],
    ['SLACK_API_URL', 'base URL of the Slack Web API (default https://slack.com/api/)'],
    ['DATABASE_URL', 'SQLite file path or postgres:// URL (default ./data/lights-out.db)'],
    ['LOCAL_DATABASE_URL', 'the local workspace’s own store (default ./data/local.db)'],
    ['NUDGE_CHANNEL', 'channel id of the nightly nudge (default: none)'],
    ['NUDGE_SCHEDULE', 'node-cron expression, 5 or 6 fields (default 0 22 * * *)'],
    ['NUDGE_TZ', 'IANA zone of NUDGE_SCHEDULE (default America/Los_Angeles)'],
    ['NUDGE_GRACE_MINUTES', 'how late a missed nudge may still be sent (default 120)'],
    ['DEFAULT_LOCALE', 'language of channel posts: en or zh (default en)'],
    ['LOG_LEVEL', `${LOG_LEVELS.join(', ')} (default info)`],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return [
    'Usage: npm start [-- --local | --help]',
    '',
    'Lights Out reads its settings from the environment (real variables win over .env):',
    '',
    ...rows.map(([name, meaning]) => `  ${name.padEnd(width)}  ${meaning}`),
    '',
    '  --local  run the built-in local workspace even when Slack tokens are set',
    '  --help   print this and exit',
    '',
    'A missing or malformed variable is reported with where to get it, and the process exits with code 2.',
    '',
  ].join('\n');
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
