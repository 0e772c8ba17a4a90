import { describe, expect, it } from 'vitest';
import { DEMO_CHANNEL } from '../../src/local/workspace.js';
import { eventually } from '../helpers/eventually.js';
import { buildLocal } from '../helpers/local.js';

const ADA = 'U0ADA';
const BEN = 'U0BEN';

describe('modals in the local workspace', () => {
  it('tells the person who pressed Edit that the page cannot show the form, instead of doing nothing', async () => {
    const local = await buildLocal();
    await local.api('/local/api/command', { as: ADA, channel: DEMO_CHANNEL.id, text: '/hours log 2 yesterday' });
    await local.api('/local/api/command', { as: ADA, channel: DEMO_CHANNEL.id, text: '/hours day yesterday' });
    const list = await eventually(
      () => local.workspace.state(ADA).messages.find((message) => /\bentr(?:y|ies) for\b/.test(String(message.text))),
      3000,
      'the day list',
    );
    const res = await local.api('/local/api/action', { as: ADA, message: list.id, actionId: 'hours_entry_edit' });
    expect(res).toEqual({ status: 200, body: { ok: true } });
    const notice = await eventually(
      () => local.fake.feed.find((message) => String(message.text).includes('cannot show forms yet')),
      3000,
      'the notice about the form',
    );
    expect(notice).toMatchObject({ visibleTo: ADA, channel: DEMO_CHANNEL.id });
    expect(notice.text).toContain('Lights Out opened “Edit entry 1”');
    expect(local.fake.views).toHaveLength(1);
    expect(local.workspace.state(BEN).messages.some((m) => String(m.text).includes('cannot show forms'))).toBe(false);
  });
});
