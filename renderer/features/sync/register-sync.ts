import type { Subscribe } from '../../../shared/ipc/contract.ts';
import type { AppStore } from '../../store/app-store.ts';
import { registerEditorView, registerSideView } from '../../views/view-registry.ts';
import { MergeView } from './merge-view.tsx';
import { SyncView } from './sync-view.tsx';
import './sync-view.css';
import './merge-view.css';
import './publish-review.css';

/** Plugs the sync feature into the shell: its side view and the merge view's editor tab. */
export function registerSyncViews(): void {
  registerSideView({ id: 'sync', title: 'Sync', icon: 'cloud', order: 40, component: SyncView });
  registerEditorView({ id: 'sync-merge', component: MergeView });
}

/** Quiet time after a workspace change before the status is asked again (saves come in bursts). */
const RECHECK_MS = 400;
/** How often a connected workspace asks whether teammates pushed, so "behind" shows without a click. */
const POLL_MS = 30_000;

/**
 * Routes `sync.changed` into the store, and re-checks the status when the workspace changes (a
 * save here or an edit outside) and every half minute, so badges turn "ahead" or "behind"
 * without a click. Returns the disconnect.
 */
export function connectSyncEvents(store: AppStore, on: Subscribe): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const off = on('sync.changed', (status) => store.getState().applySyncStatus(status));
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.snapshot === previous.snapshot || !state.snapshot || !state.syncStatus?.remote) return;
    clearTimeout(timer);
    timer = setTimeout(() => void store.getState().refreshSync(), RECHECK_MS);
  });
  const poll = setInterval(() => {
    const state = store.getState();
    if (state.syncStatus?.remote && state.syncBusy === null && document.visibilityState === 'visible') {
      void state.refreshSync();
    }
  }, POLL_MS);
  return () => {
    clearInterval(poll);
    clearTimeout(timer);
    off();
    unsubscribe();
  };
}
