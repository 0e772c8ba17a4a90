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

  it('keeps the message and stack of a logged error, with the token and the signing secret scrubbed', () => {
    const secret = 'f00dfeedf00dfeedf00dfeed';
    const { logger, records } = captureLogs('debug', [secret]);
    const error = new Error(`Slack refused xoxb-111-222-secretpart (secret ${secret})`, {
      cause: new Error('socket said xapp-1-A1-causepart'),
    });
    logger.error({ err: error, attempt: 2 }, 'post failed');
    logger.warn({ error }, 'under another key');
    const [first, second] = records() as Array<{ err?: Record<string, unknown>; error?: Record<string, unknown> }>;
    for (const logged of [first?.err, second?.error]) {
      expect(logged).toMatchObject({ type: 'Error', message: expect.stringContaining('Slack refused xoxb-') });
      expect(logged?.stack).toMatch(/^Error: Slack refused[^\n]*\n\s+at /);
      expect(JSON.stringify(logged)).toContain('socket said xapp-');
    }
    const all = JSON.stringify(records());
    expect(all).not.toContain('secretpart');
    expect(all).not.toContain('causepart');
    expect(all).not.toContain(secret);
  });

  it('logs a circular object without throwing', () => {
    const { logger, records } = captureLogs('debug');
    const loop: Record<string, unknown> = { name: 'loop', token: 'xoxb-9-9-circular' };
    loop.self = loop;
    const error = Object.assign(new Error('with a loop'), { context: loop });
    expect(() => logger.error({ err: error, loop }, 'circular')).not.toThrow();
    const [record] = records() as Array<{ err: { message: string; context: unknown }; loop: unknown }>;
    expect(record?.err.message).toBe('with a loop');
    expect(record?.loop).toEqual({ name: 'loop', token: '[redacted]', self: '[Circular]' });
    expect(JSON.stringify(records())).not.toContain('9-9-circular');
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

  it('keeps the stack of an error Bolt logs, scrubbed, and survives a circular argument', () => {
    const { logger, records } = captureLogs('debug');
    const bolt = boltLogger(logger);
    bolt.error('An unhandled error occurred', new Error('boom with xoxb-5-5-boltpart'));
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => bolt.warn('odd', loop)).not.toThrow();
    const [error, warning] = records() as Array<{ msg: string }>;
    expect(error?.msg).toMatch(/^An unhandled error occurred Error: boom with xoxb-\[redacted\]\n\s+at /);
    expect(JSON.stringify(records())).not.toContain('boltpart');
    expect(warning?.msg).toContain('[Circular');
  });

  it('respects the level', () => {
    const { logger, lines } = captureLogs('warn');
    logger.info('quiet');
    logger.warn('loud');
    expect(lines).toHaveLength(1);
  });
});
