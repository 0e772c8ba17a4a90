import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../paths.js';

export type Dialect = 'sqlite' | 'postgres';
export type Migration = { version: number; name: string; sql: string };

/**
 * `NNN_name.sql` files of one dialect (src/store/migrations/<dialect>/), in numeric order. The recorded name is
 * the file name without `.sql`, as it was before the files moved into per-dialect folders, so existing stores
 * see nothing new. Numbers need not match across dialects; each store records its own.
 */
export function readMigrations(dialect: Dialect = 'sqlite', dir = projectPath('src', 'store', 'migrations', dialect)) {
  return readdirSync(dir)
    .filter((file) => /^\d{3}_[\w-]+\.sql$/.test(file))
    .sort()
    .map(
      (file): Migration => ({
        version: Number(file.slice(0, 3)),
        name: file.replace(/\.sql$/, ''),
        sql: readFileSync(join(dir, file), 'utf8'),
      }),
    );
}

export const latestVersion = (migrations: Migration[]): number =>
  migrations.reduce((max, migration) => Math.max(max, migration.version), 0);
