import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../src/local/fake-slack.js';

let fake: FakeSlack;
beforeEach(async () => {
  fake = new FakeSlack();
  await fake.start();
  fake.addChannel('C0LATE', 'late-night');
});
afterEach(async () => {
  await fake.stop();
});

async function call(method: string, args: Record<string, unknown>) {
  const res = await fetch(`${fake.apiUrl}${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer xoxb-test' },
    body: JSON.stringify(args),
  });
  return (await res.json()) as Record<string, unknown>;
}

async function postTo(url: string, body: Record<string, unknown>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

describe('the stand-in’s feed (what the local workspace shows)', () => {
  it('keeps the old records unchanged and adds every Web API post to the feed', async () => {
    const posted = await call('chat.postMessage', { channel: 'C0LATE', text: 'go home' });
    await call('chat.postEphemeral', { channel: 'C0LATE', user: 'U0ADA', text: 'just you' });
    expect(fake.messages).toEqual([
      { channel: 'C0LATE', ts: posted.ts, ephemeral: false, text: 'go home' },
      { channel: 'C0LATE', ts: expect.any(String), ephemeral: true, text: 'just you', user: 'U0ADA' },
    ]);
    expect(fake.visibleTo('U0BEN').map((message) => message.text)).toEqual(['go home']);
    expect(fake.visibleTo('U0ADA').map((message) => message.text)).toEqual(['go home', 'just you']);
  });

  it('routes a post to a user id into that person’s DM, which only they see', async () => {
    await call('chat.postMessage', { channel: 'U0BEN', text: 'time to stop, Ben' });
    const opened = await call('conversations.open', { users: 'U0BEN' });
    expect(opened.channel).toEqual({ id: 'D0BEN' });
    expect(fake.visibleTo('U0BEN', 'D0BEN').map((message) => message.text)).toEqual(['time to stop, Ben']);
    expect(fake.visibleTo('U0ADA')).toEqual([]);
  });

  it('applies chat.update and chat.delete to what is shown', async () => {
    const posted = await call('chat.postMessage', { channel: 'C0LATE', text: 'v1' });
    expect(await call('chat.update', { channel: 'C0LATE', ts: posted.ts, text: 'v2' })).toMatchObject({ ok: true });
    expect(fake.feed).toMatchObject([{ text: 'v2', edited: true }]);
    expect(await call('chat.update', { channel: 'C0LATE', ts: '1.1', text: 'x' })).toEqual({
      ok: false,
      error: 'message_not_found',
    });
    await call('chat.delete', { channel: 'C0LATE', ts: posted.ts });
    expect(fake.feed).toEqual([]);
  });

  it('records plain response_url posts as before, without showing them', async () => {
    await postTo(fake.responseUrl('r-test'), { text: 'recorded only' });
    expect(fake.responses).toMatchObject([{ id: 'r-test', body: { text: 'recorded only' } }]);
    expect(fake.feed).toEqual([]);
  });

  it('shows reply-URL posts: ephemeral by default, in_channel for all, replace and delete the original', async () => {
    const context = { channel: 'C0LATE', user: 'U0ADA', command: '/hours log 14' };
    await postTo(fake.replyUrl(context).url, { text: 'private' });
    await postTo(fake.replyUrl(context).url, { response_type: 'in_channel', text: 'public' });
    expect(fake.feed).toMatchObject([
      { text: 'private', visibleTo: 'U0ADA', via: 'response_url' },
      { text: 'public', command: { user: 'U0ADA', text: '/hours log 14' } },
    ]);
    const original = fake.feed[0];
    const onButton = { channel: 'C0LATE', user: 'U0ADA', messageId: original?.id };
    await postTo(fake.replyUrl(onButton).url, { replace_original: true, text: 'replaced' });
    expect(fake.feed[0]).toMatchObject({ id: original?.id, text: 'replaced', visibleTo: 'U0ADA', edited: true });
    await postTo(fake.replyUrl(onButton).url, { replace_original: false, text: 'a new one' });
    expect(fake.feed).toHaveLength(3);
    await postTo(fake.replyUrl(onButton).url, { delete_original: true });
    expect(fake.feed.map((message) => message.text)).toEqual(['public', 'a new one']);
  });

  it('emits a feed event for every change', async () => {
    let events = 0;
    fake.on('feed', () => events++);
    const posted = await call('chat.postMessage', { channel: 'C0LATE', text: 'a' });
    await call('chat.update', { channel: 'C0LATE', ts: posted.ts, text: 'b' });
    fake.postAsPerson('U0ADA', 'C0LATE', 'hi');
    fake.notice('U0ADA', 'C0LATE', 'notice');
    expect(events).toBe(4);
  });
});

describe('files shared through the stand-in', () => {
  async function upload(channel: string, content: string) {
    const { upload_url, file_id } = await call('files.getUploadURLExternal', {
      filename: 'hours.csv',
      length: content.length,
    });
    const res = await fetch(String(upload_url), { method: 'POST', body: content });
    expect(res.status).toBe(200);
    return call('files.completeUploadExternal', {
      files: [{ id: file_id, title: 'Lights Out hours' }],
      channel_id: channel,
      initial_comment: 'Your hours export.',
    });
  }

  it('appear in the conversation as one message with the file’s name, title and size', async () => {
    const dm = fake.dmId('U0ADA');
    expect(await upload(dm, 'date,hours\n2026-12-01,8\n')).toMatchObject({ ok: true });
    const [message] = fake.visibleTo('U0ADA', dm);
    expect(message).toMatchObject({
      author: fake.botUserId,
      text: 'Your hours export.',
      files: [{ id: expect.any(String), name: 'hours.csv', title: 'Lights Out hours', size: 24 }],
    });
    expect(fake.visibleTo('U0BEN')).toEqual([]);
  });

  it('can be fetched only by someone who can see the conversation', async () => {
    const dm = fake.dmId('U0ADA');
    const done = await upload(dm, 'x,y\n');
    const id = String((done.files as Array<{ id: string }>)[0]?.id);
    expect(fake.fileFor('U0ADA', id)?.content.toString('utf8')).toBe('x,y\n');
    expect(fake.fileFor('U0BEN', id)).toBeUndefined();
    expect(fake.fileFor('U0ADA', 'F_NOPE')).toBeUndefined();
  });
});

describe('the stand-in’s views', () => {
  it('keeps each person’s last published Home under one view id, and refuses a view that is not a home', async () => {
    const view = { type: 'home', blocks: [{ type: 'divider' }] };
    const first = await call('views.publish', { user_id: 'U0ADA', view });
    const again = await call('views.publish', { user_id: 'U0ADA', view: { ...view, blocks: [] } });
    expect(first.ok).toBe(true);
    expect((again.view as { id: string }).id).toBe((first.view as { id: string }).id);
    expect(fake.homes.get('U0ADA')?.view).toEqual({ type: 'home', blocks: [] });
    expect(fake.homes.has('U0BEN')).toBe(false);
    expect(await call('views.publish', { user_id: 'U0BEN', view: { type: 'modal', blocks: [] } })).toMatchObject({
      ok: false,
      error: 'invalid_arguments',
    });
  });

  it('opens a modal for the person whose press made the trigger, and closes it when told', async () => {
    const reply = fake.replyUrl({ channel: 'C0LATE', user: 'U0ADA' });
    const triggerId = `${Date.now()}.${reply.id}.trigger`;
    const opened = await call('views.open', { trigger_id: triggerId, view: { type: 'modal', blocks: [] } });
    const id = (opened.view as { id: string }).id;
    expect(fake.openViewsFor('U0ADA').map((v) => v.id)).toEqual([id]);
    expect(fake.openViewsFor('U0BEN')).toEqual([]);
    fake.closeView(id);
    expect(fake.openViewsFor('U0ADA')).toEqual([]);
  });
});
