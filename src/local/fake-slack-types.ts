/**
 * What the stand-in Slack records and shows: calls, posts, views, files, conversations and the messages a person
 * sees. Shared by the fake (fake-slack.ts), the local workspace and the tests.
 */

export type ApiCall = { method: string; args: Record<string, unknown>; token: string | undefined; at: number };
export type ResponseUrlPost = { id: string; body: Record<string, unknown>; at: number };

export type Fault =
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'http'; status: number }
  | { kind: 'slack_error'; error: string }
  | { kind: 'hang' }
  | { kind: 'drop' }
  /** Does the call (a post is stored) and then fails as `fails` says: Slack's "maybe posted". */
  | { kind: 'after_effect'; fails: { kind: 'http'; status: number } | { kind: 'hang' } | { kind: 'drop' } };

export type FakeUser = {
  id: string;
  name: string;
  real_name?: string;
  tz?: string;
  /** Slack's locale tag (`zh-CN`); sent only when a call asks with `include_locale`, as Slack does. */
  locale?: string;
  deleted?: boolean;
  is_bot?: boolean;
  /** The workspace the person is in; without it, they are in every workspace (single-workspace tests). */
  team?: string;
};

export type PostedMessage = {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  /** For chat.postEphemeral: who may see it. */
  user?: string;
  ephemeral: boolean;
  thread_ts?: string;
};

/**
 * A modal the app opened (views.open): the view as sent, the trigger it answered, and, when the trigger came from
 * the local workspace, who it is open for (until the page submits or cancels it: `closed`).
 */
export type OpenedView = {
  id: string;
  triggerId: string;
  view: Record<string, unknown>;
  user?: string;
  closed?: boolean;
};

/** A person's Home tab as the app last published it (views.publish). */
export type PublishedHome = { id: string; view: Record<string, unknown>; at: number };

export type UploadedFile = { id: string; filename: string; title?: string; content: Buffer; channel?: string };

/** A conversation the stand-in knows: a channel everyone is in, or one person's DM with the bot. */
export type FakeConversation = { id: string; name: string; kind: 'channel' } | { id: string; kind: 'im'; user: string };

/**
 * A message as a person would see it in the Slack client: Web API posts, slash-command acks, response_url posts
 * and what people type. The local workspace page renders these; `messages` keeps its original shape for tests.
 */
export type FeedMessage = {
  /** Stable id for the page (buttons and replacements refer to it). */
  id: string;
  channel: string;
  ts: string;
  /** Who posted it: the bot's user id, a person's id, or USLACKBOT for Slack's own notices. */
  author: string;
  text?: string;
  blocks?: unknown[];
  /** Ephemeral: only this person sees it ("Only visible to you"). */
  visibleTo?: string;
  /** The slash command whose answer this is, shown like Slack does above an in-channel answer. */
  command?: { user: string; text: string };
  via: 'api' | 'ack' | 'response_url' | 'person' | 'slack';
  edited?: boolean;
  /** Files shared with the message (files.completeUploadExternal with a channel), as the client lists them. */
  files?: SharedFile[];
};

/** A shared file as the page shows it: name, size in bytes, and its title. */
export type SharedFile = { id: string; name: string; title: string; size: number };

/** Where a command's ack or response_url post lands: who ran it, where, and the message a button was on. */
export type ReplyContext = { channel: string; user: string; command?: string; messageId?: string };

/** Slack's own user id for its notices ("/foo is not a valid command"). */
export const SLACKBOT = 'USLACKBOT';
