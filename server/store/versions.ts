import type { StoreContent, VersionBody, VersionSummary } from '../../shared/store-api.ts';
import type { Db, Queryable } from '../db/adapter.ts';
import { iso, json } from './rows.ts';
import { audit, type Principal } from './tenants.ts';

export class NotFoundError extends Error {}

interface Row {
  number: number;
  revision: number;
  rollback_of: number | null;
  note: string;
  created_by: string | null;
  created_at: unknown;
  content?: unknown;
}

const SUMMARY = 'number, revision, rollback_of, note, created_by, created_at';

const toSummary = (row: Row): VersionSummary => ({
  version: row.number,
  revision: row.revision,
  rollbackOf: row.rollback_of,
  note: row.note,
  createdBy: row.created_by,
  createdAt: iso(row.created_at),
});

export async function listVersions(db: Queryable, tenantId: string): Promise<VersionSummary[]> {
  const rows = await db.query<Row>(
    `SELECT ${SUMMARY} FROM versions WHERE tenant_id = $1 ORDER BY number DESC`,
    [tenantId],
  );
  return rows.map(toSummary);
}

export async function getVersion(
  db: Queryable,
  tenantId: string,
  version: number,
): Promise<VersionBody | undefined> {
  const rows = await db.query<Row>(
    `SELECT ${SUMMARY}, content FROM versions WHERE tenant_id = $1 AND number = $2`,
    [tenantId, version],
  );
  const row = rows[0];
  return row ? { ...toSummary(row), content: json<StoreContent>(row.content) } : undefined;
}

/**
 * Makes a new immutable version and points the tenant's runtime at it, in one transaction: a crash
 * at any point leaves either no new version or a whole, published one. `from` is a revision
 * (publish) or an earlier version (rollback republishes its content as a new version).
 */
export async function publish(
  db: Db,
  principal: Principal,
  from: { revision: number; note: string } | { rollbackOf: number; note: string },
): Promise<VersionSummary> {
  return db.transaction(async (tx) => {
    // Lock the tenant row: concurrent publishes get consecutive numbers instead of a key clash.
    await tx.query('SELECT id FROM tenants WHERE id = $1 FOR UPDATE', [principal.tenantId]);
    let revision: number;
    let content: string;
    let rollbackOf: number | null = null;
    if ('revision' in from) {
      const rows = await tx.query<{ content: unknown }>(
        'SELECT content FROM revisions WHERE tenant_id = $1 AND number = $2',
        [principal.tenantId, from.revision],
      );
      if (!rows[0]) throw new NotFoundError(`revision ${from.revision} does not exist`);
      revision = from.revision;
      content = JSON.stringify(json(rows[0].content));
    } else {
      const rows = await tx.query<{ content: unknown; revision: number }>(
        'SELECT content, revision FROM versions WHERE tenant_id = $1 AND number = $2',
        [principal.tenantId, from.rollbackOf],
      );
      if (!rows[0]) throw new NotFoundError(`version ${from.rollbackOf} does not exist`);
      revision = rows[0].revision;
      content = JSON.stringify(json(rows[0].content));
      rollbackOf = from.rollbackOf;
    }
    const next = await tx.query<{ n: number }>(
      'SELECT COALESCE(MAX(number), 0) + 1 AS n FROM versions WHERE tenant_id = $1',
      [principal.tenantId],
    );
    const number = Number(next[0]?.n ?? 1);
    const inserted = await tx.query<Row>(
      `INSERT INTO versions (tenant_id, number, revision, content, rollback_of, note, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${SUMMARY}`,
      [principal.tenantId, number, revision, content, rollbackOf, from.note, principal.keyId],
    );
    await tx.query('UPDATE tenants SET published_version = $2 WHERE id = $1', [principal.tenantId, number]);
    await audit(
      tx,
      principal.tenantId,
      principal.keyId,
      rollbackOf === null ? 'version.publish' : 'version.rollback',
      {
        version: number,
        revision,
        ...(rollbackOf === null ? {} : { rollbackOf }),
      },
    );
    const row = inserted[0];
    if (!row) throw new Error('the new version was not stored');
    return toSummary(row);
  });
}
