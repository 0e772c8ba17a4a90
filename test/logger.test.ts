import { describe, expect, it } from 'vitest';
import { boltLogger, scrubSecrets } from '../src/logger.js';
import { captureLogs } from './helpers/logs.js';

describe('logger', () => {
  it('redacts credential fields wherever they sit', () => {
    const { logger, lines } = captureLogs('debug');
    logger.info(
      {
        token: 'xoxb-1',
        config: { headers: { Authorization: 'Bearer xoxb-2' } },
        req: { headers: { authorization: 'x' } },
      },
      'call',
    );
    expect(lines.join('\n')).not.toMatch(/xoxb-[12]|Bearer/);
    expect(lines.join('\n')).toContain('[redacted]');
  });

  it('scrubs tokens and the signing secret out of free text, including error messages', () => {
    const secret = 'f00dfeedf00dfeedf00dfeed';
    const { logger, lines } = captureLogs('debug', [secret]);
    logger.warn(`request with xoxb-123-456-abc and secret ${secret}`);
    logger.error({ err: new Error(`bad token xapp-1-A1-xyz`) }, 'failed');
    const all = lines.join('\n');
    expect(all).not.toContain('123-456-abc');
    expect(all).not.toContain('A1-xyz');
    expect(all).not.toContain(secret);
    expect(scrubSecrets('xoxp-9-9 ok')).toBe('xoxp-[redacted] ok');
  });

  it('routes Bolt logging through the same pino instance, with the component named', () => {
    const { logger, records } = captureLogs('debug');
    const bolt = boltLogger(logger);
    bolt.info('hello', { a: 1 });
    bolt.setName('socket-mode');
    bolt.debug('dbg');
    expect(records()).toEqual([
      expect.objectContaining({ component: 'bolt', msg: 'hello {"a":1}', level: 30 }),
      expect.objectContaining({ component: 'socket-mode', msg: 'dbg', level: 20 }),
    ]);
  });

  it('respects the level', () => {
    const { logger, lines } = captureLogs('warn');
    logger.info('quiet');
    logger.warn('loud');
    expect(lines).toHaveLength(1);
  });
});
