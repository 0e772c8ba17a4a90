import { type Logger as BoltLogger, LogLevel as BoltLogLevel } from '@slack/bolt';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger } from 'pino';

const REDACTED = '[redacted]';
// Structured fields that may carry credentials, wherever they sit in a logged object.
const REDACT_PATHS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'authorization',
  'headers.authorization',
  'headers.Authorization',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'config.headers.Authorization',
  '*.config.headers.Authorization',
];
const TOKEN_PATTERN = /\b(xox[abprse]|xapp)-[A-Za-z0-9-]+/g;

export type LoggerOptions = {
  level: LogLevel;
  /** Exact secret values to scrub from free text (the signing secret has no recognisable shape). */
  secrets?: string[];
  /** Defaults to stdout; tests pass a stream to read what was logged. */
  destination?: DestinationStream;
  pretty?: boolean;
};

export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
  let scrubbed = text.replace(TOKEN_PATTERN, (_match, kind: string) => `${kind}-${REDACTED}`);
  for (const secret of secrets) {
    if (secret.length >= 8) scrubbed = scrubbed.split(secret).join(REDACTED);
  }
  return scrubbed;
}

export function createLogger(options: LoggerOptions): Logger {
  const secrets = (options.secrets ?? []).filter((secret) => secret.length >= 8);
  const pretty = options.pretty ?? (options.destination === undefined && process.stdout.isTTY === true);
  const destination =
    options.destination ??
    (pretty
      ? pino.transport({ target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } })
      : pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      level: options.level,
      base: { app: 'lights-out' },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: { err: pino.stdSerializers.err },
      formatters: {
        // Free text (messages, error messages and stacks) can carry a token that a library printed.
        log: (object) => JSON.parse(scrubSecrets(JSON.stringify(object), secrets)) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg, secrets) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

const BOLT_LEVEL: Record<string, BoltLogLevel> = {
  trace: BoltLogLevel.DEBUG,
  debug: BoltLogLevel.DEBUG,
  info: BoltLogLevel.INFO,
  warn: BoltLogLevel.WARN,
  error: BoltLogLevel.ERROR,
  fatal: BoltLogLevel.ERROR,
  silent: BoltLogLevel.ERROR,
};

/** Bolt and the Slack SDKs log through this, so every line goes through the same pino instance. */
export function boltLogger(logger: Logger, component = 'bolt'): BoltLogger {
  let child = logger.child({ component });
  const format = (messages: unknown[]) =>
    messages.map((message) => (typeof message === 'string' ? message : JSON.stringify(message))).join(' ');
  // Bolt logs at debug on every request: format only what will be written.
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...messages: unknown[]) => {
      if (child.isLevelEnabled(level)) child[level](format(messages));
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    setLevel: () => {
      // The level is LOG_LEVEL, set once on the root logger; Bolt may not change it.
    },
    getLevel: () => BOLT_LEVEL[logger.level] ?? BoltLogLevel.INFO,
    setName: (name: string) => {
      child = logger.child({ component: name });
    },
  };
}
