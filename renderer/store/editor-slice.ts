import type { WorkspaceChange } from '../../shared/ipc/workspace-types.ts';
import { errorMessage, type SliceCreator } from './app-state.ts';

/** A place in a file to show, e.g. where a problem is. Lines and columns start at 1. */
export interface Reveal {
  line: number;
  column?: number;
}

export interface FileTab {
  kind: 'file';
  /** The tab id: the file's path relative to the workspace root. */
  id: string;
  savedContent: string;
  content: string;
  /**
   * Bumped when the content is replaced from outside the editor (reload from disk), so the
   * editor view knows to push it into its model instead of treating it as a user edit.
   */
  revision: number;
  /** Set when the file changed on disk while the tab had unsaved edits: the person decides. */
  conflict: { diskContent: string } | null;
}

/** A tab that shows a registered editor view (a canvas, a run timeline) instead of a file. */
export interface ViewTab {
  kind: 'view';
  id: string;
  title: string;
  viewId: string;
  params: Record<string, string>;
}

export type EditorTab = FileTab | ViewTab;

export interface EditorSlice {
  tabs: EditorTab[];
  activeTabId: string | null;
  reveal: { tabId: string; at: Reveal; nonce: number } | null;
  openFile(relPath: string, at?: Reveal): Promise<void>;
  openView(tab: Omit<ViewTab, 'kind'>): void;
  activateTab(id: string): void;
  /** Closes a tab, discarding unsaved edits; people go through `requestCloseTab`. */
  closeTab(id: string): void;
  /** Closes a clean tab; for a tab with unsaved edits, asks first (save, don't save, cancel). */
  requestCloseTab(id: string): void;
  closeAllTabs(): void;
  editContent(id: string, content: string): void;
  saveTab(id: string): Promise<boolean>;
  /** Applies an outside change: reloads a clean tab, flags a conflict on a dirty one. */
  applyOutsideChange(change: WorkspaceChange): Promise<void>;
  resolveConflict(id: string, choice: 'reload' | 'keep'): void;
}

export function isDirty(tab: EditorTab): boolean {
  return tab.kind === 'file' && tab.content !== tab.savedContent;
}

let revealNonce = 0;

export const createEditorSlice: SliceCreator<EditorSlice> = (api) => (set, get) => {
  function updateFile(id: string, change: (tab: FileTab) => FileTab): void {
    set((s) => ({ tabs: s.tabs.map((t) => (t.kind === 'file' && t.id === id ? change(t) : t)) }));
  }
  function fileTab(id: string): FileTab | undefined {
    const tab = get().tabs.find((t) => t.id === id);
    return tab?.kind === 'file' ? tab : undefined;
  }

  return {
    tabs: [],
    activeTabId: null,
    reveal: null,
    openFile: async (relPath, at) => {
      if (!fileTab(relPath)) {
        let content: string;
        try {
          content = (await api['file.read']({ relPath })).text;
        } catch (error) {
          get().notify('error', `Could not open ${relPath}: ${errorMessage(error)}`);
          return;
        }
        if (!fileTab(relPath)) {
          const tab: FileTab = {
            kind: 'file',
            id: relPath,
            savedContent: content,
            content,
            revision: 0,
            conflict: null,
          };
          set((s) => ({ tabs: [...s.tabs, tab] }));
        }
      }
      set({
        activeTabId: relPath,
        reveal: at ? { tabId: relPath, at, nonce: ++revealNonce } : get().reveal,
      });
    },
    openView: (tab) => {
      if (!get().tabs.some((t) => t.id === tab.id)) {
        set((s) => ({ tabs: [...s.tabs, { kind: 'view', ...tab }] }));
      }
      set({ activeTabId: tab.id });
    },
    activateTab: (id) => set({ activeTabId: id }),
    closeTab: (id) =>
      set((s) => {
        const index = s.tabs.findIndex((t) => t.id === id);
        if (index < 0) return {};
        const tabs = s.tabs.filter((t) => t.id !== id);
        const next = tabs[Math.min(index, tabs.length - 1)];
        return { tabs, activeTabId: s.activeTabId === id ? (next?.id ?? null) : s.activeTabId };
      }),
    requestCloseTab: (id) => {
      const tab = get().tabs.find((t) => t.id === id);
      if (tab && isDirty(tab)) get().openDialog({ kind: 'confirm-close-tab', tabId: id });
      else get().closeTab(id);
    },
    closeAllTabs: () => set({ tabs: [], activeTabId: null, reveal: null }),
    editContent: (id, content) => updateFile(id, (t) => ({ ...t, content })),
    saveTab: async (id) => {
      const tab = fileTab(id);
      if (!tab) return false;
      const content = tab.content;
      try {
        const { snapshot } = await api['file.write']({ relPath: id, text: content });
        updateFile(id, (t) => ({ ...t, savedContent: content, conflict: null }));
        set({ snapshot });
        get().appendLog({ level: 'info', message: `Saved ${id}`, time: new Date().toISOString() });
        return true;
      } catch (error) {
        get().notify('error', `Could not save ${id}: ${errorMessage(error)}`);
        return false;
      }
    },
    applyOutsideChange: async (change) => {
      const tab = fileTab(change.relPath);
      if (!tab) return;
      if (change.kind === 'removed') {
        if (!isDirty(tab)) get().closeTab(tab.id);
        return;
      }
      let disk: string;
      try {
        disk = (await api['file.read']({ relPath: change.relPath })).text;
      } catch (error) {
        get().notify('error', `Could not reload ${change.relPath}: ${errorMessage(error)}`);
        return;
      }
      const current = fileTab(change.relPath);
      if (!current || disk === current.savedContent) return;
      if (isDirty(current)) {
        updateFile(current.id, (t) => ({ ...t, conflict: { diskContent: disk } }));
      } else {
        updateFile(current.id, (t) => ({
          ...t,
          savedContent: disk,
          content: disk,
          revision: t.revision + 1,
        }));
      }
    },
    resolveConflict: (id, choice) =>
      updateFile(id, (t) => {
        if (!t.conflict) return t;
        if (choice === 'keep') return { ...t, savedContent: t.conflict.diskContent, conflict: null };
        const disk = t.conflict.diskContent;
        return { ...t, savedContent: disk, content: disk, revision: t.revision + 1, conflict: null };
      }),
  };
};
