import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Slack's request signing (v0): the same code signs requests in the local workspace and in tests, and verifies
 * every request to the app (src/server.ts; Bolt's own check is off) and to the bare benchmark server.
 */
export function signature(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function signedHeaders(
  signingSecret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signature(signingSecret, timestamp, body),
  };
}

export function verifySignature(
  signingSecret: string,
  headers: { timestamp?: string; signature?: string },
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(timestamp)) return false;
  if (Math.abs(nowSeconds - timestamp) > 300) return false;
  const expected = Buffer.from(signature(signingSecret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export type SlashCommandInput = {
  command: string;
  text?: string;
  teamId?: string;
  userId?: string;
  userName?: string;
  channelId?: string;
  channelName?: string;
  responseUrl?: string;
  triggerId?: string;
};

/** The form body Slack POSTs for a slash command. */
export function slashCommandBody(input: SlashCommandInput): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: input.teamId ?? 'T0LIGHTS',
    team_domain: 'lights-out',
    channel_id: input.channelId ?? 'C0LATE',
    channel_name: input.channelName ?? 'late-night',
    user_id: input.userId ?? 'U0ADA',
    user_name: input.userName ?? 'ada',
    command: input.command,
    text: input.text ?? '',
    api_app_id: 'A0LIGHTS',
    is_enterprise_install: 'false',
    response_url: input.responseUrl ?? 'https://hooks.slack.com/commands/T0LIGHTS/1/none',
    trigger_id: input.triggerId ?? `${Date.now()}.trigger`,
  }).toString();
}

export type BlockActionInput = {
  actionId: string;
  value?: string;
  blockId?: string;
  teamId?: string;
  userId?: string;
  channelId?: string;
  responseUrl?: string;
  messageTs?: string;
  /**
   * A press on a view (the Home tab) instead of a message: no channel and no response_url, as Slack sends it;
   * `responseUrl` then only names the trigger (see `triggerFor`).
   */
  view?: { id: string; type: 'home' | 'modal' };
};

/**
 * A trigger id naming the press's response_url (its last path segment): opaque to the app, as Slack's are, and
 * enough for the stand-in to tell who pressed when the app opens a modal with it (see FakeSlack's views.open).
 */
export function triggerFor(responseUrl: string): string {
  const tail = responseUrl.split('/').pop() ?? '';
  return `${Date.now()}.${/^[A-Za-z0-9]+$/.test(tail) ? tail : 'x'}.trigger`;
}

/** The reply id a trigger from `triggerFor` names. */
export function triggerReplyId(triggerId: string): string | undefined {
  return /^\d+\.([A-Za-z0-9]+)\.trigger$/.exec(triggerId)?.[1];
}

/** The form body Slack POSTs when someone presses a button: `payload=<json>`. */
export function blockActionsBody(input: BlockActionInput): string {
  const responseUrl = input.responseUrl ?? 'https://hooks.slack.com/actions/T0LIGHTS/1/none';
  const payload = {
    type: 'block_actions',
    api_app_id: 'A0LIGHTS',
    token: 'deprecated-verification-token',
    trigger_id: triggerFor(responseUrl),
    team: { id: input.teamId ?? 'T0LIGHTS', domain: 'lights-out' },
    user: { id: input.userId ?? 'U0ADA', username: 'ada', name: 'ada', team_id: input.teamId ?? 'T0LIGHTS' },
    ...(input.view
      ? { container: { type: 'view', view_id: input.view.id }, view: { id: input.view.id, type: input.view.type } }
      : {
          channel: { id: input.channelId ?? 'C0LATE', name: 'late-night' },
          container: { type: 'message', message_ts: input.messageTs ?? '1.000001', is_ephemeral: true },
          response_url: responseUrl,
        }),
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: input.blockId ?? 'actions',
        value: input.value ?? '',
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A field's state as Slack sends it (`{ type: 'datepicker', selected_date }`, `{ selected_option }`, …). */
export type ViewStateValue = { type: string } & Record<string, unknown>;

export type ViewSubmissionInput = {
  callbackId: string;
  privateMetadata?: string;
  /**
   * Input values by block id, then action id: a string is what a person typed into a plain_text_input, an
   * object is another element's state as Slack sends it.
   */
  values: Record<string, Record<string, string | ViewStateValue>>;
  viewId?: string;
  teamId?: string;
  userId?: string;
};

/** The form body Slack POSTs when someone submits a modal: `payload=<json>` with the fields' state. */
export function viewSubmissionBody(input: ViewSubmissionInput): string {
  const teamId = input.teamId ?? 'T0LIGHTS';
  const values = Object.fromEntries(
    Object.entries(input.values).map(([blockId, actions]) => [
      blockId,
      Object.fromEntries(
        Object.entries(actions).map(([actionId, value]) => [
          actionId,
          typeof value === 'string' ? { type: 'plain_text_input', value } : value,
        ]),
      ),
    ]),
  );
  const payload = {
    type: 'view_submission',
    api_app_id: 'A0LIGHTS',
    token: 'deprecated-verification-token',
    trigger_id: `${Date.now()}.trigger`,
    team: { id: teamId, domain: 'lights-out' },
    user: { id: input.userId ?? 'U0ADA', username: 'ada', name: 'ada', team_id: teamId },
    is_enterprise_install: false,
    enterprise: null,
    view: {
      id: input.viewId ?? 'V0EDIT',
      team_id: teamId,
      type: 'modal',
      callback_id: input.callbackId,
      private_metadata: input.privateMetadata ?? '',
      state: { values },
      hash: `${Date.now()}.hash`,
      app_id: 'A0LIGHTS',
      bot_id: 'B0LIGHTS',
      blocks: [],
    },
    response_urls: [],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export type AppHomeOpenedInput = { userId?: string; teamId?: string; tab?: 'home' | 'messages'; eventId?: string };

/** The JSON body of the Events API's `app_home_opened` (sent when someone opens the app's Home or Messages tab). */
export function appHomeOpenedBody(input: AppHomeOpenedInput = {}): string {
  const now = Date.now();
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: input.teamId ?? 'T0LIGHTS',
    api_app_id: 'A0LIGHTS',
    type: 'event_callback',
    event_id: input.eventId ?? `Ev${now.toString(36)}${Math.random().toString(36).slice(2, 8)}`,
    event_time: Math.floor(now / 1000),
    event: {
      type: 'app_home_opened',
      user: input.userId ?? 'U0ADA',
      channel: `D${(input.userId ?? 'U0ADA').replace(/^U/, '')}`,
      tab: input.tab ?? 'home',
      event_ts: `${now / 1000}`,
    },
  });
}
