import { useShallow } from 'zustand/react/shallow';
import { assertNever } from '../../shared/assert-never.ts';
import type { SandboxState } from '../../shared/ipc/workspace-types.ts';
import { SyncStatusItem } from '../features/sync/sync-status-item.tsx';
import { useApp } from '../store/app-store-context.tsx';
import { problemRows } from '../store/problem-rows.ts';
import { Icon } from './icon.tsx';

function sandboxLabel(state: SandboxState): string {
  switch (state) {
    case 'starting':
      return 'Sandbox starting';
    case 'ready':
      return 'Sandbox ready';
    case 'restarting':
      return 'Sandbox restarting';
    case 'closed':
      return 'Sandbox stopped';
    default:
      return assertNever(state);
  }
}

/** The strip at the bottom: sandbox host state, problem count, workspace path. */
export function StatusBar() {
  const { sandbox, root } = useApp(useShallow((s) => ({ sandbox: s.sandbox, root: s.snapshot?.root })));
  const problems = useApp((s) => problemRows(s).length);
  const show = useApp((s) => s.showBottomPanel);
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className={`status-item sandbox ${sandbox}`} data-testid="status-sandbox" data-state={sandbox}>
        <Icon name="circle" size={10} />
        {sandboxLabel(sandbox)}
      </span>
      <button
        type="button"
        className="status-item"
        data-testid="status-problems"
        onClick={() => show('problems')}
      >
        <Icon name="error" size={12} /> {problems}
      </button>
      <SyncStatusItem />
      <span className="spacer" />
      <span className="status-item path" data-testid="status-workspace" title={root}>
        {root ?? 'No workspace'}
      </span>
    </footer>
  );
}
