import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const key = randomBytes(32).toString('base64');
const oauthEnv = {
  SLACK_CLIENT_ID: '123.456',
  SLACK_CLIENT_SECRET: 'client-secret',
  SLACK_STATE_SECRET: 'state-secret',
  SLACK_SIGNING_SECRET: 'signing-secret',
  TOKEN_ENCRYPTION_KEY: key,
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('config: OAuth mode', () => {
  it('selects OAuth with client id, secrets and key and no bot token', () => {
    const config = loadConfig(oauthEnv);
    expect(config.mode).toBe('oauth');
    expect(config.oauth).toMatchObject({
      clientId: '123.456',
      clientSecret: 'client-secret',
      stateSecret: 'state-secret',
    });
    expect(config.oauth?.encryptionKey.length).toBe(32);
    expect(config.slack.signingSecret).toBe('signing-secret');
    expect(config.slack.botToken).toBe('');
  });

  it('keeps the single-workspace and local modes as they were', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).mode).toBe('http');
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).mode).toBe('socket');
    expect(loadConfig({}).mode).toBe('local');
    expect(loadConfig(oauthEnv, { forceLocal: true }).mode).toBe('local');
    // The key alone selects nothing: it is only read in OAuth mode.
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', TOKEN_ENCRYPTION_KEY: key }).mode).toBe(
      'http',
    );
  });

  it('refuses a client id without its secret in one message naming the variables', () => {
    const problems = problemsOf({ SLACK_CLIENT_ID: '123.456' });
    expect(problems).toHaveLength(1);
    for (const name of ['SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_SIGNING_SECRET', 'TOKEN_ENCRYPTION_KEY']) {
      expect(problems[0]).toContain(name);
    }
  });

  it('refuses a bot token together with a client id', () => {
    const problems = problemsOf({ ...oauthEnv, SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('unset SLACK_BOT_TOKEN');
    expect(problems[0]).toContain('SLACK_CLIENT_ID');
    expect(problems[0]).not.toContain('missing');
  });

  it('requires TOKEN_ENCRYPTION_KEY to be 32 bytes of base64', () => {
    const { TOKEN_ENCRYPTION_KEY: _key, ...withoutKey } = oauthEnv;
    expect(problemsOf(withoutKey)[0]).toMatch(/missing: TOKEN_ENCRYPTION_KEY/);
    const short = problemsOf({ ...oauthEnv, TOKEN_ENCRYPTION_KEY: randomBytes(16).toString('base64') });
    expect(short.join('\n')).toContain('TOKEN_ENCRYPTION_KEY must be 32 bytes in base64');
  });
});
