import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const slack = { SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: 'secret-secret' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(slack);
    expect(config).toMatchObject({
      mode: 'http',
      port: 3000,
      databaseUrl: './data/lights-out.db',
      logLevel: 'info',
      slack: { apiUrl: 'https://slack.com/api/', botToken: 'xoxb-1-abc', signingSecret: 'secret-secret' },
      nudge: { schedule: '0 22 * * *', timezone: 'America/Los_Angeles', graceMinutes: 120 },
    });
    expect(config.nudge.channel).toBeUndefined();
    expect(config.slack.appToken).toBeUndefined();
  });

  it('reads every variable of the contract', () => {
    const config = loadConfig({
      ...slack,
      SLACK_APP_TOKEN: 'xapp-1-A1-1-abc',
      PORT: '8080',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      DATABASE_URL: '/tmp/x/lights.db',
      NUDGE_CHANNEL: 'C0123ABC',
      NUDGE_SCHEDULE: '*/5 * * * * *',
      NUDGE_TZ: 'Asia/Shanghai',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      mode: 'socket',
      port: 8080,
      databaseUrl: '/tmp/x/lights.db',
      logLevel: 'debug',
      slack: { apiUrl: 'http://127.0.0.1:9999/api/', appToken: 'xapp-1-A1-1-abc' },
      nudge: { channel: 'C0123ABC', schedule: '*/5 * * * * *', timezone: 'Asia/Shanghai' },
    });
  });

  it('runs the local workspace when no bot token is set, or when forced', () => {
    expect(loadConfig({}).mode).toBe('local');
    expect(loadConfig({ SLACK_BOT_TOKEN: '  ' }).mode).toBe('local');
    expect(loadConfig(slack, { forceLocal: true }).mode).toBe('local');
  });

  it('reports every problem at once, each with where to get the value', () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: 'xoxb-1',
      PORT: 'eighty',
      NUDGE_SCHEDULE: '61 25 * * *',
      NUDGE_TZ: 'Mars/Olympus',
      NUDGE_CHANNEL: '#late-night',
      LOG_LEVEL: 'loud',
      SLACK_API_URL: 'not a url',
    });
    const joined = problems.join('\n');
    expect(problems).toHaveLength(7);
    expect(joined).toContain('PORT');
    expect(joined).toContain('NUDGE_SCHEDULE');
    expect(joined).toContain('NUDGE_TZ is not a known IANA time zone');
    expect(joined).toContain('NUDGE_CHANNEL');
    expect(joined).toContain('LOG_LEVEL');
    expect(joined).toContain('SLACK_API_URL');
    expect(joined).toContain(
      'SLACK_SIGNING_SECRET is missing: Slack app settings → Basic Information → App Credentials',
    );
  });

  it('never echoes a secret value in a problem', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: 'not-a-token-hunter2', SLACK_SIGNING_SECRET: 'x' });
    expect(problems.join('\n')).toContain('SLACK_BOT_TOKEN must be a Slack bot token');
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('accepts Socket Mode without a signing secret, which Socket Mode does not use', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-x' }).mode).toBe('socket');
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-wrong' }).join()).toContain(
      'SLACK_APP_TOKEN must start with xapp-',
    );
  });

  it('accepts 5- and 6-field cron expressions and refuses others', () => {
    expect(loadConfig({ ...slack, NUDGE_SCHEDULE: '30 21 * * 1-5' }).nudge.schedule).toBe('30 21 * * 1-5');
    expect(loadConfig({ ...slack, NUDGE_SCHEDULE: '*/2 * * * * *' }).nudge.schedule).toBe('*/2 * * * * *');
    expect(problemsOf({ ...slack, NUDGE_SCHEDULE: '0 22 * *' })[0]).toContain('NUDGE_SCHEDULE');
  });

  it('refuses a port out of range', () => {
    expect(problemsOf({ ...slack, PORT: '70000' })[0]).toContain('PORT');
  });
});
