import { Writable } from 'node:stream';
import type { LogLevel } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/logger.js';

export type CapturedLogs = { logger: Logger; lines: string[]; records: () => Array<Record<string, unknown>> };

/** A real pino logger whose output stays in memory, so tests can read what was logged. */
export function captureLogs(level: LogLevel = 'debug', secrets: string[] = []): CapturedLogs {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(line);
      done();
    },
  });
  const logger = createLogger({ level, secrets, destination, pretty: false });
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}
