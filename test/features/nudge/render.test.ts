import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type NudgeCommand, parseNudge } from '../../../src/features/nudge/parse.js';
import {
  type ChannelStatus,
  type PersonView,
  pauseLimitsText,
  type Reply,
  renderChannelLanguage,
  renderChannelOff,
  renderChannelOn,
  renderError,
  renderHelp,
  renderPerson,
  renderProblem,
  renderStatus,
} from '../../../src/features/nudge/render.js';
import { LOCALES, type Locale } from '../../../src/i18n/locale.js';
import { type Translator, translator } from '../../../src/i18n/translator.js';
import type { StatusLine } from '../../../src/nudges/status.js';
import type { ChannelNudge, PersonNudge } from '../../../src/store/types.js';
import { expectValidMessage } from '../../helpers/block-kit.js';
import { expectLanguage } from '../../nudges/language.js';
import { expectInert, expectWithinLimits } from '../../reliability/hostile.js';

/** One input for every refusal the parser has, each in its own words. */
const REFUSED = [
  'here 25:00',
  'here Mars/Base',
  'here 22:00 21:00',
  'here Europe/London Asia/Tokyo',
  'here zh en',
  'here ?!',
  'me status now',
  'me on 22:00 23:00',
  'me off now',
  'me pause',
  'me pause 2026-02-30',
  'me pause 400',
  'me pause soon',
  'me weekends maybe',
  'me dance',
  'banana',
];

const next = new Date('2026-11-30T06:00:00Z');
const line = (locale: Locale, env = false): StatusLine => ({
  channelId: 'C0LATE',
  when: '22:00',
  zone: 'America/Los_Angeles',
  next,
  env,
  locale,
});
const channelRow: ChannelNudge = {
  teamId: 'T1',
  channelId: 'C0LATE',
  enabled: true,
  time: '21:00',
  zone: 'UTC',
  setBy: 'U1',
  offReason: null,
  locale: null,
  updatedAt: '2026-11-01T00:00:00Z',
};
const personNudge: PersonNudge = {
  teamId: 'T1',
  userId: 'U1',
  enabled: true,
  time: '22:30',
  weekends: false,
  resumeOn: null,
  offReason: null,
  updatedAt: '2026-11-01T00:00:00Z',
};

function personViews(): PersonView[] {
  const base = { zone: 'Asia/Shanghai', next } as const;
  return [
    { ...base, nudge: undefined, zoneSource: 'default', next: undefined },
    { ...base, nudge: { ...personNudge, enabled: false, offReason: 'cannot_dm_bot' }, zoneSource: 'slack' },
    { ...base, nudge: personNudge, zoneSource: 'slack' },
    { ...base, nudge: { ...personNudge, weekends: true }, zoneSource: 'override', pausedUntil: '2026-12-24' },
    { ...base, nudge: personNudge, zoneSource: 'default', next: undefined },
  ];
}

