import { request } from 'node:http';
import type { SlashCommand } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import type { Feature } from '../../src/features/index.js';
import type { FeedMessage } from '../../src/local/fake-slack.js';
import { DEMO_CHANNEL, findButton, localUrlLine } from '../../src/local/workspace.js';
import { onButton, onCommand } from '../../src/slack/listen.js';
import { eventually } from '../helpers/eventually.js';
import { buildLocal } from '../helpers/local.js';

const ADA = 'U0ADA';
const BEN = 'U0BEN';
const CHEN = 'U0CHEN';
const CHANNEL = DEMO_CHANNEL.id;

type Pressed = { actionId: string; value: string | undefined; userId: string; channelId: string | undefined };

/** A stand-in feature on /hours that answers in each of the ways real features do. */
function probe(seen: SlashCommand[], pressed: Pressed[] = []): Feature {
  return (app, { logger }) => {
    onCommand(app, logger, '/hours', async ({ command, respond, client }, ack) => {
      seen.push(command);
      switch (command.text) {
        case 'private':
          await ack({ response_type: 'ephemeral', text: '*Logged 14 h* for today' });
          return;
        case 'public':
          await ack({ response_type: 'in_channel', text: 'for everyone' });
          return;
        case 'later':
          await ack();
          await respond({ response_type: 'in_channel', text: 'answered through response_url' });
          return;
        case 'later private':
          await ack();
          await respond({ response_type: 'ephemeral', text: 'private, through response_url' });
          return;
        case 'api': {
          await ack();
          const info = await client.users.info({ user: command.user_id });
          await client.chat.postMessage({ channel: command.channel_id, text: `zone ${info.user?.tz}` });
          return;
        }
        case 'dm': {
          await ack();
          const opened = await client.conversations.open({ users: command.user_id });
          await client.chat.postMessage({ channel: opened.channel?.id as string, text: 'a personal note' });
          return;
        }
        case 'button':
          await ack({
            response_type: 'ephemeral',
            text: 'Pick one',
            blocks: [
              { type: 'section', text: { type: 'mrkdwn', text: 'Pick one' } },
              {
                type: 'actions',
                block_id: 'probe_actions',
                elements: [
                  { type: 'button', action_id: 'probe_press', value: 'v1', text: { type: 'plain_text', text: 'Go' } },
                  { type: 'button', action_id: 'probe_delete', text: { type: 'plain_text', text: 'Remove' } },
                ],
              },
            ],
          });
          return;
        case 'slow':
          await new Promise((resolve) => setTimeout(resolve, 600));
          await ack({ response_type: 'ephemeral', text: 'too late' });
          return;
        default:
          await ack({ response_type: 'ephemeral', text: `probe: ${command.text}` });
      }
    });
    onButton(app, logger, 'probe_press', async ({ body, action, respond }, ack) => {
      await ack();
      pressed.push({
        actionId: action.action_id,
        value: 'value' in action ? action.value : undefined,
        userId: body.user.id,
        channelId: body.channel?.id,
      });
      await respond({ replace_original: true, text: `Pressed by <@${body.user.id}>` });
    });
    onButton(app, logger, 'probe_delete', async ({ respond }, ack) => {
      await ack();
      await respond({ delete_original: true });
    });
  };
}

