import type { LogEntry } from '../../shared/store-api.ts';
import type { Queryable } from '../db/adapter.ts';
import { iso, json } from './rows.ts';

export interface Page<T> {
  entries: T[];
  nextCursor: string | null;
}

interface LogRow {
  id: number;
  at: unknown;
  trigger: LogEntry['trigger'];
  version: number;
  outcome: LogEntry['outcome'];
  duration_ms: number;
  error: string | null;
  stages: unknown;
}

export type NewLog = Omit<LogEntry, 'id' | 'at'>;

export async function insertLogs(db: Queryable, tenantId: string, logs: NewLog[]): Promise<void> {
  if (logs.length === 0) return;
  const values: string[] = [];
  const params: (string | number | null)[] = [];
  for (const log of logs) {
    const i = params.length;
    values.push(`($${i + 1}, $${i + 2}, $${i + 3}, $${i + 4}, $${i + 5}, $${i + 6}, $${i + 7})`);
    params.push(
      tenantId,
      log.trigger,
      log.version,
      log.outcome,
      log.durationMs,
      log.error,
      JSON.stringify(log.stages),
    );
  }
  await db.query(
    `INSERT INTO run_logs (tenant_id, trigger, version, outcome, duration_ms, error, stages) VALUES ${values.join(', ')}`,
    params,
  );
}

/** Newest first; the cursor is the last id seen, so pages stay stable while new runs are logged. */
export async function listLogs(
  db: Queryable,
  tenantId: string,
  query: { limit: number; cursor?: string | undefined; trigger?: string | undefined },
): Promise<Page<LogEntry>> {
  const rows = await db.query<LogRow>(
    `SELECT id, at, trigger, version, outcome, duration_ms, error, stages FROM run_logs
      WHERE tenant_id = $1 AND ($2::bigint IS NULL OR id < $2::bigint) AND ($3::text IS NULL OR trigger = $3::text)
      ORDER BY id DESC LIMIT $4`,
    [tenantId, query.cursor ?? null, query.trigger ?? null, query.limit + 1],
  );
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  return {
    entries: page.map((row) => ({
      id: Number(row.id),
      at: iso(row.at),
      trigger: row.trigger,
      version: row.version,
      outcome: row.outcome,
      durationMs: row.duration_ms,
      error: row.error,
      stages: json(row.stages),
    })),
    nextCursor: more && page.length > 0 ? String(page[page.length - 1]?.id) : null,
  };
}

interface AuditRow {
  id: number;
  at: unknown;
  key_id: string | null;
  action: string;
  detail: unknown;
}

export async function listAudit(
  db: Queryable,
  tenantId: string,
  query: { limit: number; cursor?: string | undefined },
) {
  const rows = await db.query<AuditRow>(
    `SELECT id, at, key_id, action, detail FROM audit_log
      WHERE tenant_id = $1 AND ($2::bigint IS NULL OR id < $2::bigint) ORDER BY id DESC LIMIT $3`,
    [tenantId, query.cursor ?? null, query.limit + 1],
  );
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  return {
    entries: page.map((row) => ({
      id: Number(row.id),
      at: iso(row.at),
      keyId: row.key_id,
      action: row.action,
      detail: json<Record<string, never>>(row.detail),
    })),
    nextCursor: more && page.length > 0 ? String(page[page.length - 1]?.id) : null,
  };
}
