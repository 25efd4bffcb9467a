/**
 * The one database interface the server uses, so the same SQL runs on embedded PGlite (a team)
 * and on PostgreSQL (an organisation, several server instances).
 */
export type SqlParam = string | number | boolean | null | Date;

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: SqlParam[]): Promise<Row[]>;
}

export interface Db extends Queryable {
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}
