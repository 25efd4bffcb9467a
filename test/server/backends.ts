import { startPostgres, type TestPostgres } from './postgres-harness.ts';

/** The two databases every API test runs against: embedded PGlite and a real PostgreSQL. */
export const BACKENDS = ['pglite', 'postgres'] as const;
export type Backend = (typeof BACKENDS)[number];

/** Starts what a backend needs; resolves to the server options and a stop function. */
export async function prepareBackend(
  backend: Backend,
): Promise<{ databaseUrl?: string; stop(): Promise<void> }> {
  if (backend === 'pglite') return { stop: async () => undefined };
  const pg: TestPostgres = await startPostgres();
  return { databaseUrl: pg.url, stop: () => pg.stop() };
}
