import { inspect } from 'node:util';
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

/** Past this depth a logged object is cut: logs are for people, and a deep graph is a bug somewhere else. */
const MAX_DEPTH = 8;

/**
 * A copy of a logged value with secrets scrubbed from every string. Errors anywhere become pino's standard
 * error shape (type, message, stack, cause), so they keep their message and stack whatever key they sit under;
 * a cycle becomes "[Circular]" instead of throwing inside the catch block that is logging it.
 */
function scrubValue(value: unknown, secrets: readonly string[], seen: WeakSet<object>, depth: number): unknown {
  if (typeof value === 'string') return scrubSecrets(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  // Dates, URLs and the like print themselves; they carry no free text worth scrubbing.
  if (!(value instanceof Error) && typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  seen.add(value);
  try {
    const source = value instanceof Error ? pino.stdSerializers.err(value) : value;
    if (Array.isArray(source)) return source.map((item) => scrubValue(item, secrets, seen, depth + 1));
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(source)) copy[key] = scrubValue(item, secrets, seen, depth + 1);
    return copy;
  } finally {
    seen.delete(value);
  }
}

export function createLogger(options: LoggerOptions): Logger {
  const secrets = (options.secrets ?? []).filter((secret) => secret.length >= 8);
  const pretty = options.pretty ?? (options.destination === undefined && process.stdout.isTTY === true);
  const destination =
    options.destination ??
    (pretty
      ? pino.transport({ target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } })
      : pino.destination({ dest: 1, sync: true }));
  const scrub = (value: unknown) => scrubValue(value, secrets, new WeakSet(), 0);
  return pino(
    {
      level: options.level,
      base: { app: 'lights-out' },
      // Structured credential fields are censored by path; free text is scrubbed by value below.
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      // Runs after the log formatter, which has already turned errors into this shape; kept for errors that
      // reach pino another way (a child's bindings, `logger.error(err)`).
      serializers: { err: (error: unknown) => (error instanceof Error ? scrub(error) : error) },
      formatters: {
        // Free text (error messages and stacks, fields a library filled in) can carry a token.
        log: (object) => scrub(object) as Record<string, unknown>,
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

/** One argument of a Bolt log call as text: an error keeps its stack, a cycle does not throw. */
function describeForBolt(message: unknown): string {
  if (typeof message === 'string') return message;
  if (message instanceof Error) return message.stack ?? `${message.name}: ${message.message}`;
  try {
    return JSON.stringify(message) ?? String(message);
  } catch {
    return inspect(message, { depth: 4, breakLength: Number.POSITIVE_INFINITY });
  }
}

/** Bolt and the Slack SDKs log through this, so every line goes through the same pino instance. */
export function boltLogger(logger: Logger, component = 'bolt'): BoltLogger {
  let child = logger.child({ component });
  const format = (messages: unknown[]) => messages.map(describeForBolt).join(' ');
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
