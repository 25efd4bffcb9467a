import type { SyncItem, SyncOverall, SyncStatus } from '../../../shared/ipc/sync-types.ts';
import type { WorkspaceSnapshot } from '../../../shared/ipc/workspace-types.ts';

/** A row's state: a sync state, or unknown when the server could not be asked (key refused). */
export type SyncRowState = SyncOverall | 'unknown';

export interface SyncRow {
  key: string;
  item: Pick<SyncItem, 'kind' | 'name' | 'relPath'>;
  state: SyncRowState;
}

/**
 * Every stage of the workspace with its state against the remote, then the other items that
 * differ (order, fixtures, env, stages that exist only on the server). Unknown while offline.
 */
export function syncRows(
  snapshot: WorkspaceSnapshot | null,
  status: SyncStatus | null,
): Map<string, SyncRow[]> {
  const groups = new Map<string, SyncRow[]>();
  const push = (group: string, row: SyncRow) => groups.set(group, [...(groups.get(group) ?? []), row]);
  const items = status?.items ?? [];
  // Items unchanged on both sides are not listed by the host: clean when it answered, offline
  // when it could not be reached, and unknown when it was not asked (no key, key refused).
  const connection = status?.connection ?? 'online';
  const fallback: SyncRowState =
    connection === 'online' ? 'clean' : connection === 'offline' ? 'offline' : 'unknown';
  const seen = new Set<SyncItem>();
  for (const pipeline of snapshot?.pipelines ?? []) {
    for (const stage of pipeline.stages) {
      const item = items.find(
        (i) => i.trigger === pipeline.trigger && i.kind === 'stage' && i.name === stage.name,
      );
      if (item) seen.add(item);
      push(pipeline.trigger, {
        key: `stage/${stage.name}`,
        item: { kind: 'stage', name: stage.name, relPath: stage.relPath },
        state: item?.state ?? fallback,
      });
    }
  }
  for (const item of items) {
    if (seen.has(item)) continue;
    push(item.trigger ?? 'Workspace', { key: `${item.kind}/${item.name}`, item, state: item.state });
  }
  return groups;
}
