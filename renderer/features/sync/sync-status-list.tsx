import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../components/icon.tsx';
import { useApp } from '../../store/app-store-context.tsx';
import { SyncBadge } from './sync-badge.tsx';
import { syncRows } from './sync-rows.ts';

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
