import type { Subscribe } from '../../../shared/ipc/contract.ts';
import type { AppStore } from '../../store/app-store.ts';
import { registerEditorView, registerSideView } from '../../views/view-registry.ts';
import { MergeView } from './merge-view.tsx';
import { SyncView } from './sync-view.tsx';
import './sync.css';

/** Plugs the sync feature into the shell: its side view and the merge view's editor tab. */
export function registerSyncViews(): void {
  registerSideView({ id: 'sync', title: 'Sync', icon: 'cloud', order: 40, component: SyncView });
  registerEditorView({ id: 'sync-merge', component: MergeView });
}

/** Routes `sync.changed` into the store; returns the function that disconnects it. */
export function connectSyncEvents(store: AppStore, on: Subscribe): () => void {
  return on('sync.changed', (status) => store.getState().applySyncStatus(status));
}
