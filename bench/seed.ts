import { addDays } from '../src/hours/calendar.js';
import { SqliteStore } from '../src/store/sqlite.js';

export const BENCH_TEAM = 'T0LIGHTS';
export const benchUser = (index: number) => `UBENCH${String(index).padStart(5, '0')}`;

/**
 * Fills a store with `entries` hours entries spread over `people` people, one entry per person per day going
 * back from `today` (a real ledger's shape), in one transaction through the same schema the bot uses.
 */
export function seedEntries(path: string, entries: number, people: number, today: string): void {
  const store = new SqliteStore(path);
  const db = store.handle;
  const insert = db.prepare(
    'INSERT INTO hours_entries (team_id, user_id, work_date, minutes, note, logged_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const perPerson = Math.ceil(entries / people);
  const dates = Array.from({ length: perPerson }, (_, day) => addDays(today, -day));
  db.transaction(() => {
    let written = 0;
    for (let day = 0; day < perPerson && written < entries; day++) {
      for (let person = 0; person < people && written < entries; person++) {
        insert.run(
          BENCH_TEAM,
          benchUser(person),
          dates[day],
          300 + ((person * 7 + day * 13) % 600),
          null,
          `${dates[day]}T20:00:00.000Z`,
        );
        written++;
      }
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  void store.close();
}
