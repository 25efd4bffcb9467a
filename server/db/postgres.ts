import pg from 'pg';
import type { Db, SqlParam } from './adapter.ts';

// BIGINT (row ids, counts) as numbers: our ids stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

/** PostgreSQL through a connection pool: what several stateless server instances share. */
export async function openPostgres(url: string, poolSize = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', (error) => {
    // An idle client lost its connection; the pool replaces it on the next query.
    console.error(`postgres: idle connection failed: ${error.message}`);
  });
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    query: async <Row>(sql: string, params: SqlParam[] = []) => (await pool.query(sql, params)).rows as Row[],
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async <Row>(sql: string, params: SqlParam[] = []) =>
            (await client.query(sql, params)).rows as Row[],
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
