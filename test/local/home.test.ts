import { describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.js';
import { buildLocal } from '../helpers/local.js';

const ADA = 'U0ADA';
const BEN = 'U0BEN';

type State = ReturnType<Awaited<ReturnType<typeof buildLocal>>['workspace']['state']>;
const homeText = (state: State) => JSON.stringify(state.home?.view ?? {});

describe('the Home tab in the local workspace', () => {
  it('opens Home through a signed app_home_opened, for that person only', async () => {
    const local = await buildLocal();
    expect(local.workspace.state(ADA).home).toBeUndefined();
    expect(await local.api('/local/api/home/open', { as: ADA })).toEqual({ status: 200, body: { ok: true } });
    const home = await eventually(() => local.workspace.state(ADA).home, 3000, 'the Home tab');
    expect(home.view).toMatchObject({ type: 'home' });
    expect(homeText(local.workspace.state(ADA))).toContain('America/Los_Angeles');
    expect(local.workspace.state(BEN).home).toBeUndefined();
  });

  it('logs hours through the Log hours form and shows the new week on Home', async () => {
    const local = await buildLocal();
    await local.api('/local/api/home/open', { as: ADA });
    await eventually(() => local.workspace.state(ADA).home, 3000, 'the Home tab');
    expect((await local.api('/local/api/home/action', { as: ADA, actionId: 'home_open_log' })).body).toEqual({
      ok: true,
    });
    const [modal] = await eventually(() => local.workspace.state(ADA).modals, 3000, 'the Log hours form');
    type Form = { blocks: Array<{ block_id?: string; element?: { initial_date?: string } }> };
    const form = (modal?.view ?? { blocks: [] }) as Form;
    const day = form.blocks.find((block) => block.block_id === 'home_log_date')?.element?.initial_date;
    const values = (hours: string) => ({
      home_log_hours: { value: hours },
      home_log_date: { value: { type: 'datepicker', selected_date: day } },
      home_log_note: { value: '' },
    });
    const refused = await local.api('/local/api/view/submit', { as: ADA, view: modal?.id, values: values('-3') });
    expect(refused.body).toMatchObject({ closed: false, errors: { home_log_hours: expect.stringContaining('7.5') } });
    const logged = await local.api('/local/api/view/submit', { as: ADA, view: modal?.id, values: values('45m') });
    expect(logged.body).toEqual({ ok: true, closed: true });
    // The republish follows the debounce (2 s after the change).
    await eventually(() => homeText(local.workspace.state(ADA)).includes('*This week*\\n45m'), 6000, 'the new week');
  });

  it('refuses a press on a button the person’s Home does not have', async () => {
    const local = await buildLocal();
    const res = await local.api('/local/api/home/action', { as: ADA, actionId: 'home_open_log' });
    expect(res.status).toBe(404);
  });
});
