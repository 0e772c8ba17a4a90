import pg from 'pg';

/**
 * The Postgres half of the store contract suite runs when TEST_DATABASE_URL is set (CI sets it). Without it
 * the suite is not registered and this prints one line saying so. When it is set but the server does not
 * answer, the whole run fails rather than quietly testing SQLite alone.
 */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    console.log(
      'Postgres store suite not run: it needs TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test).',
    );
    return;
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `TEST_DATABASE_URL is set but Postgres does not answer (${(error as Error).message})${
        process.env.CI === 'true' ? '; CI requires the Postgres suite' : ''
      }. Start it or unset TEST_DATABASE_URL.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