/** A request with exactly these headers (fetch refuses to set Host). */
function rawStatus(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const texts = (messages: FeedMessage[]) => messages.map((message) => message.text);

describe('the local workspace', () => {
  it('turns a typed command into a signed slash command and shows the private ack only to that person', async () => {
    const seen: SlashCommand[] = [];
    const local = await buildLocal({ features: [probe(seen)] });
    const res = await local.api('/local/api/command', { as: ADA, channel: CHANNEL, text: '/hours private' });
    expect(res).toEqual({ status: 200, body: { ok: true, outcome: 'acked' } });

    // The signature passed the server's check (the listener ran) and Bolt got what Slack would send.
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      command: '/hours',
      text: 'private',
      user_id: ADA,
      user_name: 'ada',
      channel_id: CHANNEL,
      channel_name: 'late-night',
      team_id: local.fake.teamId,
    });
    expect(seen[0]?.response_url.startsWith(local.fake.apiUrl.replace(/api\/$/, 'response/'))).toBe(true);

    const [answer] = local.workspace.state(ADA).messages;
    expect(answer).toMatchObject({ channel: CHANNEL, author: local.fake.botUserId, visibleTo: ADA, via: 'ack' });
    expect(answer?.text).toBe('*Logged 14 h* for today');
    expect(local.workspace.state(BEN).messages).toEqual([]);
    expect(local.workspace.state(CHEN).messages).toEqual([]);
  });

  it('shows an in-channel ack to everyone, with who ran the command', async () => {
    const local = await buildLocal({ features: [probe([])] });
    await local.api('/local/api/command', { as: BEN, channel: CHANNEL, text: '/hours   public  ' });
    for (const viewer of [ADA, BEN, CHEN]) {
      const messages = local.workspace.state(viewer).messages;
      expect(texts(messages)).toEqual(['for everyone']);
      expect(messages[0]?.visibleTo).toBeUndefined();
      expect(messages[0]?.command).toEqual({ user: BEN, text: '/hours public' });
    }
  });

  it('shows response_url posts: in-channel to everyone, ephemeral only to the person who ran the command', async () => {
    const local = await buildLocal({ features: [probe([])] });
    await local.api('/local/api/command', { as: ADA, channel: CHANNEL, text: '/hours later' });
    await local.api('/local/api/command', { as: ADA, channel: CHANNEL, text: '/hours later private' });
    await eventually(() => local.fake.feed.length === 2, 3000, 'both response_url posts');
    expect(texts(local.workspace.state(ADA).messages).sort()).toEqual([
      'answered through response_url',
      'private, through response_url',
    ]);
    expect(texts(local.workspace.state(CHEN).messages)).toEqual(['answered through response_url']);
    expect(local.fake.feed.every((message) => message.via === 'response_url')).toBe(true);
  });

  it('lets the bot use its normal Web API client against the stand-in (users.info knows each zone)', async () => {
    const local = await buildLocal({ features: [probe([])] });
    await local.api('/local/api/command', { as: CHEN, channel: CHANNEL, text: '/hours api' });
    await local.api('/local/api/command', { as: BEN, channel: CHANNEL, text: '/hours api' });
    await eventually(() => local.fake.feed.length === 2, 3000, 'two chat.postMessage calls');
    expect(texts(local.workspace.state(ADA).messages)).toEqual(['zone Asia/Shanghai', 'zone Europe/London']);
    // The token the built-in workspace's installation holds: it was installed through /slack/install at start.
    const installed = await local.lightsOut.installations?.fetch({ teamId: 'T0LIGHTS', isEnterpriseInstall: false });
    expect(installed?.bot?.token).toMatch(/^xoxb-T0LIGHTS-/);
    expect(local.fake.callsTo('chat.postMessage')[0]?.token).toBe(installed?.bot?.token);
  });

  it("keeps each person's DM with the bot to that person", async () => {
    const local = await buildLocal({ features: [probe([])] });
    await local.api('/local/api/command', { as: BEN, channel: CHANNEL, text: '/hours dm' });
    await eventually(() => local.fake.feed.length === 1, 3000, 'the DM');
    const benDm = local.workspace.state(BEN).conversations.find((conversation) => conversation.kind === 'im');
    expect(local.workspace.state(BEN).messages).toMatchObject([{ channel: benDm?.id, text: 'a personal note' }]);
    expect(local.workspace.state(ADA).messages).toEqual([]);
    // A person cannot type into someone else's DM.
    const intrude = await local.api('/local/api/command', { as: ADA, channel: benDm?.id, text: 'hi' });
    expect(intrude.status).toBe(404);
    expect(local.fake.feed).toHaveLength(1);
  });

  it('round-trips buttons as signed block_actions: replace and delete the original', async () => {
    const pressed: Pressed[] = [];
    const local = await buildLocal({ features: [probe([], pressed)] });
    await local.api('/local/api/command', { as: ADA, channel: CHANNEL, text: '/hours button' });
    const [message] = local.workspace.state(ADA).messages;
    expect(message?.blocks).toHaveLength(2);

    // Ben cannot press a button on Ada's private message.
    const sneaky = await local.api('/local/api/action', { as: BEN, message: message?.id, actionId: 'probe_press' });
    expect(sneaky.status).toBe(404);
    const missing = await local.api('/local/api/action', { as: ADA, message: message?.id, actionId: 'nope' });
    expect(missing.status).toBe(404);
    expect(pressed).toEqual([]);

    const res = await local.api('/local/api/action', { as: ADA, message: message?.id, actionId: 'probe_press' });
    expect(res).toEqual({ status: 200, body: { ok: true } });
    expect(pressed).toEqual([{ actionId: 'probe_press', value: 'v1', userId: ADA, channelId: CHANNEL }]);
    const replaced = await eventually(
      () => local.fake.feed.find((candidate) => candidate.text === `Pressed by <@${ADA}>`),
      3000,
      'the replaced message',
    );
    expect(replaced).toMatchObject({ id: message?.id, visibleTo: ADA, edited: true });
    expect(replaced.blocks).toBeUndefined();
    expect(local.fake.feed).toHaveLength(1);

    await local.api('/local/api/command', { as: ADA, channel: CHANNEL, text: '/hours button' });
    const second = local.fake.feed.at(-1);
    await local.api('/local/api/action', { as: ADA, message: second?.id, actionId: 'probe_delete' });
    await eventually(() => !local.fake.feed.includes(second as FeedMessage), 3000, 'the deleted message');
    expect(texts(local.fake.feed)).toEqual([`Pressed by <@${ADA}>`]);
  });

  it('refuses an unknown command like Slack does, privately, without calling the bot', async () => {
    const seen: SlashCommand[] = [];
    const local = await buildLocal({ features: [probe(seen)] });
    const res = await local.api('/local/api/command', { as: ADA, channel: CHANNEL, text: '/hourz log 14' });
    expect(res.body).toEqual({ ok: false, outcome: 'refused' });
    expect(seen).toEqual([]);
    const [notice] = local.workspace.state(ADA).messages;
    expect(notice).toMatchObject({ author: 'USLACKBOT', visibleTo: ADA, via: 'slack' });
    expect(notice?.text).toMatch(
      /^\/hourz is not a valid command\. Lights Out knows \/hours, \/quote, \/fact, \/nudge/,
    );
    expect(local.workspace.state(BEN).messages).toEqual([]);
  });

  it('says operation_timeout when the bot does not ack in time, as Slack does', async () => {
    const local = await buildLocal({ features: [probe([])], ackTimeoutMs: 200 });
    const res = await local.api('/local/api/command', { as: ADA, channel: CHANNEL, text: '/hours slow' });
    expect(res.body).toEqual({ ok: false, outcome: 'failed' });
    expect(texts(local.workspace.state(ADA).messages)).toEqual(['/hours failed with the error "operation_timeout"']);
  });

  it('posts plain messages as the person, escaped so they cannot ping or link', async () => {
    const local = await buildLocal({ features: [] });
    await local.api('/local/api/command', {
      as: ADA,
      channel: CHANNEL,
      text: 'night all <!channel> <script>x</script>',
    });
    expect(local.workspace.state(CHEN).messages).toMatchObject([
      { author: ADA, via: 'person', text: 'night all &lt;!channel&gt; &lt;script&gt;x&lt;/script&gt;' },
    ]);
    expect(local.workspace.state(CHEN).messages[0]?.visibleTo).toBeUndefined();
  });

  it('rejects bad requests with a clear message and changes nothing', async () => {
    const local = await buildLocal({ features: [probe([])] });
    const cases: Array<[unknown, number]> = [
      [{ as: 'U0NOBODY', channel: CHANNEL, text: '/hours private' }, 404],
      [{ as: ADA, channel: 'C0NOWHERE', text: '/hours private' }, 404],
      [{ as: ADA, channel: CHANNEL, text: '   ' }, 400],
      [{ as: ADA, channel: CHANNEL }, 400],
      [{ as: '<script>', channel: CHANNEL, text: 'x' }, 400],
    ];
    for (const [body, status] of cases) {
      const res = await local.api('/local/api/command', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(typeof res.body.error).toBe('string');
    }
    expect(local.fake.feed).toEqual([]);
  });

  it('only answers pages from this machine: Host, Origin and content type are checked', async () => {
    const local = await buildLocal({ features: [probe([])] });
    const body = JSON.stringify({ as: ADA, channel: CHANNEL, text: 'from elsewhere' });
    const json = { 'content-type': 'application/json' };
    const post = (headers: Record<string, string>) =>
      fetch(`${local.url}/local/api/command`, { method: 'POST', body, headers });
    // fetch cannot set Host; a DNS-rebinding page would arrive with its own name in it.
    expect(await rawStatus(local.url, 'POST', '/local/api/command', { host: 'evil.example', ...json }, body)).toBe(403);
    expect((await post({ 'content-type': 'application/json', origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ 'content-type': 'text/plain' })).status).toBe(403);
    expect(await rawStatus(local.url, 'GET', '/', { host: 'rebound.example:3000' })).toBe(403);
    expect(await rawStatus(local.url, 'GET', '/', { host: 'localhost:3000' })).toBe(200);
    expect(local.fake.feed).toEqual([]);
    const fine = await post({
      'content-type': 'application/json',
      origin: local.url.replace('127.0.0.1', 'localhost'),
    });
    expect(fine.status).toBe(200);
    expect(local.fake.feed).toHaveLength(1);
  });

  it("calls the jobs from the nudge controls: tonight's channel nudge and the person's own", async () => {
    const local = await buildLocal({ features: [] });
    expect(await local.api('/local/api/nudge', { target: 'channel', as: BEN, channel: CHANNEL })).toEqual({
      status: 200,
      body: { ok: true, sent: true },
    });
    await local.store.nudges.savePerson(personNudge(CHEN, { enabled: true }));
    expect(await local.api('/local/api/nudge', { target: 'me', as: CHEN })).toMatchObject({ status: 200 });
    expect(local.jobCalls).toEqual([
      { job: 'nudgeChannelNow', teamId: local.fake.teamId, id: CHANNEL },
      { job: 'nudgePersonNow', teamId: local.fake.teamId, id: CHEN },
    ]);
    expect((await local.api('/local/api/nudge', { target: 'channel', as: BEN, channel: 'C0NOPE' })).status).toBe(404);
    expect((await local.api('/local/api/nudge', { target: 'everyone', as: BEN })).status).toBe(400);
    expect(local.jobCalls).toHaveLength(2);
  });

  it('sends no personal nudge while it is off or paused, and says why in the DM', async () => {
    const local = await buildLocal({ features: [], now: () => new Date('2026-12-02T10:47:00Z') });
    const off = await local.api('/local/api/nudge', { target: 'me', as: BEN });
    expect(off).toEqual({ status: 200, body: { ok: true, sent: false } });
    const dm = local.fake.dmId(BEN);
    expect(local.fake.visibleTo(BEN, dm).at(-1)?.text).toMatch(
      /^Your personal nudge is off, so nothing would be sent tonight\. Turn it on with `\/nudge me on 23:00`/,
    );
    await local.store.nudges.savePerson(personNudge(BEN, { enabled: true, resumeOn: '2026-12-05' }));
    expect((await local.api('/local/api/nudge', { target: 'me', as: BEN })).body).toEqual({ ok: true, sent: false });
    expect(local.fake.visibleTo(BEN, dm).at(-1)?.text).toContain('paused until 2026-12-05');
    // A pause that has ended no longer stops it.
    await local.store.nudges.savePerson(personNudge(BEN, { enabled: true, resumeOn: '2026-12-02' }));
    expect((await local.api('/local/api/nudge', { target: 'me', as: BEN })).body).toEqual({ ok: true, sent: true });
    expect(local.jobCalls).toEqual([{ job: 'nudgePersonNow', teamId: local.fake.teamId, id: BEN }]);
  });

  it("sends no channel nudge where the channel's nudge is off, and says why", async () => {
    const local = await buildLocal({ features: [] });
    await local.store.nudges.disableChannel(
      local.fake.teamId,
      CHANNEL,
      { time: '22:00', zone: 'Europe/London' },
      null,
      '2026-12-01T00:00:00.000Z',
    );
    const res = await local.api('/local/api/nudge', { target: 'channel', as: ADA, channel: CHANNEL });
    expect(res.body).toEqual({ ok: true, sent: false });
    expect(local.fake.visibleTo(ADA, CHANNEL).at(-1)?.text).toMatch(
      /nudge is off in this channel, so nothing would be sent/,
    );
    expect(local.fake.visibleTo(BEN, CHANNEL)).toHaveLength(0);
    expect(local.jobCalls).toEqual([]);
  });

  it('reports a failing nudge job to the page instead of hiding it', async () => {
    const local = await buildLocal({
      features: [],
      jobs: {
        nudgeChannelNow: async () => {
          throw new Error('chat.postMessage: not_in_channel');
        },
        nudgePersonNow: async () => undefined,
      },
    });
    const res = await local.api('/local/api/nudge', { target: 'channel', as: ADA, channel: CHANNEL });
    expect(res.status).toBe(500);
    expect(res.body.error).toContain('not_in_channel');
  });

  it('points the bot at the stand-in and makes #late-night the nudge channel unless one is set', async () => {
    const local = await buildLocal({ features: [] });
    expect(local.config.mode).toBe('local');
    expect(local.config.slack.apiUrl).toBe(local.fake.apiUrl);
    expect(local.config.slack.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    expect(local.config.nudge.channel).toBe(CHANNEL);
  });

  it('serves the page, its script and styles with a strict content security policy', async () => {
    const local = await buildLocal({ features: [] });
    const page = await fetch(`${local.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/local/page.js">');
    for (const [path, type] of [
      ['/local/page.js', 'text/javascript'],
      ['/local/mrkdwn.js', 'text/javascript'],
      ['/local/style.css', 'text/css'],
    ] as const) {
      const res = await fetch(`${local.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
    }
    expect((await fetch(`${local.url}/local/../../package.json`)).status).toBe(404);
    expect((await fetch(`${local.url}/local/secret.txt`)).status).toBe(404);
    // The bot's own routes are untouched.
    expect((await fetch(`${local.url}/healthz`)).status).toBe(200);
  });

  it('tells the page about every change through server-sent events', async () => {
    const local = await buildLocal({ features: [probe([])] });
    const controller = new AbortController();
    const res = await fetch(`${local.url}/local/api/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let received = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(received)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended: ${received}`);
        received += decoder.decode(value);
      }
    };
    await readUntil(/data: 0\n\n/);
    await local.api('/local/api/command', { as: ADA, channel: CHANNEL, text: '/hours private' });
    await readUntil(/data: 1\n\n/);
    controller.abort();
  });

  it('describes the workspace to the page: people with zones, conversations, commands', async () => {
    const local = await buildLocal({ features: [] });
    const res = await fetch(`${local.url}/local/api/state?as=${BEN}`);
    const state = (await res.json()) as ReturnType<typeof local.workspace.state>;
    expect(state.me).toBe(BEN);
    expect(state.people.map((person) => [person.realName, person.tz])).toEqual([
      ['Ada', 'America/Los_Angeles'],
      ['Ben', 'Europe/London'],
      ['Chen', 'Asia/Shanghai'],
    ]);
    expect(state.conversations).toEqual([
      { id: CHANNEL, kind: 'channel', name: 'late-night' },
      { id: 'D0BEN', kind: 'im', name: 'Lights Out' },
    ]);
    expect(state.commands.map((command) => command.command)).toEqual(['/hours', '/quote', '/fact', '/nudge']);
    expect((await fetch(`${local.url}/local/api/state?as=U0NOBODY`)).status).toBe(404);
  });
});

