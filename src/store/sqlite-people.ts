import type Database from 'better-sqlite3';
import { asLocale } from './rows.js';
import { CHART_FORGET_SQL } from './sqlite-charts.js';
import { DIGEST_FORGET_SQL } from './sqlite-digests.js';
import { NUDGE_FORGET_SQL } from './sqlite-nudges.js';
import type { PeopleRepository, Person, PersonKey } from './types.js';

type PersonRow = {
  team_id: string;
  user_id: string;
  tz_override: string | null;
  slack_tz: string | null;
  slack_tz_fetched_at: string | null;
  slack_locale: string | null;
  locale_override: string | null;
};

/** `beforeForget` runs first (the history cache lets go of the person's DM lines). */
export function sqlitePeopleRepository(
  db: Database.Database,
  beforeForget: (person: PersonKey) => void = () => undefined,
): PeopleRepository {
  const select = db.prepare<[string, string], PersonRow>('SELECT * FROM people WHERE team_id = ? AND user_id = ?');
  const upsertOverride = db.prepare<[string, string, string | null]>(
    `INSERT INTO people (team_id, user_id, tz_override) VALUES (?, ?, ?)
     ON CONFLICT (team_id, user_id) DO UPDATE SET tz_override = excluded.tz_override`,
  );
  const upsertLocaleOverride = db.prepare<[string, string, string | null]>(
    `INSERT INTO people (team_id, user_id, locale_override) VALUES (?, ?, ?)
     ON CONFLICT (team_id, user_id) DO UPDATE SET locale_override = excluded.locale_override`,
  );
  // keep = 1: the caller had no locale to give, so the cached one stays.
  type SlackFacts = {
    team: string;
    user: string;
    zone: string | null;
    locale: string | null;
    keep: number;
    at: string;
  };
  const upsertSlackTz = db.prepare<[SlackFacts]>(
    `INSERT INTO people (team_id, user_id, slack_tz, slack_tz_fetched_at, slack_locale)
     VALUES (@team, @user, @zone, @at, @locale)
     ON CONFLICT (team_id, user_id) DO UPDATE
     SET slack_tz = excluded.slack_tz, slack_tz_fetched_at = excluded.slack_tz_fetched_at,
       slack_locale = CASE WHEN @keep = 1 THEN people.slack_locale ELSE excluded.slack_locale END`,
  );
  // Only people who use Lights Out: a row already (they used a command) or a personal nudge. Never a stranger.
  const updateKnownSlackTz = db.prepare<[Omit<SlackFacts, 'keep'>]>(
    `INSERT INTO people (team_id, user_id, slack_tz, slack_tz_fetched_at, slack_locale)
     SELECT @team, @user, @zone, @at, @locale
     WHERE EXISTS (SELECT 1 FROM people WHERE team_id = @team AND user_id = @user)
        OR EXISTS (SELECT 1 FROM nudge_people WHERE team_id = @team AND user_id = @user)
     ON CONFLICT (team_id, user_id) DO UPDATE
     SET slack_tz = excluded.slack_tz, slack_tz_fetched_at = excluded.slack_tz_fetched_at,
       slack_locale = excluded.slack_locale`,
  );
  const facts = (team: string, user: string, zone: string | null, at: string, locale?: string | null) => ({
    team,
    user,
    zone,
    at,
    locale: locale ?? null,
    keep: locale === undefined ? 1 : 0,
  });
  const updateMany = db.transaction(
    (teamId: string, zones: Array<{ userId: string; zone: string | null; locale: string | null }>, at: string) => {
      let updated = 0;
      for (const { userId, zone, locale } of zones) {
        updated += updateKnownSlackTz.run({ team: teamId, user: userId, zone, locale, at }).changes;
      }
      return updated;
    },
  );
  const deleteEntries = db.prepare<[string, string]>('DELETE FROM hours_entries WHERE team_id = ? AND user_id = ?');
  const deletePerson = db.prepare<[string, string]>('DELETE FROM people WHERE team_id = ? AND user_id = ?');
  // History kept for a person (the lines of their DM nudge) is keyed by their user id in place of a channel id.
  const deleteHistory = db.prepare<[string, string]>('DELETE FROM shown_items WHERE team_id = ? AND channel_id = ?');
  // Everything else that belongs to a person (each statement takes team id, user id), so `forget` is complete.
  const forgetElsewhere = [...NUDGE_FORGET_SQL, ...CHART_FORGET_SQL, ...DIGEST_FORGET_SQL].map((sql) =>
    db.prepare<[string, string]>(sql),
  );
  const forget = db.transaction((teamId: string, userId: string) => {
    const { changes } = deleteEntries.run(teamId, userId);
    deletePerson.run(teamId, userId);
    deleteHistory.run(teamId, userId);
    for (const statement of forgetElsewhere) statement.run(teamId, userId);
    return { entries: changes };
  });
  return {
    getPerson: async ({ teamId, userId }) => {
      const row = select.get(teamId, userId);
      if (!row) return undefined;
      const person: Person = {
        teamId: row.team_id,
        userId: row.user_id,
        tzOverride: row.tz_override,
        slackTz: row.slack_tz,
        slackTzFetchedAt: row.slack_tz_fetched_at,
        slackLocale: row.slack_locale,
        localeOverride: asLocale(row.locale_override),
      };
      return person;
    },
    setTimezoneOverride: async ({ teamId, userId }, zone) => {
      upsertOverride.run(teamId, userId, zone);
    },
    setLocaleOverride: async ({ teamId, userId }, locale) => {
      upsertLocaleOverride.run(teamId, userId, locale);
    },
    saveSlackTimezone: async ({ teamId, userId }, zone, fetchedAt, locale) => {
      upsertSlackTz.run(facts(teamId, userId, zone, fetchedAt, locale));
    },
    updateKnownSlackTimezones: async (teamId, zones, fetchedAt) => updateMany.immediate(teamId, zones, fetchedAt),
    forget: async ({ teamId, userId }: PersonKey) => {
      beforeForget({ teamId, userId });
      const result = forget.immediate(teamId, userId);
      // secure_delete zeroed the freed cells; a truncating checkpoint also drops the old page images from the
      // WAL, so the person's rows are gone from the files on disk, not only from the tables.
      db.pragma('wal_checkpoint(TRUNCATE)');
      return result;
    },
  };
}
