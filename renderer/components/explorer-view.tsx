import { useApp } from '../store/app-store-context.tsx';
import { ExplorerTree } from './explorer-tree.tsx';
import { IconButton } from './icon-button.tsx';
import { SideHeader } from './side-bar.tsx';

/** The explorer side view: the open workspace's files, with workspace-level actions. */
export function ExplorerView() {
  const snapshot = useApp((s) => s.snapshot);
  const openDialog = useApp((s) => s.openDialog);
  const reload = useApp((s) => s.reloadWorkspace);
  return (
    <div className="side-view">
      <SideHeader title="Explorer">
        <IconButton
          icon="plus"
          label="Add a stage"
          testId="explorer-add-stage"
          onClick={() => openDialog({ kind: 'add-stage' })}
        />
        <IconButton
          icon="refresh"
          label="Reload the workspace from disk"
          testId="explorer-refresh"
          onClick={() => void reload()}
        />
        <IconButton
          icon="folder"
          label="Open a workspace"
          testId="explorer-open-workspace"
          onClick={() => openDialog({ kind: 'open-workspace' })}
        />
      </SideHeader>
      {snapshot ? (
        <>
          <div
            className="workspace-name"
            data-testid="workspace-name"
            title={`${snapshot.studio.name}\n${snapshot.root}`}
          >
            {snapshot.studio.name}
          </div>
          <ExplorerTree pipelines={snapshot.pipelines} />
        </>
      ) : (
        <p className="side-empty">No workspace is open.</p>
      )}
    </div>
  );
}
