import { join } from 'node:path';
import type { Db } from './adapter.ts';
import { migrate } from './migrations.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export interface OpenDbOptions {
  /** PostgreSQL connection string; when absent, embedded PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  /** The server's data folder; PGlite keeps its files in `<dataDir>/pglite`. Absent: in memory. */
  dataDir?: string | undefined;
}

/** Opens the configured database and brings its schema up to date. */
export async function openDb(options: OpenDbOptions): Promise<Db> {
  const db = options.databaseUrl
    ? await openPostgres(options.databaseUrl)
    : await openPglite(options.dataDir ? join(options.dataDir, 'pglite') : undefined);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
