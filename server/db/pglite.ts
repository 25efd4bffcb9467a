import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, SqlParam } from './adapter.ts';

/** Embedded PostgreSQL in a data folder: one process owns it, transactions run one at a time. */
export async function openPglite(dataDir: string | undefined): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  const run: Queryable['query'] = async <Row>(sql: string, params: SqlParam[] = []) => {
    const result = await pg.query<Row>(sql, params);
    return result.rows;
  };
  return {
    kind: 'pglite',
    query: run,
    transaction: (fn) =>
      pg.transaction(async (tx) =>
        fn({
          query: async <Row>(sql: string, params: SqlParam[] = []) => (await tx.query<Row>(sql, params)).rows,
        }),
      ),
    close: () => pg.close(),
  };
}
