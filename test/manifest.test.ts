import { readFileSync } from 'node:fs';
import { App } from '@slack/bolt';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../src/config.js';
import type { AppDeps } from '../src/deps.js';
import { features } from '../src/features/index.js';
import { projectPath } from '../src/paths.js';
import { registeredCommands as commandsOf } from '../src/slack/listen.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { testCorpus } from './helpers/corpus.js';
import { captureLogs } from './helpers/logs.js';

type Manifest = {
  display_information: { name: string; description?: string };
  features: { slash_commands: Array<{ command: string; description?: string; usage_hint?: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { socket_mode_enabled?: boolean; interactivity?: { is_enabled?: boolean } };
};

const manifest = parse(readFileSync(projectPath('manifest.yml'), 'utf8')) as Manifest;

/** The slash commands the features register on a real App. */
function registeredCommands(): string[] {
  const app = new App({ token: 'xoxb-x', signingSecret: 's', botId: 'B', botUserId: 'U', deferInitialization: true });

  const store = new SqliteStore(':memory:');
  const deps: AppDeps = {
    config: loadConfig({ SLACK_BOT_TOKEN: 'xoxb-x', SLACK_SIGNING_SECRET: 's' }),
    corpus: testCorpus(),
    store,
    logger: captureLogs('silent').logger,
    now: () => new Date(),
    random: Math.random,
  };
  for (const feature of features) feature(app, deps);
  void store.close();
  return commandsOf(app);
}

describe('manifest.yml', () => {
  it('declares exactly the slash commands the app registers', () => {
    const declared = manifest.features.slash_commands.map((command) => command.command).sort();
    expect(declared).toEqual(['/fact', '/hours', '/nudge', '/quote']);
    expect(registeredCommands()).toEqual(declared);
  });

  it("is valid against Slack's manifest schema (no unknown keys, Slack's length limits)", () => {
    const schema = JSON.parse(readFileSync(projectPath('test', 'fixtures', 'slack-manifest.schema.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('keeps the limits Slack enforces on names, commands and hints', () => {
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    for (const command of manifest.features.slash_commands) {
      expect(command.command).toMatch(/^\/[a-z0-9_-]{1,31}$/);
      expect(command.description?.length).toBeGreaterThan(0);
      expect(command.usage_hint?.length ?? 0).toBeLessThanOrEqual(1000);
    }
  });

  it('asks for the scopes the features use, with interactivity and Socket Mode on', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'users:read', 'im:write', 'files:write']),
    );
    expect(manifest.settings.interactivity?.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
