import type { IpcError } from '../../shared/ipc/results.ts';
import type { PublishReview, SyncOutcome, SyncStatus, VersionHistory } from '../../shared/ipc/sync-types.ts';
import { errorMessage, type SliceCreator } from './app-state.ts';

/** What the sync view is doing right now; one action at a time, so buttons can show progress. */
export type SyncBusy =
  | 'connect'
  | 'pull'
  | 'push'
  | 'resolve'
  | 'review'
  | 'publish'
  | 'versions'
  | 'rollback';

/** The publish flow: the gate runs, then the review waits for a confirmation, then it is live. */
export type PublishStep =
  | { step: 'checking' }
  | { step: 'review'; review: PublishReview }
  | { step: 'publishing'; review: PublishReview }
  | { step: 'published'; version: number }
  | { step: 'failed'; message: string };

/** What is said when the server cannot be reached: nothing is lost, and what to do. */
export const OFFLINE_MESSAGE =
  'Cannot reach the pipeline store. Your edits stay in the workspace; push when it is reachable again.';

/** The one editor tab of the merge view. */
export const MERGE_TAB = 'sync-merge';

export interface SyncSlice {
  syncStatus: SyncStatus | null;
  /** A status check is in flight; it never blocks the buttons. */
  syncChecking: boolean;
  syncBusy: SyncBusy | null;
  /** The last failed action, shown in the view until the next action. */
  syncError: string | null;
  /** The last thing done, e.g. "Pushed revision 5", "Published version 2". */
  syncSummary: string | null;
  publishFlow: PublishStep | null;
  versionHistory: VersionHistory | null;
  rollbackTarget: number | null;
  refreshSync(): Promise<void>;
  /** `apiKey` empty keeps the stored key. */
  connectRemote(url: string, tenant: string, apiKey: string): Promise<boolean>;
  pullRemote(): Promise<void>;
  pushRemote(): Promise<void>;
  /** The conflict the merge view shows. */
  mergeSelection: string | null;
  /** Opens the merge view (one editor tab) on one conflict. */
  openMerge(conflictId: string): void;
  /** `text` null keeps the item deleted (when one side deleted it). */
  resolveSyncConflict(conflictId: string, text: string | null): Promise<boolean>;
  startPublish(): Promise<void>;
  confirmPublish(note: string): Promise<void>;
  closePublish(): void;
  loadVersions(): Promise<void>;
  askRollback(version: number | null): void;
  confirmRollback(): Promise<void>;
  /** The `sync.changed` event. */
  applySyncStatus(status: SyncStatus): void;
}

/** A transport error that means "the server did not answer": said the same way everywhere. */
function describe(error: unknown): string {
  const code = (error as Partial<IpcError> | undefined)?.code;
  const message = errorMessage(error);
  if (code !== 'unavailable') return message;
  // The host already said it (the Sync view words it once); else say it here, with the cause.
  if (/cannot reach the pipeline store/i.test(message)) return message;
  return `${OFFLINE_MESSAGE} (${message})`;
}

