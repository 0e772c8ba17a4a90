import type { types } from '@slack/bolt';
import { addDays } from '../../hours/calendar.js';
import type { Locale } from '../../i18n/locale.js';
import type { Translator } from '../../i18n/translator.js';
import type { PersonNudge } from '../../store/types.js';
import { NOTE_MAX_CHARS } from '../hours/grammar.js';
import { INPUT, LANGUAGE_AUTO, LOG, NUDGE, VIEW_LOG, VIEW_NUDGE, VIEW_ZONE, ZONE, ZONE_FROM_SLACK } from './ids.js';
import { zoneGroups } from './zones.js';

/** The three forms the Home tab opens. Pure: what to show comes in, the view goes out. */

/** How far back the Log hours form reaches: today and the 13 days before it. */
export const LOG_BACK_DAYS = 14;
export const DEFAULT_NUDGE_TIME = '22:00';

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
type Option = { text: { type: 'plain_text'; text: string; emoji: boolean }; value: string };
const option = (text: string, value: string): Option => ({ text: plain(text.slice(0, 75)), value });

function modal(t: Translator, callbackId: string, title: string, submit: string, blocks: types.KnownBlock[]) {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(title),
    submit: plain(submit),
    close: plain(t.t('home.form.cancel')),
    blocks,
  } satisfies types.ModalView;
}

/** The oldest day the Log hours form accepts. */
export const oldestLogDay = (today: string): string => addDays(today, -(LOG_BACK_DAYS - 1));

export function logForm(t: Translator, today: string): types.ModalView {
  return modal(t, VIEW_LOG, t.t('home.log.title'), t.t('home.log.submit'), [
    {
      type: 'input',
      block_id: LOG.hours,
      label: plain(t.t('home.log.hours')),
      hint: plain(t.t('home.log.hoursHint')),
      element: { type: 'plain_text_input', action_id: INPUT, max_length: 20, focus_on_load: true },
    },
    {
      type: 'input',
      block_id: LOG.date,
      label: plain(t.t('home.log.date')),
      hint: plain(t.t('home.log.dateHint')),
      element: { type: 'datepicker', action_id: INPUT, initial_date: today },
    },
    {
      type: 'input',
      block_id: LOG.note,
      optional: true,
      label: plain(t.t('home.log.note')),
      hint: plain(t.t('home.log.noteHint')),
      element: { type: 'plain_text_input', action_id: INPUT, max_length: NOTE_MAX_CHARS * 2 },
    },
  ]);
}

export type NudgeFormState = {
  nudge: PersonNudge | undefined;
  language: Locale | null;
  today: string;
  /** The Monday digest is on. */
  digest: boolean;
};

export function nudgeForm(t: Translator, state: NudgeFormState): types.ModalView {
  const { nudge } = state;
  const on = option(t.t('home.nudge.on'), 'on');
  const off = option(t.t('home.nudge.off'), 'off');
  const weekends = option(t.t('home.nudge.weekendsOption'), 'weekends');
  const digest = option(t.t('home.nudge.digestOption'), 'digest');
  const languages = [
    option(t.t('home.nudge.languageAuto'), LANGUAGE_AUTO),
    option(t.t('common.language.en'), 'en'),
    option(t.t('common.language.zh'), 'zh'),
  ];
  const language = languages.find((o) => o.value === (state.language ?? LANGUAGE_AUTO)) ?? languages[0];
  const paused = nudge?.resumeOn && nudge.resumeOn > state.today ? nudge.resumeOn : undefined;
  return modal(t, VIEW_NUDGE, t.t('home.nudge.title'), t.t('home.form.save'), [
    {
      type: 'input',
      block_id: NUDGE.enabled,
      label: plain(t.t('home.nudge.enabled')),
      element: {
        type: 'radio_buttons',
        action_id: INPUT,
        options: [on, off],
        initial_option: nudge?.enabled ? on : off,
      },
    },
    {
      type: 'input',
      block_id: NUDGE.time,
      label: plain(t.t('home.nudge.time')),
      element: { type: 'timepicker', action_id: INPUT, initial_time: nudge?.time ?? DEFAULT_NUDGE_TIME },
    },
    {
      type: 'input',
      block_id: NUDGE.weekends,
      optional: true,
      label: plain(t.t('home.nudge.weekends')),
      element: {
        type: 'checkboxes',
        action_id: INPUT,
        options: [weekends],
        ...(nudge?.weekends ? { initial_options: [weekends] } : {}),
      },
    },
    {
      type: 'input',
      block_id: NUDGE.pause,
      optional: true,
      label: plain(t.t('home.nudge.pause')),
      hint: plain(t.t('home.nudge.pauseHint')),
      element: { type: 'datepicker', action_id: INPUT, ...(paused ? { initial_date: paused } : {}) },
    },
    {
      type: 'input',
      block_id: NUDGE.digest,
      optional: true,
      label: plain(t.t('home.nudge.digest')),
      element: {
        type: 'checkboxes',
        action_id: INPUT,
        options: [digest],
        ...(state.digest ? { initial_options: [digest] } : {}),
      },
    },
    {
      type: 'input',
      block_id: NUDGE.language,
      label: plain(t.t('home.nudge.language')),
      element: { type: 'static_select', action_id: INPUT, options: languages, initial_option: language },
    },
  ]);
}

export type ZoneFormState = { slackZone: string | null; override: string | null };

export function zoneForm(t: Translator, state: ZoneFormState): types.ModalView {
  const slack = option(
    state.slackZone ? t.t('home.zone.slack', { zone: state.slackZone }) : t.t('home.zone.slackUnknown'),
    ZONE_FROM_SLACK,
  );
  const groups = zoneGroups().map((group) => ({
    label: plain(
      group.part
        ? t.t('home.zone.part', { area: group.area, part: `${group.part.index}/${group.part.of}` })
        : group.area,
    ),
    options: group.zones.map((zone) => option(zone, zone)),
  }));
  const offered = (zone: string) => groups.some((group) => group.options.some((o) => o.value === zone));
  // An override Intl knows but the list does not (an alias such as US/Pacific) is still shown as chosen.
  const own = state.override && !offered(state.override) ? [option(state.override, state.override)] : [];
  const first = { label: plain(t.t('home.zone.slackGroup')), options: [slack, ...own] };
  const initial = state.override ? option(state.override, state.override) : slack;
  return modal(t, VIEW_ZONE, t.t('home.zone.title'), t.t('home.form.save'), [
    {
      type: 'input',
      block_id: ZONE.zone,
      label: plain(t.t('home.zone.label')),
      hint: plain(t.t('home.zone.hint')),
      element: { type: 'static_select', action_id: INPUT, option_groups: [first, ...groups], initial_option: initial },
    },
  ]);
}