describe('findButton', () => {
  it('finds buttons in actions blocks and section accessories, with their block id and value', () => {
    const blocks = [
      { type: 'section', block_id: 's1', accessory: { type: 'button', action_id: 'a1', value: 'x' } },
      { type: 'actions', block_id: 'b2', elements: [{ type: 'button', action_id: 'a2' }] },
      { type: 'context', elements: [{ type: 'button', action_id: 'a3' }] },
    ];
    expect(findButton(blocks, 'a1')).toEqual({ actionId: 'a1', value: 'x', blockId: 's1' });
    expect(findButton(blocks, 'a2')).toEqual({ actionId: 'a2', blockId: 'b2' });
    expect(findButton(blocks, 'a3')).toBeUndefined();
    expect(findButton(undefined, 'a1')).toBeUndefined();
  });
});

describe('localUrlLine', () => {
  it('is the one line npm start prints: where to open the workspace', () => {
    expect(localUrlLine(3000)).toBe('Lights Out is running in a local workspace: open http://localhost:3000');
  });
});

function personNudge(userId: string, options: { enabled: boolean; resumeOn?: string }) {
  return {
    teamId: 'T0LIGHTS',
    userId,
    enabled: options.enabled,
    time: '23:00',
    weekends: true,
    resumeOn: options.resumeOn ?? null,
    offReason: null,
    updatedAt: '2026-12-01T00:00:00.000Z',
  };
}
