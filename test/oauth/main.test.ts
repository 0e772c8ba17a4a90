import { describe, expect, it } from 'vitest';
import { spawnBot } from '../helpers/spawn.js';
import { oauthEnv } from './harness.js';

describe('main in OAuth mode', () => {
  it('exits 2 with one message naming the variables when a bot token and a client id are both set', async () => {
    const bot = spawnBot({ env: { ...oauthEnv(), SLACK_BOT_TOKEN: 'xoxb-1-abc', DATABASE_URL: ':memory:' } });
    expect(await bot.exited).toBe(2);
    const message = bot.stderr();
    expect(message).toContain('unset SLACK_BOT_TOKEN');
    expect(message).toContain('SLACK_CLIENT_ID');
    expect(message.trim().split('\n')).toHaveLength(2); // the headline and the one problem
  }, 30_000);

  it('exits 2 when the client id comes without its secrets or the encryption key', async () => {
    const bot = spawnBot({ env: { SLACK_CLIENT_ID: '1111.2222', DATABASE_URL: ':memory:' } });
    expect(await bot.exited).toBe(2);
    for (const name of ['SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_SIGNING_SECRET', 'TOKEN_ENCRYPTION_KEY']) {
      expect(bot.stderr()).toContain(name);
    }
  }, 30_000);
});
