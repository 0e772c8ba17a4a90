import { describe, expect, it } from 'vitest';
import { logForm, nudgeForm, oldestLogDay, zoneForm } from '../../../src/features/home/forms.js';
import { MAX_OPTIONS_PER_GROUP, zoneGroups } from '../../../src/features/home/zones.js';
import { translator } from '../../../src/i18n/translator.js';
import { expectValidModal } from '../../helpers/block-kit.js';

const TODAY = '2026-11-25';
type Select = { option_groups?: Array<{ options: Array<{ value: string }> }>; initial_option?: { value: string } };

describe('the Home forms', () => {
  for (const locale of ['en', 'zh'] as const) {
    const t = translator(locale);
    it(`${locale}: every form is a valid modal`, () => {
      expectValidModal(logForm(t, TODAY));
      expectValidModal(nudgeForm(t, { nudge: undefined, language: null, today: TODAY, digest: false }));
      const nudge = {
        teamId: 'T',
        userId: 'U',
        enabled: true,
        time: '23:15',
        weekends: true,
        resumeOn: '2026-12-01',
        offReason: null,
        updatedAt: '',
      };
      expectValidModal(nudgeForm(t, { nudge, language: 'zh', today: TODAY, digest: true }));
      expectValidModal(zoneForm(t, { slackZone: 'America/Los_Angeles', override: null }));
      expectValidModal(zoneForm(t, { slackZone: null, override: 'US/Pacific' }));
    });
  }

  it('offers every zone in groups of at most 100, and shows an override that is not in the list', () => {
    const groups = zoneGroups();
    expect(groups.length).toBeLessThanOrEqual(100);
    for (const group of groups) expect(group.zones.length).toBeLessThanOrEqual(MAX_OPTIONS_PER_GROUP);
    const zones = groups.flatMap((group) => group.zones);
    expect(zones).toEqual(expect.arrayContaining(['America/Los_Angeles', 'Europe/London', 'Asia/Shanghai', 'UTC']));
    expect(groups.filter((group) => group.area === 'America').length).toBe(2);
    const view = zoneForm(translator('en'), { slackZone: null, override: 'US/Pacific' });
    const select = (view.blocks[0] as { element: Select }).element;
    expect(select.initial_option?.value).toBe('US/Pacific');
    expect(select.option_groups?.[0]?.options.map((o) => o.value)).toEqual(['slack', 'US/Pacific']);
  });

  it('reaches back 14 days, today included', () => {
    expect(oldestLogDay(TODAY)).toBe('2026-11-12');
  });
});
