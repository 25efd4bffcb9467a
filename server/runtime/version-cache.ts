import type { StoreContent } from '../../shared/store-api.ts';

/**
 * Published versions are immutable, so their content can be kept per process without any
 * coordination between instances: a new publish changes the version number, not the entry.
 */
export class VersionCache {
  private readonly entries = new Map<string, Promise<StoreContent>>();
  private readonly max: number;

  constructor(max = 256) {
    this.max = max;
  }

  get(tenantId: string, version: number, load: () => Promise<StoreContent>): Promise<StoreContent> {
    const key = `${tenantId}:${version}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = load();
      // A failed load is not kept (the caller gets the error from `entry` itself); the next call retries.
      entry.catch(() => this.entries.delete(key));
      if (this.entries.size >= this.max) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
      this.entries.set(key, entry);
    }
    return entry;
  }
}
