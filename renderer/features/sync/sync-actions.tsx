import { useShallow } from 'zustand/react/shallow';
import { assertNever } from '../../../shared/assert-never.ts';
import type { SyncOverall } from '../../../shared/ipc/sync-types.ts';
import { Icon } from '../../components/icon.tsx';
import { useApp } from '../../store/app-store-context.tsx';
import { plainSyncMessage } from './sync-messages.ts';

/** What to do next, when nothing else is being said. */
function hintFor(overall: SyncOverall): string {
  switch (overall) {
    case 'clean':
      return 'Up to date with the server.';
    case 'ahead':
      return 'Your changes are not on the server yet: push to send them.';
    case 'behind':
      return 'Teammates pushed changes: pull to get them.';
    case 'diverged':
      return 'Changed here and on the server: pull to merge, then push.';
    case 'conflicted':
      return 'Resolve the conflicts below, then push.';
    case 'offline':
    case 'unauthorized':
    case 'unconfigured':
    case 'online':
      return '';
    default:
      return assertNever(overall);
  }
}

/** Pull, Push and Publish with their progress, the last result, and the last error in words. */
export function SyncActions() {
  const s = useApp(
    useShallow((st) => ({
      status: st.syncStatus,
      busy: st.syncBusy,
      error: st.syncError,
      summary: st.syncSummary,
      pull: st.pullRemote,
      push: st.pushRemote,
      publish: st.startPublish,
    })),
  );
  const conflicted = (s.status?.conflicts.length ?? 0) > 0;
  const offline = s.status?.connection === 'offline';
  // With no key or a refused one, nothing is known about the server: the remote form comes first.
  const detached = s.status?.connection === 'unauthorized' || s.status?.connection === 'unconfigured';
  const idle = s.busy === null;
  // The next step stands out: pull when the server moved, push when only this side did.
  const overall = s.status?.overall;
  const next = detached
    ? 'none'
    : overall === 'behind' || overall === 'diverged'
      ? 'pull'
      : overall === 'ahead'
        ? 'push'
        : 'publish';
  const kind = (action: typeof next) => (action === next ? 'button' : 'button secondary');
  return (
    <div className="sync-actions-block">
      <div className="sync-actions">
        <button
          type="button"
          className={kind('pull')}
          data-testid="sync-pull"
          disabled={!idle}
          aria-busy={s.busy === 'pull'}
          onClick={() => void s.pull()}
        >
          {s.busy === 'pull' ? <span className="spinner" aria-hidden="true" /> : null}
          {s.busy === 'pull' ? 'Pulling…' : 'Pull'}
        </button>
        <button
          type="button"
          className={kind('push')}
          data-testid="sync-push"
          disabled={!idle || conflicted}
          title={conflicted ? 'Resolve the conflicts first' : 'Send your changes to the server'}
          aria-busy={s.busy === 'push'}
          onClick={() => void s.push()}
        >
          {s.busy === 'push' ? <span className="spinner" aria-hidden="true" /> : null}
          {s.busy === 'push' ? 'Pushing…' : 'Push'}
        </button>
        <button
          type="button"
          className={kind('publish')}
          data-testid="sync-publish"
          disabled={!idle || conflicted || offline}
          title="Check every stage and fixture, review what changes, then publish"
          onClick={() => void s.publish()}
        >
          {s.busy === 'review' ? 'Checking…' : 'Publish…'}
        </button>
      </div>
      {s.error ? (
        <p className="sync-message error" role="alert" data-testid="sync-error">
          <Icon name="error" size={14} />
          <span>{plainSyncMessage(s.error)}</span>
        </p>
      ) : s.status?.message ? (
        <p className={`sync-message ${offline ? 'warn' : 'error'}`} data-testid="sync-status-message">
          <Icon name="warning" size={14} />
          <span>{plainSyncMessage(s.status.message)}</span>
        </p>
      ) : s.summary ? (
        <p className={`sync-message ${conflicted ? 'warn' : 'ok'}`} data-testid="sync-summary">
          <Icon name={conflicted ? 'warning' : 'info'} size={14} />
          <span>{s.summary}</span>
        </p>
      ) : s.status ? (
        <p className="sync-hint" data-testid="sync-hint">
          {hintFor(s.status.overall)}
        </p>
      ) : null}
    </div>
  );
}
