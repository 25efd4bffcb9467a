import type { AppInfo, RecentWorkspace, WorkspaceChanged } from '../../shared/ipc/results.ts';
import type { SandboxState, WorkspaceSnapshot } from '../../shared/ipc/workspace-types.ts';
import type { Trigger } from '../../shared/triggers.ts';
import { errorMessage, type SliceCreator } from './app-state.ts';

/** `idle`: no workspace yet (welcome screen). Mirrored on the root as `data-app-state`. */
export type WorkspaceStatus = 'idle' | 'loading' | 'loaded' | 'error';

export interface AddStageRequest {
  trigger: Trigger;
  name: string;
  /** Absent for a blank stage. */
  templateId?: string;
}

export interface WorkspaceSlice {
  status: WorkspaceStatus;
  appInfo: AppInfo | null;
  snapshot: WorkspaceSnapshot | null;
  loadError: string | null;
  recent: RecentWorkspace[];
  sandbox: SandboxState;
  /** Asks the host which workspace it has open; shows the welcome screen if none. */
  initWorkspace(): Promise<void>;
  openWorkspace(path: string): Promise<boolean>;
  createWorkspace(path: string, name: string): Promise<boolean>;
  reloadWorkspace(): Promise<void>;
  refreshRecent(): Promise<void>;
  /** Adds a stage and opens its file; resolves with the new stage's name, `null` on failure. */
  addStage(request: AddStageRequest): Promise<string | null>;
  renameStage(trigger: Trigger, from: string, to: string): Promise<boolean>;
  deleteStage(trigger: Trigger, name: string): Promise<boolean>;
  setSandbox(state: SandboxState): void;
  /** The host's native folder picker (Electron); `null` when cancelled or unavailable. */
  pickFolder(): Promise<string | null>;
  /** Applies the `workspace.changed` event: new snapshot, then open tabs follow the disk. */
  applyWorkspaceChanged(event: WorkspaceChanged): Promise<void>;
}

export const createWorkspaceSlice: SliceCreator<WorkspaceSlice> = (api) => (set, get) => {
  /**
   * Takes a new snapshot. Host calls such as adding a stage from a template can write env.json
   * too, so an untouched env draft follows it (otherwise saving the table would drop those keys);
   * a draft with edits is kept and the env table asks which to keep.
   */
  function adopt(snapshot: WorkspaceSnapshot): void {
    const before = get().snapshot?.env;
    set({ snapshot });
    if (!get().envDirty) get().resetEnvDraft();
    else if (JSON.stringify(before) !== JSON.stringify(snapshot.env)) set({ envConflict: true });
  }

  /** Runs a call that yields a new snapshot; a failure becomes a notice, not a thrown error. */
  async function mutate(call: () => Promise<{ snapshot: WorkspaceSnapshot }>): Promise<boolean> {
    try {
      adopt((await call()).snapshot);
      return true;
    } catch (error) {
      get().notify('error', errorMessage(error));
      return false;
    }
  }

  async function load(call: () => Promise<WorkspaceSnapshot>): Promise<boolean> {
    const previous = get().status;
    set({ status: 'loading', loadError: null });
    try {
      const snapshot = await call();
      get().closeAllTabs();
      set({ snapshot, status: 'loaded' });
      get().resetEnvDraft();
      void get().refreshRecent();
      return true;
    } catch (error) {
      set({ status: previous === 'loading' ? 'error' : previous, loadError: errorMessage(error) });
      return false;
    }
  }

  return {
    status: 'loading',
    appInfo: null,
    snapshot: null,
    loadError: null,
    recent: [],
    sandbox: 'starting',
    initWorkspace: async () => {
      set({ status: 'loading', loadError: null });
      try {
        const appInfo = await api['app.info']();
        set({ appInfo, sandbox: appInfo.sandbox });
        const snapshot = appInfo.workspacePath ? await api['workspace.snapshot']() : null;
        set({ snapshot, status: snapshot ? 'loaded' : 'idle' });
        get().resetEnvDraft();
      } catch (error) {
        set({ status: 'error', loadError: errorMessage(error) });
      }
      void get().refreshRecent();
    },
    openWorkspace: (path) => load(() => api['workspace.open']({ path })),
    createWorkspace: (path, name) => load(() => api['workspace.create']({ path, name })),
    reloadWorkspace: async () => {
      await mutate(async () => ({ snapshot: await api['workspace.snapshot']() }));
    },
    refreshRecent: async () => {
      try {
        set({ recent: await api['workspace.recent']() });
      } catch (error) {
        get().notify('error', `Could not read the recent workspaces: ${errorMessage(error)}`);
      }
    },
    addStage: async ({ trigger, name, templateId }) => {
      try {
        const created = templateId
          ? await api['stage.addFromTemplate']({ trigger, templateId, name })
          : await api['stage.add']({ trigger, name });
        adopt(created.snapshot);
        const relPath = stagePath(created.snapshot, trigger, created.id);
        if (relPath) await get().openFile(relPath);
        return created.id;
      } catch (error) {
        get().notify('error', errorMessage(error));
        return null;
      }
    },
    renameStage: async (trigger, from, to) => {
      const relPath = stagePath(get().snapshot, trigger, from);
      const ok = await mutate(() => api['stage.rename']({ trigger, from, to }));
      if (ok && relPath) get().closeTab(relPath);
      return ok;
    },
    deleteStage: async (trigger, name) => {
      const relPath = stagePath(get().snapshot, trigger, name);
      const ok = await mutate(() => api['stage.delete']({ trigger, name }));
      if (ok && relPath) get().closeTab(relPath);
      return ok;
    },
    setSandbox: (sandbox) => set({ sandbox }),
    pickFolder: async () => {
      try {
        return (await api['dialog.pickFolder']())?.path ?? null;
      } catch (error) {
        get().notify('error', `Could not open the folder picker: ${errorMessage(error)}`);
        return null;
      }
    },
    applyWorkspaceChanged: async ({ changes, snapshot }) => {
      adopt(snapshot);
      for (const change of changes) await get().applyOutsideChange(change);
    },
  };
};

/** The file of a stage, as the snapshot knows it (its name and file may differ). */
export function stagePath(
  snapshot: WorkspaceSnapshot | null,
  trigger: Trigger,
  name: string,
): string | undefined {
  const pipeline = snapshot?.pipelines.find((p) => p.trigger === trigger);
  return pipeline?.stages.find((s) => s.name === name)?.relPath;
}