/** Every answer `/nudge` can give, rendered in one language. */
function everyAnswer(t: Translator): Array<[string, Reply]> {
  const answers: Array<[string, Reply]> = [['help', renderHelp(t, 'en')]];
  for (const input of REFUSED) {
    const parsed = parseNudge(input);
    if (parsed.kind !== 'error') throw new Error(`${input} parsed`);
    answers.push([input, renderProblem(t, parsed.problem)]);
  }
  for (const key of ['nudge.problem.hereNotChannel', 'nudge.problem.personOff'] as const)
    answers.push([key, renderError(t, t.t(key))]);
  const limits = pauseLimitsText(t);
  answers.push([
    'not after',
    renderError(t, t.t('nudge.problem.pauseNotAfter', { date: 'x', today: 'y', zone: 'UTC', limits })),
  ]);
  for (const locale of LOCALES) {
    answers.push([`on ${locale}`, renderChannelOn(t, line(locale), undefined, 'Lights Out')]);
    answers.push([`changed ${locale}`, renderChannelOn(t, line(locale), channelRow, 'Lights Out')]);
    answers.push([`language on ${locale}`, renderChannelLanguage(t, locale, line(locale))]);
    answers.push([`language off ${locale}`, renderChannelLanguage(t, locale, undefined)]);
  }
  answers.push(
    ['off none', renderChannelOff(t, undefined)],
    ['off', renderChannelOff(t, { when: '22:00', zone: 'UTC' })],
  );
  const views = personViews();
  for (const [i, view] of views.entries()) {
    answers.push([`person ${i}`, renderPerson(t, view)]);
    answers.push([`person ${i} headline`, renderPerson(t, view, t.t('nudge.person.updated'))]);
  }
  const statuses: ChannelStatus[] = [
    { inChannel: true, here: line('zh'), others: 0 },
    { inChannel: true, here: line('en', true), others: 1 },
    { inChannel: true, here: undefined, others: 12 },
    { inChannel: false, here: undefined, others: 0 },
    { inChannel: false, here: undefined, others: 1 },
  ];
  for (const [i, channels] of statuses.entries()) {
    for (const people of [0, 1, 1234])
      answers.push([`status ${i} ${people}`, renderStatus(t, channels, views[i % views.length] as PersonView, people)]);
  }
  return answers;
}

describe('every /nudge answer, in both languages', () => {
  for (const locale of LOCALES) {
    it(`${locale}: private, valid Block Kit, within Slack's limits, and in ${locale} only`, () => {
      const answers = everyAnswer(translator(locale));
      expect(answers.length).toBeGreaterThan(40);
      for (const [name, answer] of answers) {
        expect(answer.response_type, name).toBe('ephemeral');
        expectValidMessage(answer, { requireBlocks: true });
        expectWithinLimits(answer);
        expectInert(answer, name);
        expectLanguage(locale, answer);
      }
    });
  }

  it('says the next time on the reader’s wall clock, in their language', () => {
    const on = (locale: Locale) => renderChannelOn(translator(locale), line('zh'), undefined, 'Lights Out').text;
    expect(on('en')).toContain('22:00 America/Los_Angeles — next: Sun 29 Nov, 22:00');
    expect(on('en')).toContain('It posts in Chinese (Simplified).');
    expect(on('zh')).toContain('22:00 America/Los_Angeles — 下一次：11月29日 周日 22:00');
    expect(on('zh')).toContain('提醒使用简体中文');
  });

  it('counts with the language’s plurals and digits', () => {
    const view = personViews()[0] as PersonView;
    const status = (locale: Locale, others: number, people: number) =>
      renderStatus(translator(locale), { inChannel: true, here: undefined, others }, view, people).text;
    expect(status('en', 1, 1)).toContain('1 other channel has one on.');
    expect(status('en', 1, 1)).toContain('1 person gets one by DM');
    expect(status('en', 2, 1234)).toContain('2 other channels have one on.');
    expect(status('en', 2, 1234)).toContain('1,234 people get one by DM');
    expect(status('zh', 2, 1234)).toContain('另有 2 个频道开着提醒。');
    expect(status('zh', 0, 1234)).toContain('有 1,234 人通过私信接收');
  });

  it('any refusal of any text reads in the person’s language, quoting what they typed inert', () => {
    const prefixes = fc.constantFrom('', 'here ', 'me ', 'me on ', 'me pause ', 'me weekends ', 'off ');
    fc.assert(
      fc.property(prefixes, fc.string({ maxLength: 30 }), fc.constantFrom(...LOCALES), (prefix, junk, locale) => {
        const parsed: NudgeCommand = parseNudge(`${prefix}${junk}`);
        if (parsed.kind !== 'error') return;
        const reply = renderProblem(translator(locale), parsed.problem);
        expectValidMessage(reply);
        expectInert(reply);
        // What was typed may be anything; the words around it are the language's own.
        const typed = reply.text.replace(/`[^`]*`/g, '``');
        expectLanguage(locale, { text: typed });
      }),
      { numRuns: 500 },
    );
  });
});
