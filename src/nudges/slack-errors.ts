/**
 * What a failed Web API call means for a nudge. The background WebClient does not retry and rejects rate-limited
 * calls, so every failure arrives here once, and the sender decides:
 * - rate_limited: Slack refused (429) and said when to come back; nothing was posted.
 * - refused: Slack (or the network, before anything was sent) refused; nothing was posted; retry later.
 * - uncertain: the post may have reached Slack (any 5xx, timeout, dropped connection, Slack's internal_error).
 * - gone: the target cannot receive messages any more (bot removed from the channel, person deactivated).
 * - token: the bot token itself is refused; nothing will work until someone fixes it.
 * - fatal: a permanent problem with this one message (e.g. invalid_blocks); retrying cannot help.
 */
export type SlackFailure =
  | { type: 'rate_limited'; retryAfterMs: number; error: string }
  | { type: 'refused'; error: string }
  | { type: 'uncertain'; error: string }
  | { type: 'gone'; error: string }
  | { type: 'token'; error: string }
  | { type: 'fatal'; error: string };

/** Errors that mean the channel is closed to the bot. */
export const CHANNEL_GONE = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);
/** Errors that mean the person cannot get a DM any more. `account_inactive` is checked with users.info first. */
export const PERSON_GONE = new Set(['user_not_found', 'user_disabled', 'account_inactive', 'cannot_dm_bot']);
const TOKEN_REFUSED = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired']);
const SLACK_REFUSED = new Set(['service_unavailable', 'request_timeout', 'team_added_to_org', 'ratelimited']);
const SLACK_UNCERTAIN = new Set(['internal_error', 'fatal_error']);
/** Connection failures that happen before a request is sent. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH']);

type ErrorLike = {
  code?: unknown;
  retryAfter?: unknown;
  statusCode?: unknown;
  data?: { error?: unknown };
  original?: { name?: string; code?: string; cause?: { code?: string } };
  message?: unknown;
};

/**
 * Classifies an error thrown by a WebClient call. `kind` says which target the call was for, so a
 * `channel_not_found` on a person's DM channel is "gone" for that person.
 */
export function classifySlackError(error: unknown, kind: 'channel' | 'person' | 'digest'): SlackFailure {
  const e = (error ?? {}) as ErrorLike;
  switch (e.code) {
    case 'slack_webapi_rate_limited_error': {
      const seconds = Number(e.retryAfter);
      return {
        type: 'rate_limited',
        retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000,
        error: 'ratelimited',
      };
    }
    case 'slack_webapi_platform_error': {
      const slackError = String(e.data?.error ?? 'unknown_error');
      if (kind === 'channel' && CHANNEL_GONE.has(slackError)) return { type: 'gone', error: slackError };
      if (kind !== 'channel' && (PERSON_GONE.has(slackError) || CHANNEL_GONE.has(slackError))) {
        return { type: 'gone', error: slackError };
      }
      if (TOKEN_REFUSED.has(slackError) || slackError === 'account_inactive')
        return { type: 'token', error: slackError };
      if (slackError === 'ratelimited') return { type: 'rate_limited', retryAfterMs: 1000, error: slackError };
      if (SLACK_REFUSED.has(slackError)) return { type: 'refused', error: slackError };
      if (SLACK_UNCERTAIN.has(slackError)) return { type: 'uncertain', error: slackError };
      return { type: 'fatal', error: slackError };
    }
    case 'slack_webapi_http_error': {
      // A 5xx may come after the work was done (Slack's own 500, a gateway's 502/503/504 in front of it): the
      // message may be posted. Any other non-200 status refused the request.
      const status = Number(e.statusCode);
      return { type: status >= 500 ? 'uncertain' : 'refused', error: `http_${String(e.statusCode)}` };
    }
    case 'slack_webapi_request_error': {
      const original = e.original ?? {};
      const code = original.code ?? original.cause?.code ?? '';
      if (NOT_CONNECTED.has(code)) return { type: 'refused', error: `request_${code}` };
      const what = original.name === 'TimeoutError' || original.name === 'AbortError' ? 'timeout' : code || 'failed';
      return { type: 'uncertain', error: `request_${what}` };
    }
    default:
      return { type: 'uncertain', error: `unexpected: ${String(e.message ?? error)}` };
  }
}
