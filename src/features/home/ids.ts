/** The Home tab's action, callback, block and input ids: the view, the forms and their submissions share them. */

/** Buttons on the Home tab; each opens a form. The middleware does not republish after these (nothing changed). */
export const ACTION_OPEN_LOG = 'home_open_log';
export const ACTION_OPEN_NUDGE = 'home_open_nudge';
export const ACTION_OPEN_ZONE = 'home_open_zone';
export const OPEN_ACTION_PREFIX = 'home_open_';

export const VIEW_LOG = 'home_log_view';
export const VIEW_NUDGE = 'home_nudge_view';
export const VIEW_ZONE = 'home_zone_view';
export const HOME_VIEWS = new Set([VIEW_LOG, VIEW_NUDGE, VIEW_ZONE]);

export const LOG = { hours: 'home_log_hours', date: 'home_log_date', note: 'home_log_note' } as const;
export const NUDGE = {
  enabled: 'home_nudge_enabled',
  time: 'home_nudge_time',
  weekends: 'home_nudge_weekends',
  pause: 'home_nudge_pause',
  language: 'home_nudge_language',
  digest: 'home_nudge_digest',
} as const;
export const ZONE = { zone: 'home_zone_zone' } as const;

/** Every input has one element whose action id is `value` (block ids differ, so errors land under the field). */
export const INPUT = 'value';

/** The zone form's first option: "follow my Slack profile" (clears the override). */
export const ZONE_FROM_SLACK = 'slack';
/** The language select's "follow my Slack locale" (clears the override). */
export const LANGUAGE_AUTO = 'auto';
