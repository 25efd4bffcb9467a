import type { Db } from '../db/adapter.ts';
import { insertLogs, type NewLog } from '../store/logs.ts';

/**
 * Writes runtime execution logs in batches (one multi-row INSERT per flush) so logging costs the
 * runtime a fraction of a query per run. A batch waits at most `delayMs`; `close()` flushes it.
 * A crash loses at most the runs of the last `delayMs`, never a decision already answered.
 */
export class LogWriter {
  private queue: { tenantId: string; log: NewLog }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private readonly db: Db;
  private readonly delayMs: number;
  private readonly maxBatch: number;

  constructor(db: Db, delayMs = 25, maxBatch = 200) {
    this.db = db;
    this.delayMs = delayMs;
    this.maxBatch = maxBatch;
  }

  add(tenantId: string, log: NewLog): void {
    this.queue.push({ tenantId, log });
    if (this.queue.length >= this.maxBatch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Writes everything queued so far; resolves when it is stored. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return this.flushing;
    this.flushing = this.flushing.then(async () => {
      const byTenant = new Map<string, NewLog[]>();
      for (const { tenantId, log } of batch) byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), log]);
      for (const [tenantId, logs] of byTenant) {
        try {
          await insertLogs(this.db, tenantId, logs);
        } catch (error) {
          console.error(
            `store server: ${logs.length} execution log(s) could not be stored: ${(error as Error).message}`,
          );
        }
      }
    });
    return this.flushing;
  }
}
