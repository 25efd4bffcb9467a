import { randomUUID } from 'node:crypto';
import { type Role, settingsSchema, type TenantSettings } from '../../shared/store-api.ts';
import type { Db, Queryable } from '../db/adapter.ts';
import { generateApiKey, hashApiKey } from './keys.ts';
import { json } from './rows.ts';

/** Who is calling: resolved from the API key on every request, never cached across instances. */
export interface Principal {
  tenantId: string;
  tenantName: string;
  keyId: string;
  role: Role;
  headRevision: number;
  publishedVersion: number | null;
  settings: TenantSettings;
  /** Sealed secrets `[name, ciphertext]`, loaded with the key only when asked (the runtime). */
  sealedSecrets?: [string, string][];
}

export class TenantExistsError extends Error {}
export class UnknownTenantError extends Error {}

export async function createTenant(db: Db, name: string): Promise<{ id: string; name: string }> {
  if (!/^[a-z0-9][a-z0-9._-]{0,62}$/i.test(name)) {
    throw new Error(
      `"${name}" is not a valid tenant name: use letters, digits, ".", "_" and "-" (at most 63).`,
    );
  }
  const id = randomUUID();
  const rows = await db.query(
    'INSERT INTO tenants (id, name) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING id',
    [id, name],
  );
  if (rows.length === 0) throw new TenantExistsError(`tenant "${name}" already exists`);
  return { id, name };
}

export async function createKey(
  db: Db,
  tenantName: string,
  role: Role,
): Promise<{ id: string; key: string; tenant: string; role: Role }> {
  const tenants = await db.query<{ id: string }>('SELECT id FROM tenants WHERE name = $1', [tenantName]);
  const tenant = tenants[0];
  if (!tenant) {
    throw new UnknownTenantError(
      `no tenant "${tenantName}"; create it first with \`pipeline-studio server create-tenant ${tenantName}\``,
    );
  }
  const generated = generateApiKey();
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO api_keys (id, tenant_id, key_hash, role) VALUES ($1, $2, $3, $4)', [
      generated.id,
      tenant.id,
      generated.hash,
      role,
    ]);
    await audit(tx, tenant.id, null, 'key.create', { keyId: generated.id, role });
  });
  return { id: generated.id, key: generated.key, tenant: tenantName, role };
}

interface PrincipalRow {
  tenant_id: string;
  tenant_name: string;
  key_id: string;
  role: Role;
  head_revision: number;
  published_version: number | null;
  settings: unknown;
  secrets?: unknown;
}

/**
 * The principal of a presented key, or `undefined` for an unknown or revoked key. With
 * `withSecrets`, the tenant's sealed secrets come in the same query: one round trip per runtime run.
 */
export async function authenticate(
  db: Queryable,
  key: string,
  options: { withSecrets?: boolean } = {},
): Promise<Principal | undefined> {
  const secrets = options.withSecrets
    ? `, (SELECT json_agg(json_build_array(s.name, s.ciphertext)) FROM secrets s WHERE s.tenant_id = t.id) AS secrets`
    : '';
  const rows = await db.query<PrincipalRow>(
    `SELECT t.id AS tenant_id, t.name AS tenant_name, k.id AS key_id, k.role, t.head_revision,
            t.published_version, t.settings${secrets}
       FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
      WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
    [hashApiKey(key)],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    tenantId: row.tenant_id,
    tenantName: row.tenant_name,
    keyId: row.key_id,
    role: row.role,
    headRevision: row.head_revision,
    publishedVersion: row.published_version,
    settings: settingsSchema.parse(json(row.settings) ?? {}),
    ...(options.withSecrets ? { sealedSecrets: json<[string, string][] | null>(row.secrets) ?? [] } : {}),
  };
}

export async function updateSettings(db: Db, principal: Principal, settings: TenantSettings): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('UPDATE tenants SET settings = $2 WHERE id = $1', [
      principal.tenantId,
      JSON.stringify(settings),
    ]);
    await audit(tx, principal.tenantId, principal.keyId, 'settings.update', settings);
  });
}

/** Appends to the tenant's audit log, inside the caller's transaction so it commits with the change. */
export async function audit(
  tx: Queryable,
  tenantId: string,
  keyId: string | null,
  action: string,
  detail: object,
): Promise<void> {
  await tx.query('INSERT INTO audit_log (tenant_id, key_id, action, detail) VALUES ($1, $2, $3, $4)', [
    tenantId,
    keyId,
    action,
    JSON.stringify(detail),
  ]);
}
