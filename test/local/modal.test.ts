import { describe, expect, it } from 'vitest';
import { DEMO_CHANNEL } from '../../src/local/workspace.js';
import { eventually } from '../helpers/eventually.js';
import { buildLocal } from '../helpers/local.js';

const ADA = 'U0ADA';
const BEN = 'U0BEN';

describe('modals in the local workspace', () => {
  it('shows the Edit form to the person who pressed Edit, and its submission edits the entry', async () => {
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
    const [modal] = await eventually(() => local.workspace.state(ADA).modals, 3000, 'the Edit form');
    expect(modal?.view).toMatchObject({ title: { text: 'Edit entry 1' } });
    expect(local.workspace.state(BEN).modals).toEqual([]);

    const bad = await local.api('/local/api/view/submit', {
      as: ADA,
      view: modal?.id,
      values: { hours_edit_amount: { amount: 'lots' }, hours_edit_note: { note: '' } },
    });
    expect(bad.body).toMatchObject({ ok: true, closed: false, errors: { hours_edit_amount: expect.any(String) } });
    const good = await local.api('/local/api/view/submit', {
      as: ADA,
      view: modal?.id,
      values: { hours_edit_amount: { amount: '3' }, hours_edit_note: { note: 'evals' } },
    });
    expect(good.body).toEqual({ ok: true, closed: true });
    expect(local.workspace.state(ADA).modals).toEqual([]);
    const [entry] = (await local.store.hours.allEntries({ teamId: local.fake.teamId, userId: ADA })).map((e) => [
      e.minutes,
      e.note,
    ]);
    expect(entry).toEqual([180, 'evals']);
  });

  it('closes a form on Cancel, and only for the person it is open for', async () => {
    const local = await buildLocal();
    await local.api('/local/api/home/open', { as: ADA });
    await eventually(() => local.workspace.state(ADA).home, 3000, 'the Home tab');
    await local.api('/local/api/home/action', { as: ADA, actionId: 'home_open_zone' });
    const [modal] = await eventually(() => local.workspace.state(ADA).modals, 3000, 'the Time zone form');
    expect((await local.api('/local/api/view/close', { as: BEN, view: modal?.id })).status).toBe(404);
    expect((await local.api('/local/api/view/close', { as: ADA, view: modal?.id })).status).toBe(200);
    expect(local.workspace.state(ADA).modals).toEqual([]);
  });
});
