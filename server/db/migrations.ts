import type { Db } from './adapter.ts';

/**
 * The schema, as an append-only list: a migration once released is never edited, a change is a
 * new entry. The same SQL runs on PGlite and PostgreSQL.
 */
export const MIGRATIONS: readonly { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: 'tenants, keys, revisions, versions, secrets, audit, run logs',
    sql: `
CREATE TABLE tenants (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  head_revision INTEGER NOT NULL DEFAULT 0,
  published_version INTEGER,
  settings JSONB NOT NULL DEFAULT '{}'::jsonb,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  key_hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'runtime')),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  revoked_at TIMESTAMPTZ
);
CREATE TABLE revisions (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  number INTEGER NOT NULL,
  content JSONB NOT NULL,
  created_by TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, number)
);
CREATE TABLE versions (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  number INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  content JSONB NOT NULL,
  rollback_of INTEGER,
  note TEXT NOT NULL DEFAULT '',
  created_by TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, number)
);
CREATE TABLE secrets (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL,
  ciphertext TEXT NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name)
);
CREATE TABLE audit_log (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  key_id TEXT,
  action TEXT NOT NULL,
  detail JSONB NOT NULL DEFAULT '{}'::jsonb,
  at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_tenant ON audit_log (tenant_id, id);
CREATE TABLE run_logs (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  trigger TEXT NOT NULL,
  version INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  duration_ms DOUBLE PRECISION NOT NULL,
  error TEXT,
  stages JSONB NOT NULL,
  at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX run_logs_tenant ON run_logs (tenant_id, id);
CREATE INDEX run_logs_tenant_trigger ON run_logs (tenant_id, trigger, id);
`,
  },
];

/**
 * Applies the migrations not yet recorded, each in its own transaction. Several instances starting
 * at once on one PostgreSQL serialise on an advisory lock, so each migration runs exactly once.
 */
export async function migrate(db: Db): Promise<number[]> {
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    const done = await db.transaction(async (tx) => {
      // The lock comes first, so even creating the bookkeeping table cannot race another instance.
      await tx.query('SELECT pg_advisory_xact_lock(7412093)');
      await tx.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
      );
      const rows = await tx.query('SELECT id FROM schema_migrations WHERE id = $1', [migration.id]);
      if (rows.length > 0) return false;
      // One statement per call: prepared statements (both drivers with parameters) take one each.
      for (const statement of migration.sql.split(/;\s*\n/)) {
        if (statement.trim()) await tx.query(statement);
      }
      await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [
        migration.id,
        migration.name,
      ]);
      return true;
    });
    if (done) applied.push(migration.id);
  }
  return applied;
}
