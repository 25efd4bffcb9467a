import { emptyContent, type StoreContent } from '../../shared/store-api.ts';
import type { Db, Queryable } from '../db/adapter.ts';
import { iso, json } from './rows.ts';
import { audit, type Principal } from './tenants.ts';

export interface RevisionRow {
  revision: number;
  createdAt: string;
  createdBy: string | null;
  content: StoreContent;
}

/** Raised when a push was based on a revision that is no longer the head. */
export class StaleRevisionError extends Error {
  readonly currentRevision: number;

  constructor(currentRevision: number) {
    super(
      `the pipelines changed since the revision this push was based on; the current revision is ${currentRevision}: pull, merge, and push again`,
    );
    this.currentRevision = currentRevision;
  }
}

interface Row {
  number: number;
  created_by: string | null;
  created_at: unknown;
  content?: unknown;
}

const toRevision = (row: Row): RevisionRow => ({
  revision: row.number,
  createdAt: iso(row.created_at),
  createdBy: row.created_by,
  content: row.content === undefined ? emptyContent() : json<StoreContent>(row.content),
});

/** The head revision; revision 0 is the empty content every tenant starts from. */
export async function headRevision(db: Queryable, tenantId: string): Promise<RevisionRow> {
  const rows = await db.query<Row>(
    `SELECT r.number, r.created_by, r.created_at, r.content
       FROM tenants t JOIN revisions r ON r.tenant_id = t.id AND r.number = t.head_revision
      WHERE t.id = $1`,
    [tenantId],
  );
  const row = rows[0];
  if (!row)
    return { revision: 0, createdAt: new Date(0).toISOString(), createdBy: null, content: emptyContent() };
  return toRevision(row);
}

export async function getRevision(
  db: Queryable,
  tenantId: string,
  revision: number,
): Promise<RevisionRow | undefined> {
  const rows = await db.query<Row>(
    'SELECT number, created_by, created_at, content FROM revisions WHERE tenant_id = $1 AND number = $2',
    [tenantId, revision],
  );
  return rows[0] ? toRevision(rows[0]) : undefined;
}

export async function listRevisions(db: Queryable, tenantId: string, limit: number, before?: number) {
  const rows = await db.query<Row>(
    `SELECT number, created_by, created_at FROM revisions
      WHERE tenant_id = $1 AND ($2::int IS NULL OR number < $2::int)
      ORDER BY number DESC LIMIT $3`,
    [tenantId, before ?? null, limit + 1],
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    revisions: page.map((row) => {
      const { content: _content, ...summary } = toRevision(row);
      return summary;
    }),
    nextCursor: rows.length > limit && last ? String(last.number) : null,
  };
}

/**
 * Stores `content` as the next revision if the head is still `baseRevision`. The conditional
 * UPDATE takes the tenant row's lock: of concurrent pushes from one base exactly one matches, the
 * others re-read the row after the winner commits, see a new head and fail. No silent overwrite.
 */
export async function pushRevision(
  db: Db,
  principal: Principal,
  baseRevision: number,
  content: StoreContent,
): Promise<number> {
  return db.transaction(async (tx) => {
    const updated = await tx.query<{ head_revision: number }>(
      'UPDATE tenants SET head_revision = head_revision + 1 WHERE id = $1 AND head_revision = $2 RETURNING head_revision',
      [principal.tenantId, baseRevision],
    );
    const next = updated[0]?.head_revision;
    if (next === undefined) {
      const current = await tx.query<{ head_revision: number }>(
        'SELECT head_revision FROM tenants WHERE id = $1',
        [principal.tenantId],
      );
      throw new StaleRevisionError(current[0]?.head_revision ?? 0);
    }
    await tx.query('INSERT INTO revisions (tenant_id, number, content, created_by) VALUES ($1, $2, $3, $4)', [
      principal.tenantId,
      next,
      JSON.stringify(content),
      principal.keyId,
    ]);
    await audit(tx, principal.tenantId, principal.keyId, 'revision.push', {
      revision: next,
      base: baseRevision,
    });
    return next;
  });
}
