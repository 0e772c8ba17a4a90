import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { signedHeaders } from '../slack/protocol.js';
import type { FakeSlack } from './fake-slack.js';

/**
 * The stand-in Slack's OAuth side: a consent screen, oauth.v2.access (code and refresh grants, token
 * rotation), tokens per workspace that die on uninstall or rotation, and signed app_uninstalled /
 * tokens_revoked events sent to the app. Used by the end-to-end tests and the local workspace.
 */

export type FakeWorkspace = {
  teamId: string;
  name: string;
  /** Set for an Enterprise Grid org; with `orgWide` the install covers the whole org. */
  enterprise?: { id: string; name: string };
  orgWide?: boolean;
  botUserId: string;
  botId: string;
};

type IssuedToken = { workspace: FakeWorkspace; expiresAt: number | undefined };

export type FakeOAuthOptions = {
  clientId: string;
  clientSecret: string;
  /** Token rotation on: access tokens expire after this many seconds, with a one-time refresh token. */
  expiresInSeconds?: number;
  /** Lifetime of tokens from a refresh grant (default: expiresInSeconds). */
  refreshedExpiresInSeconds?: number;
  appId?: string;
};

const random = (prefix: string) => `${prefix}${randomBytes(9).toString('base64url')}`;
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export class FakeOAuth {
  readonly workspaces = new Map<string, FakeWorkspace>();
  /** Every access token ever issued (revoked ones are removed). */
  readonly tokens = new Map<string, IssuedToken>();
  /** Live refresh tokens; one is spent by each refresh. */
  readonly refreshTokens = new Map<string, FakeWorkspace>();
  /** Where Slack sends the browser after consent (the app's registered redirect URL). */
  redirectUrl = '';
  /** Injected clock in seconds (token expiry). */
  nowSeconds: () => number = () => Math.floor(Date.now() / 1000);
  /** Refresh grants answered so far, and how many were refused (a spent or unknown refresh token). */
  refreshes = { answered: 0, refused: 0 };
  private readonly codes = new Map<string, FakeWorkspace>();
  private gate: Promise<void> | undefined;

  constructor(
    fake: FakeSlack,
    private readonly options: FakeOAuthOptions,
  ) {
    fake.checkTokens((token) => {
      const issued = this.tokens.get(token);
      return issued !== undefined && (issued.expiresAt === undefined || issued.expiresAt > this.nowSeconds());
    });
    fake.teamsByToken((token) => this.tokens.get(token)?.workspace.teamId);
    fake.answerWithoutToken('oauth.v2.access', async (args) => {
      if (args.grant_type === 'refresh_token') await this.gate;
      return this.access(args);
    });
    fake.answer('auth.test', (_args, call) => {
      const workspace = call.token ? this.tokens.get(call.token)?.workspace : undefined;
      if (!workspace) return { ok: false, error: 'invalid_auth' };
      return {
        url: `https://${workspace.teamId.toLowerCase()}.slack.com/`,
        team: workspace.name,
        team_id: workspace.teamId,
        user_id: workspace.botUserId,
        bot_id: workspace.botId,
        ...(workspace.enterprise ? { enterprise_id: workspace.enterprise.id } : {}),
        is_enterprise_install: workspace.orgWide === true,
      };
    });
    fake.page('oauth', (req, res, url) => this.consent(req, res, url));
  }

  addWorkspace(workspace: Omit<FakeWorkspace, 'botUserId' | 'botId'> & Partial<FakeWorkspace>): FakeWorkspace {
    const full = { botUserId: `U${workspace.teamId}BOT`, botId: `B${workspace.teamId}`, ...workspace };
    this.workspaces.set(full.teamId, full);
    return full;
  }

  /** What the person's browser does on the consent screen: Allow for `teamId`. Returns the redirect URL. */
  approve(authorizeUrl: string, teamId: string): string {
    const url = new URL(authorizeUrl);
    const workspace = this.workspaces.get(teamId);
    if (!workspace) throw new Error(`fake OAuth: no workspace ${teamId}`);
    if (url.searchParams.get('client_id') !== this.options.clientId) throw new Error('fake OAuth: wrong client_id');
    const code = random('code-');
    this.codes.set(code, workspace);
    return this.redirect({ code, state: url.searchParams.get('state') ?? '' });
  }

  /** Cancel on the consent screen. */
  cancel(authorizeUrl: string): string {
    return this.redirect({ error: 'access_denied', state: new URL(authorizeUrl).searchParams.get('state') ?? '' });
  }

  /** Refresh grants wait until the returned function is called (to hold a refresh in flight). */
  holdRefreshes(): () => void {
    let release = () => {};
    this.gate = new Promise((resolve) => {
      release = () => {
        this.gate = undefined;
        resolve();
      };
    });
    return release;
  }

  /** The workspace removes the app: its tokens stop working at once. */
  revoke(teamId: string): void {
    for (const [token, issued] of this.tokens) if (issued.workspace.teamId === teamId) this.tokens.delete(token);
    for (const [token, workspace] of this.refreshTokens)
      if (workspace.teamId === teamId) this.refreshTokens.delete(token);
  }

  /** Sends a signed app_uninstalled or tokens_revoked event to the app, as Slack does after an uninstall. */
  async sendEvent(
    appUrl: string,
    signingSecret: string,
    teamId: string,
    type: 'app_uninstalled' | 'tokens_revoked',
    eventTimeSeconds = this.nowSeconds(),
  ): Promise<Response> {
    const workspace = this.workspaces.get(teamId);
    if (!workspace) throw new Error(`fake OAuth: no workspace ${teamId}`);
    const event =
      type === 'app_uninstalled'
        ? { type, event_ts: `${eventTimeSeconds}.000100` }
        : { type, tokens: { oauth: [], bot: [workspace.botUserId] }, event_ts: `${eventTimeSeconds}.000100` };
    const body = JSON.stringify({
      token: 'verification-token-unused',
      team_id: teamId,
      ...(workspace.enterprise ? { enterprise_id: workspace.enterprise.id } : {}),
      api_app_id: this.options.appId ?? 'A0LIGHTS',
      event,
      type: 'event_callback',
      event_id: random('Ev'),
      event_time: eventTimeSeconds,
      authorizations: [
        {
          enterprise_id: workspace.enterprise?.id ?? null,
          team_id: workspace.orgWide ? null : teamId,
          user_id: workspace.botUserId,
          is_bot: true,
          is_enterprise_install: workspace.orgWide === true,
        },
      ],
      is_ext_shared_channel: false,
    });
    const headers = { ...signedHeaders(signingSecret, body), 'content-type': 'application/json' };
    return fetch(`${appUrl}/slack/events`, { method: 'POST', body, headers });
  }

  private redirect(params: Record<string, string>): string {
    if (!this.redirectUrl) throw new Error('fake OAuth: set redirectUrl (the app’s /slack/oauth_redirect) first');
    const url = new URL(this.redirectUrl);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString();
  }

  private issue(workspace: FakeWorkspace, refreshed = false) {
    const accessToken = random(`xoxb-${workspace.teamId}-`);
    const rotation = refreshed
      ? (this.options.refreshedExpiresInSeconds ?? this.options.expiresInSeconds)
      : this.options.expiresInSeconds;
    const expiresAt = rotation === undefined ? undefined : this.nowSeconds() + rotation;
    this.tokens.set(accessToken, { workspace, expiresAt });
    if (rotation === undefined) return { access_token: accessToken };
    const refreshToken = random('xoxe-1-');
    this.refreshTokens.set(refreshToken, workspace);
    return { access_token: accessToken, refresh_token: refreshToken, expires_in: rotation };
  }

  private access(args: Record<string, unknown>): Record<string, unknown> {
    if (args.client_id !== this.options.clientId) return { ok: false, error: 'invalid_client_id' };
    if (args.client_secret !== this.options.clientSecret) return { ok: false, error: 'bad_client_secret' };
    if (args.grant_type === 'refresh_token') {
      const workspace = this.refreshTokens.get(String(args.refresh_token));
      if (!workspace) {
        this.refreshes.refused++;
        return { ok: false, error: 'invalid_refresh_token' };
      }
      this.refreshTokens.delete(String(args.refresh_token)); // one-time, as Slack's are
      this.refreshes.answered++;
      return { token_type: 'bot', team: { id: workspace.teamId }, ...this.issue(workspace, true) };
    }
    const workspace = this.codes.get(String(args.code));
    if (!workspace) return { ok: false, error: 'invalid_code' };
    this.codes.delete(String(args.code));
    const orgWide = workspace.orgWide === true;
    return {
      app_id: this.options.appId ?? 'A0LIGHTS',
      authed_user: { id: 'UINSTALLER' },
      scope: 'commands,chat:write,users:read,im:write,files:write',
      token_type: 'bot',
      bot_user_id: workspace.botUserId,
      team: orgWide ? null : { id: workspace.teamId, name: workspace.name },
      enterprise: workspace.enterprise ?? null,
      is_enterprise_install: orgWide,
      ...this.issue(workspace),
    };
  }

  /** The consent screen a person sees: one Allow button per workspace, and Cancel. */
  private consent(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const authorizeUrl = `http://127.0.0.1${url.pathname}${url.search}`;
    if (url.pathname === '/oauth/v2/choose') {
      const target = url.searchParams.get('team');
      const original = url.searchParams.get('authorize') ?? '';
      const location = target ? this.approve(original, target) : this.cancel(original);
      res.writeHead(302, { location }).end();
      return;
    }
    if (req.method !== 'GET' || url.pathname !== '/oauth/v2/authorize') {
      res.writeHead(404).end();
      return;
    }
    const choose = (team?: string) =>
      escapeHtml(
        `/oauth/v2/choose?${new URLSearchParams({ authorize: authorizeUrl, ...(team ? { team } : {}) }).toString()}`,
      );
    const buttons = [...this.workspaces.values()]
      .map(
        (w) =>
          `<li><a class="allow" data-team="${escapeHtml(w.teamId)}" href="${choose(w.teamId)}">Allow in ${escapeHtml(w.name)}</a></li>`,
      )
      .join('');
    const scopes = escapeHtml(url.searchParams.get('scope') ?? '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html><head>
<meta charset="utf-8"><title>Allow Lights Out</title><link rel="icon" href="data:,"></head><body><h1>Lights Out is requesting permission</h1>
<p>Scopes: <code>${scopes}</code></p><ul>${buttons}</ul><p><a id="cancel" href="${choose()}">Cancel</a></p></body></html>`);
  }
}
