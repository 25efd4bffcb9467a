import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../components/icon.tsx';
import { useApp } from '../../store/app-store-context.tsx';
import { syncStateText } from './sync-badge.tsx';

/** The status bar's sync item: the overall state; a click opens the Sync view. */
export function SyncStatusItem() {
  const s = useApp(
    useShallow((st) => ({
      status: st.syncStatus,
      busy: st.syncBusy,
      show: st.showSideView,
      hasWorkspace: st.snapshot !== null,
    })),
  );
  if (!s.hasWorkspace) return null;
  const overall = s.status?.overall ?? 'unconfigured';
  const text = syncStateText(overall);
  const working = s.busy === 'pull' || s.busy === 'push' || s.busy === 'publish';
  const label = working ? `${s.busy}ing…` : text.label;
  return (
    <button
      type="button"
      className={`status-item sync-status ${overall}`}
      data-testid="status-sync"
      data-state={overall}
      title={
        s.status?.remote ? `${s.status.remote.tenant} at ${s.status.remote.url}: ${text.hint}` : text.hint
      }
      onClick={() => s.show('sync')}
    >
      <Icon name="cloud" size={12} />
      {s.status?.remote ? `${s.status.remote.tenant}: ${label}` : 'Sync: no remote'}
    </button>
  );
}
