import { useApp } from '../store/app-store-context.tsx';
import type { FileTab } from '../store/editor-slice.ts';
import { Icon } from './icon.tsx';

/** Asks what to do when a file changed on disk while its tab had unsaved edits. */
export function ConflictBar(props: { tab: FileTab }) {
  const resolve = useApp((s) => s.resolveConflict);
  if (!props.tab.conflict) return null;
  return (
    <div className="conflict-bar" role="alert" data-testid="conflict-bar">
      <Icon name="warning" className="conflict-icon" />
      <span>
        <strong>{props.tab.id}</strong> changed on disk while you had unsaved edits.
      </span>
      <button
        type="button"
        className="button"
        data-testid="conflict-reload"
        onClick={() => resolve(props.tab.id, 'reload')}
      >
        Reload from disk
      </button>
      <button
        type="button"
        className="button secondary"
        data-testid="conflict-keep"
        onClick={() => resolve(props.tab.id, 'keep')}
      >
        Keep mine
      </button>
    </div>
  );
}
