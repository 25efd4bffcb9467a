import { hashApiKey } from './keys.ts';
import type { Principal } from './tenants.ts';

/**
 * Runtime principals (key, tenant state and sealed secrets) for up to `ttlMs`, so a runtime run
 * costs no query on the hot path. Every write through this instance drops its tenant's entries at
 * once; a write through another instance reaches this one within `ttlMs`. Nothing here is needed by
 * another instance: a miss reads the database.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();
  private readonly ttlMs: number;
  private readonly max: number;

  constructor(ttlMs = 1000, max = 10_000) {
    this.ttlMs = ttlMs;
    this.max = max;
  }

  async get(
    key: string,
    load: (key: string) => Promise<Principal | undefined>,
  ): Promise<Principal | undefined> {
    const hash = hashApiKey(key);
    const hit = this.entries.get(hash);
    const now = Date.now();
    if (hit && hit.until > now) return hit.principal;
    const principal = await load(key);
    if (principal && this.ttlMs > 0) {
      if (this.entries.size >= this.max) this.entries.clear();
      this.entries.set(hash, { principal, until: now + this.ttlMs });
    } else this.entries.delete(hash);
    return principal;
  }

  invalidateTenant(tenantId: string): void {
    for (const [hash, entry] of this.entries)
      if (entry.principal.tenantId === tenantId) this.entries.delete(hash);
  }
}
