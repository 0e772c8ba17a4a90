import pg from 'pg';

/**
 * Rows come back in the shapes the SQLite store returns: dates as `YYYY-MM-DD`, instants as ISO-8601 UTC
 * strings, counts and sums as numbers (our bigints are ids and minute sums, far below 2^53).
 */
const timestamptz = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text');
const parsers = new Map<number, (value: string) => unknown>([
  [pg.types.builtins.DATE, (value) => value],
  [pg.types.builtins.INT8, Number],
  [pg.types.builtins.TIMESTAMPTZ, (value) => (timestamptz(value) as Date).toISOString()],
]);
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    parsers.get(oid) ?? pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

export type PoolOptions = {
  /** Most connections this process holds (the pool is bounded; callers wait beyond it). */
  max?: number;
  /** A schema of its own (created if missing); the pool's search_path points at it. Default: `public`. */
  schema?: string;
  /** How long a query waits for a free connection before it fails. */
  connectionTimeoutMillis?: number;
  /** Server-side cap on one statement, so a stuck query cannot hold a connection forever. */
  statementTimeoutMillis?: number;
  /** Errors of idle connections (the server restarted); the next query fails and reconnects. */
  onPoolError?: (error: Error) => void;
};

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

export function createPool(url: string, options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMillis ?? 15_000,
    application_name: 'lights-out',
    ...(options.schema ? { options: `-c search_path=${quoteIdent(options.schema)}` } : {}),
    types,
  });
  // Without a listener an idle connection's error (server restart) would crash the process.
  pool.on('error', (error) => options.onPoolError?.(error));
  return pool;
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the DATABASE_URL';
  }
}

/** Runs `work` in one transaction on one connection; rolls back on any error. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
