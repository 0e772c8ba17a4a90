import { isLocale, type Locale } from '../i18n/locale.js';
import type { Delivery, DeliveryKind, DeliveryStatus, HoursEntry } from './types.js';

/**
 * Row shapes both dialects return, and their mapping to the Store's types: the Postgres pool parses dates to
 * `YYYY-MM-DD` and instants to ISO strings (see postgres/pool.ts), so a row reads the same from either store.
 */
export type EntryRow = {
  id: number;
  team_id: string;
  user_id: string;
  work_date: string;
  minutes: number;
  note: string | null;
  logged_at: string;
};

export const toEntry = (row: EntryRow): HoursEntry => ({
  id: row.id,
  teamId: row.team_id,
  userId: row.user_id,
  workDate: row.work_date,
  minutes: row.minutes,
  note: row.note,
  loggedAt: row.logged_at,
});

export type DeliveryRow = {
  key: string;
  team_id: string;
  kind: DeliveryKind;
  target_id: string;
  slot_at: string;
  night: string | null;
  status: DeliveryStatus;
  owner: string | null;
  lease_until: string | null;
  attempts: number;
  reclaims: number;
  error: string | null;
  message_ts: string | null;
  updated_at: string;
};

export const toDelivery = (row: DeliveryRow): Delivery => ({
  key: row.key,
  teamId: row.team_id,
  kind: row.kind,
  targetId: row.target_id,
  slotAt: row.slot_at,
  night: row.night,
  status: row.status,
  owner: row.owner,
  leaseUntil: row.lease_until,
  attempts: row.attempts,
  reclaims: row.reclaims,
  error: row.error,
  messageTs: row.message_ts,
  updatedAt: row.updated_at,
});

/** A stored language code; anything else (a hand-edited row) reads as none, so the default applies. */
export const asLocale = (value: string | null): Locale | null => (isLocale(value) ? value : null);
