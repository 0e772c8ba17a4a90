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
      database: { kind: 'sqlite', path: './data/lights-out.db', variable: 'DATABASE_URL' },
      logLevel: 'info',
      defaultLocale: 'en',
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
      DEFAULT_LOCALE: 'zh',
    });
    expect(config).toMatchObject({
      mode: 'socket',
      port: 8080,
      database: { kind: 'sqlite', path: '/tmp/x/lights.db' },
      logLevel: 'debug',
      defaultLocale: 'zh',
      slack: { apiUrl: 'http://127.0.0.1:9999/api/', appToken: 'xapp-1-A1-1-abc' },
      nudge: { channel: 'C0123ABC', schedule: '*/5 * * * * *', timezone: 'Asia/Shanghai' },
    });
  });

  it('refuses a DEFAULT_LOCALE it cannot speak, naming the two it can', () => {
    expect(() => loadConfig({ ...slack, DEFAULT_LOCALE: 'fr' })).toThrow(/DEFAULT_LOCALE .*"en".*"zh"/);
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

  it('refuses a port out of range in the same words as every other variable', () => {
    for (const port of ['70000', '0', 'eighty', '80.5', '-1']) {
      expect(problemsOf({ ...slack, PORT: port })).toEqual([
        `PORT must be a port number, 1–65535 (got "${port}"): e.g. 3000`,
      ]);
    }
    expect(loadConfig({ ...slack, PORT: '65535' }).port).toBe(65535);
  });

  it('reads postgres URLs as Postgres and paths as SQLite, and refuses any other scheme', () => {
    const database = (url: string) => loadConfig({ ...slack, DATABASE_URL: url }).database;
    expect(database('postgres://u@db:5432/lights')).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db:5432/lights',
      variable: 'DATABASE_URL',
    });
    expect(database('postgresql://db/lights')).toMatchObject({ kind: 'postgres', url: 'postgresql://db/lights' });
    expect(database('sqlite:./x.db')).toMatchObject({ kind: 'sqlite', path: './x.db' });
    expect(database('file:/var/lib/x.db')).toMatchObject({ kind: 'sqlite', path: '/var/lib/x.db' });
    expect(database('C:\\data\\x.db')).toMatchObject({ kind: 'sqlite', path: 'C:\\data\\x.db' });
    for (const url of ['mysql://root@db/lights', 'mysql:lights', 'https://example.com/x.db', 'redis://x']) {
      const [problem, ...rest] = problemsOf({ ...slack, DATABASE_URL: url });
      expect(rest).toEqual([]);
      expect(problem).toMatch(/^DATABASE_URL has the scheme \w+:, which Lights Out does not support/);
      expect(problem).toContain(`(got "${url}")`);
    }
  });

  it('gives the local workspace its own store, never DATABASE_URL', () => {
    const production = { DATABASE_URL: '/srv/lights-out/prod.db' };
    expect(loadConfig(production).database).toEqual({
      kind: 'sqlite',
      path: './data/local.db',
      variable: 'LOCAL_DATABASE_URL',
    });
    expect(loadConfig({ ...production, LOCAL_DATABASE_URL: '/tmp/mine.db' }).database).toMatchObject({
      path: '/tmp/mine.db',
    });
    expect(loadConfig({ ...slack, ...production }, { forceLocal: true }).database.variable).toBe('LOCAL_DATABASE_URL');
    expect(loadConfig({ ...slack, ...production }).database).toMatchObject({ path: '/srv/lights-out/prod.db' });
  });

  it('signs local requests with a fresh random secret each start, never a constant or the real one', () => {
    const first = loadConfig({}).slack.signingSecret;
    const second = loadConfig({}).slack.signingSecret;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(second).not.toBe(first);
    expect(loadConfig(slack, { forceLocal: true }).slack.signingSecret).not.toBe(slack.SLACK_SIGNING_SECRET);
  });

  it('does not start the local workspace on half a Slack set-up: it says SLACK_BOT_TOKEN is missing', () => {
    expect(problemsOf({ SLACK_APP_TOKEN: 'xapp-1-A1-1-abc' })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN is missing \(SLACK_APP_TOKEN is set; .*\): Slack app settings → OAuth/),
    ]);
    expect(problemsOf({ SLACK_SIGNING_SECRET: 'secret-secret' })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN is missing \(SLACK_SIGNING_SECRET is set;/),
    ]);
    expect(loadConfig({ SLACK_APP_TOKEN: 'xapp-1-A1-1-abc' }, { forceLocal: true }).mode).toBe('local');
  });
});
