import { useShallow } from 'zustand/react/shallow';
import type { SyncItem, SyncOverall, SyncStatus } from '../../../shared/ipc/sync-types.ts';
import type { WorkspaceSnapshot } from '../../../shared/ipc/workspace-types.ts';
import { Icon } from '../../components/icon.tsx';
import { useApp } from '../../store/app-store-context.tsx';
import { SyncBadge } from './sync-badge.tsx';

interface Row {
  key: string;
  item: Pick<SyncItem, 'kind' | 'name' | 'relPath'>;
  state: SyncOverall;
}

/**
 * Every stage of the workspace with its state against the remote, then the other items that
 * differ (order, fixtures, env, stages that exist only on the server). Unknown while offline.
 */
export function syncRows(snapshot: WorkspaceSnapshot | null, status: SyncStatus | null): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  const push = (group: string, row: Row) => groups.set(group, [...(groups.get(group) ?? []), row]);
  const items = status?.items ?? [];
  // Items unchanged on both sides are not listed by the host: clean, or unknown while offline.
  const fallback: SyncOverall = status?.connection === 'offline' ? 'offline' : 'clean';
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

const KIND_ICON = { stage: 'code', order: 'env', fixture: 'beaker', env: 'json' } as const;

export function SyncStatusList() {
  const s = useApp(
    useShallow((st) => ({ snapshot: st.snapshot, status: st.syncStatus, openFile: st.openFile })),
  );
  const groups = syncRows(s.snapshot, s.status);
  if (groups.size === 0) return <p className="side-empty">No stages yet.</p>;
  return (
    <div className="sync-status-list" data-testid="sync-status-list">
      {[...groups].map(([group, rows]) => (
        <section key={group} className="sync-group">
          <h3 className="tree-section">{group}</h3>
          <ul>
            {rows.map((row) => (
              <li key={row.key}>
                <button
                  type="button"
                  className="sync-row"
                  title={row.item.relPath}
                  data-testid={`sync-item-${group}-${row.item.name}`}
                  data-state={row.state}
                  onClick={() => void s.openFile(row.item.relPath)}
                >
                  <Icon name={KIND_ICON[row.item.kind]} size={14} className="sync-row-icon" />
                  <span className="sync-row-name">
                    {row.item.kind === 'order' ? 'stage order' : row.item.name}
                  </span>
                  <SyncBadge state={row.state} testId="sync-item-state" />
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
