import type { VersionSummary } from '../../shared/store-api.ts';
import type { Executor } from '../executor/index.ts';
import type { Conflict } from './conflicts.ts';
import { checkGate, type GateReport } from './gate.ts';
import { buildReview, type Review } from './review.ts';
import type { SyncService } from './sync-service.ts';
import { SyncError } from './workspace-content.ts';

export type PublishResult =
  | { status: 'gate-failed'; gate: GateReport }
  | { status: 'cancelled'; gate: GateReport; review: Review }
  | { status: 'conflict'; conflicts: Conflict[] }
  | { status: 'published'; gate: GateReport; review: Review; revision: number; version: VersionSummary };

export interface PublishOptions {
  executor: Executor;
  /** Shown the review; resolves to whether to publish. */
  confirm(review: Review): Promise<boolean>;
  note?: string;
}

/**
 * One-click publish: the gate (every stage compiles, every fixture passes), the review (behaviour
 * diff against the live version, code/order/settings diff), confirmation, then push and publish
 * that exact revision. The store's changes must be pulled first, so what was checked is what goes live.
 */
export async function publishWorkspace(sync: SyncService, options: PublishOptions): Promise<PublishResult> {
  const status = await sync.status();
  if (!status.reachable) throw new SyncError(status.unreachableReason ?? 'the pipeline store is unreachable');
  if (status.state === 'behind' || status.state === 'diverged') {
    const names = status.items
      .filter((i) => i.state === 'behind' || i.state === 'diverged')
      .map((i) => i.name);
    throw new SyncError(
      `the store has changes this workspace has not pulled (${names.join(', ')}): pull, check, then publish`,
    );
  }
  const content = await sync.localContent();
  const secrets = await sync.workspace.secretValues();
  const gate = await checkGate(content, options.executor, secrets);
  if (!gate.ok) return { status: 'gate-failed', gate };
  const published = await sync.client.published();
  const review = await buildReview(
    published ? { version: published.version, content: published.content } : null,
    content,
    options.executor,
    secrets,
  );
  if (!(await options.confirm(review))) return { status: 'cancelled', gate, review };
  const pushed = await sync.push();
  if (pushed.status === 'conflict') return { status: 'conflict', conflicts: pushed.conflicts };
  const version = await sync.client.publish(pushed.revision, options.note ?? '');
  return { status: 'published', gate, review, revision: pushed.revision, version };
}
