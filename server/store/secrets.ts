import type { Db, Queryable } from '../db/adapter.ts';
import type { SecretBox } from '../secret-box.ts';
import { iso } from './rows.ts';
import { audit, type Principal } from './tenants.ts';

const aad = (tenantId: string, name: string) => `${tenantId}/${name}`;

/** Names and update times only: values are write-only over the API. */
export async function listSecretNames(db: Queryable, tenantId: string) {
  const rows = await db.query<{ name: string; updated_at: unknown }>(
    'SELECT name, updated_at FROM secrets WHERE tenant_id = $1 ORDER BY name',
    [tenantId],
  );
  return rows.map((row) => ({ name: row.name, updatedAt: iso(row.updated_at) }));
}

export async function putSecret(db: Db, box: SecretBox, principal: Principal, name: string, value: string) {
  const sealed = box.seal(value, aad(principal.tenantId, name));
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO secrets (tenant_id, name, ciphertext) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, name) DO UPDATE SET ciphertext = EXCLUDED.ciphertext, updated_at = now()`,
      [principal.tenantId, name, sealed],
    );
    await audit(tx, principal.tenantId, principal.keyId, 'secret.put', { name });
  });
}

/** `false` when the tenant has no such secret. */
export async function deleteSecret(db: Db, principal: Principal, name: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.query('DELETE FROM secrets WHERE tenant_id = $1 AND name = $2 RETURNING name', [
      principal.tenantId,
      name,
    ]);
    if (rows.length === 0) return false;
    await audit(tx, principal.tenantId, principal.keyId, 'secret.delete', { name });
    return true;
  });
}

/** Decrypted values for the runtime: they go to the executor, which injects and redacts them. */
export function openSecrets(
  box: SecretBox,
  tenantId: string,
  sealed: [string, string][],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, ciphertext] of sealed) out[name] = box.open(ciphertext, aad(tenantId, name));
  return out;
}