export const createSyncSlice: SliceCreator<SyncSlice> = (api) => (set, get) => {
  let recheck = false;

  /** Runs one sync action: marks it busy, clears the last error, and words any failure. */
  async function run<T>(busy: SyncBusy, task: () => Promise<T>): Promise<T | undefined> {
    if (get().syncBusy !== null) return undefined;
    set({ syncBusy: busy, syncError: null });
    try {
      return await task();
    } catch (error) {
      set({ syncError: describe(error) });
      return undefined;
    } finally {
      set((s) => (s.syncBusy === busy ? { syncBusy: null } : {}));
    }
  }

  /** A pull or a resolution wrote files: the workspace and its open tabs follow. */
  async function applyOutcome(outcome: SyncOutcome): Promise<void> {
    set({ syncStatus: outcome.status, syncSummary: outcome.summary });
    if (outcome.changes.length > 0) {
      await get().applyWorkspaceChanged({ changes: outcome.changes, snapshot: outcome.snapshot });
    } else {
      set({ snapshot: outcome.snapshot });
    }
  }

  return {
    syncStatus: null,
    syncChecking: false,
    syncBusy: null,
    syncError: null,
    syncSummary: null,
    publishFlow: null,
    versionHistory: null,
    rollbackTarget: null,
    refreshSync: async () => {
      // A request during a check may be about a newer change: ask once more when this one ends.
      if (get().syncChecking) {
        recheck = true;
        return;
      }
      set({ syncChecking: true });
      try {
        get().applySyncStatus(await api['sync.status']());
      } catch (error) {
        set({ syncError: describe(error) });
      } finally {
        set({ syncChecking: false });
      }
      if (recheck) {
        recheck = false;
        await get().refreshSync();
      }
    },
    connectRemote: async (url, tenant, apiKey) => {
      const status = await run('connect', () =>
        api['sync.connect']({ url, tenant, ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}) }),
      );
      if (status === undefined) return false;
      set({ syncStatus: status, syncSummary: `Connected to ${tenant} at ${url}` });
      // studio.json now names the remote; the host does not echo its own writes, so re-read.
      await get().reloadWorkspace();
      return true;
    },
    pullRemote: async () => {
      const outcome = await run('pull', () => api['sync.pull']());
      if (outcome) await applyOutcome(outcome);
      const conflict = outcome?.status.conflicts[0];
      if (conflict) get().openMerge(conflict.id);
    },
    pushRemote: async () => {
      const outcome = await run('push', () => api['sync.push']());
      if (outcome) await applyOutcome(outcome);
      const conflict = outcome?.status.conflicts[0];
      if (conflict) get().openMerge(conflict.id);
    },
    mergeSelection: null,
    openMerge: (conflictId) => {
      set({ mergeSelection: conflictId });
      get().openView({ id: MERGE_TAB, title: 'Merge conflicts', viewId: 'sync-merge', params: {} });
    },
    resolveSyncConflict: async (conflictId, text) => {
      const outcome = await run('resolve', () => api['sync.resolveConflict']({ id: conflictId, text }));
      if (!outcome) return false;
      await applyOutcome(outcome);
      const next = outcome.status.conflicts[0];
      if (next) {
        set({ mergeSelection: next.id });
        return true;
      }
      set({ mergeSelection: null });
      get().closeTab(MERGE_TAB);
      get().notify('info', 'Every conflict is resolved; push when you are ready.');
      return true;
    },
    startPublish: async () => {
      set({ publishFlow: { step: 'checking' } });
      const review = await run('review', () => api['sync.publishReview']());
      set({
        publishFlow: review
          ? { step: 'review', review }
          : { step: 'failed', message: get().syncError ?? 'The review could not run.' },
      });
    },
    confirmPublish: async (note) => {
      const flow = get().publishFlow;
      if (flow?.step !== 'review' || !flow.review.gate.passed) return;
      set({ publishFlow: { step: 'publishing', review: flow.review } });
      const published = await run('publish', () =>
        api['sync.publish']({
          draftHash: flow.review.draftHash,
          ...(note.trim() ? { note: note.trim() } : {}),
        }),
      );
      if (!published) {
        set({ publishFlow: { step: 'failed', message: get().syncError ?? 'Publishing failed.' } });
        return;
      }
      set({
        publishFlow: { step: 'published', version: published.version },
        syncSummary: `Published version ${published.version}`,
      });
      await get().refreshSync();
      await get().loadVersions();
    },
    closePublish: () => set({ publishFlow: null }),
    loadVersions: async () => {
      const history = await run('versions', () => api['sync.versions']());
      if (history) set({ versionHistory: history });
    },
    askRollback: (version) => set({ rollbackTarget: version }),
    confirmRollback: async () => {
      const version = get().rollbackTarget;
      if (version === null) return;
      const done = await run('rollback', () => api['sync.rollback']({ version }));
      set({ rollbackTarget: null });
      if (!done) return;
      set({ syncSummary: `Version ${version} is live again, as version ${done.version}` });
      await get().loadVersions();
      await get().refreshSync();
    },
    // A summary ("Pushed revision 1") is about the state it produced; once that changes it goes.
    applySyncStatus: (syncStatus) =>
      set((s) =>
        s.syncStatus?.overall === syncStatus.overall ? { syncStatus } : { syncStatus, syncSummary: null },
      ),
  };
};
