import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { manifestBotScopes } from '../../src/oauth/scopes.js';
import { projectPath } from '../../src/paths.js';

type Manifest = {
  features: { slash_commands: Array<{ command: string; url?: string }>; app_home?: { home_tab_enabled?: boolean } };
  oauth_config: { redirect_urls?: string[]; scopes: { bot: string[] } };
  settings: {
    socket_mode_enabled?: boolean;
    token_rotation_enabled?: boolean;
    interactivity?: { is_enabled?: boolean; request_url?: string };
    event_subscriptions?: { request_url?: string; bot_events?: string[] };
  };
};

const read = (name: string) => parse(readFileSync(projectPath(name), 'utf8')) as Manifest;
const http = read('manifest.http.yml');
const socket = read('manifest.yml');

describe('manifest.http.yml (distribution over HTTP)', () => {
  it("is valid against Slack's manifest schema", () => {
    const schema = JSON.parse(readFileSync(projectPath('test', 'fixtures', 'slack-manifest.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const valid = validate(http);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('declares the same commands and scopes as manifest.yml, the scopes the installer asks for', () => {
    expect(http.features.slash_commands.map((c) => c.command)).toEqual(
      socket.features.slash_commands.map((c) => c.command),
    );
    expect(http.oauth_config.scopes.bot).toEqual(socket.oauth_config.scopes.bot);
    expect(manifestBotScopes()).toEqual(socket.oauth_config.scopes.bot);
  });

  it('sends everything to /slack/events over HTTP, redirects to /slack/oauth_redirect, rotates tokens', () => {
    expect(http.settings.socket_mode_enabled).toBe(false);
    for (const command of http.features.slash_commands) expect(command.url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    expect(http.settings.interactivity?.request_url).toMatch(/\/slack\/events$/);
    expect(http.settings.event_subscriptions?.request_url).toMatch(/\/slack\/events$/);
    expect(http.settings.event_subscriptions?.bot_events).toEqual([
      'app_home_opened',
      'app_uninstalled',
      'tokens_revoked',
    ]);
    expect(http.oauth_config.redirect_urls).toEqual(['https://lights-out.example.com/slack/oauth_redirect']);
    expect(http.settings.token_rotation_enabled).toBe(true);
    expect(http.features.app_home?.home_tab_enabled).toBe(true);
  });
});
