import { describe, expect, it } from 'vitest';
import { createHomeFeature } from '../../src/features/home/listener.js';
import type { ChartMaker } from '../../src/features/home/publish.js';
import { hoursFeature } from '../../src/features/hours/listener.js';
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

describe('an image on the Home tab in the local workspace', () => {
  it('serves the uploaded file the Home shows, to that person only', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const chart: ChartMaker = async ({ client }, _person, input) => {
      const uploaded = await client.files.uploadV2({ file: png, filename: `week-${input.weekStart}.png` });
      const files = (uploaded as unknown as { files: Array<{ files?: Array<{ id: string }> }> }).files;
      const id = files[0]?.files?.[0]?.id;
      return id ? { slackFile: { id }, alt: 'Mon 0h' } : undefined;
    };
    const local = await buildLocal({ features: [hoursFeature, createHomeFeature({ chart })] });
    await local.api('/local/api/home/open', { as: ADA });
    const home = await eventually(() => local.workspace.state(ADA).home, 3000, 'the Home tab');
    const image = (home.view.blocks as Array<{ type: string; slack_file?: { id: string } }>).find(
      (b) => b.type === 'image',
    );
    const id = image?.slack_file?.id ?? '';
    expect(id).toMatch(/^F/);
    const mine = await fetch(`${local.url}/local/api/home-files/${id}?as=${ADA}`);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await mine.arrayBuffer())).toEqual(png);
    expect((await fetch(`${local.url}/local/api/home-files/${id}?as=${BEN}`)).status).toBe(404);
  });
});
