import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { IconButton } from '../../components/icon-button.tsx';
import { SideHeader } from '../../components/side-bar.tsx';
import { useApp } from '../../store/app-store-context.tsx';
import { RemoteForm } from './remote-form.tsx';
import { SyncActions } from './sync-actions.tsx';
import { SyncBadge } from './sync-badge.tsx';
import { SyncConflicts } from './sync-conflicts.tsx';
import { SyncStatusList } from './sync-status-list.tsx';
import { VersionHistory } from './version-history.tsx';

/** The Sync side view: the remote, the state of every stage, pull/push/publish, versions. */
export function SyncView() {
  const s = useApp(
    useShallow((st) => ({
      status: st.syncStatus,
      checking: st.syncChecking,
      refresh: st.refreshSync,
      hasWorkspace: st.snapshot !== null,
    })),
  );
  const [editing, setEditing] = useState(false);
  const { refresh, hasWorkspace } = s;
  useEffect(() => {
    if (hasWorkspace) void refresh();
  }, [hasWorkspace, refresh]);
  if (!hasWorkspace) return <p className="side-empty">Open a workspace to sync it.</p>;
  const remote = s.status?.remote ?? null;

  return (
    <div
      className="side-view sync-view"
      data-testid="sync-view"
      data-sync-state={s.status?.overall ?? 'loading'}
    >
      <SideHeader title="Sync">
        <IconButton
          icon="refresh"
          label="Check the server again"
          testId="sync-refresh"
          disabled={s.checking || !remote}
          onClick={() => void refresh()}
        />
      </SideHeader>
      {remote && !editing ? (
        <div className="sync-remote" data-testid="sync-remote">
          <div className="sync-remote-line">
            <span className="sync-remote-tenant">{remote.tenant}</span>
            <SyncBadge state={s.status?.overall ?? 'clean'} testId="sync-overall" />
          </div>
          <div className="sync-remote-url" title={remote.url}>
            {remote.url}
          </div>
          <div className="sync-remote-meta">
            {s.status?.baseRevision === null || s.status === null
              ? 'never synced'
              : `synced at rev ${s.status.baseRevision}`}
            {s.status?.headRevision == null ? '' : ` · server rev ${s.status.headRevision}`}
            {s.status?.publishedVersion == null ? '' : ` · live v${s.status.publishedVersion}`}
          </div>
          <button
            type="button"
            className={s.status?.connection === 'unauthorized' ? 'button sync-edit-remote-primary' : 'link'}
            data-testid="sync-edit-remote"
            onClick={() => setEditing(true)}
          >
            Change remote or key
          </button>
        </div>
      ) : (
        <>
          <p className="side-note">
            Connect a pipeline store (started with <code>pipeline-studio serve</code>) to push, pull and
            publish.
          </p>
          <RemoteForm {...(remote ? { onDone: () => setEditing(false) } : {})} />
        </>
      )}
      {remote ? (
        <>
          <SyncActions />
          <SyncConflicts />
          <SyncStatusList />
          <VersionHistory />
        </>
      ) : null}
    </div>
  );
}
