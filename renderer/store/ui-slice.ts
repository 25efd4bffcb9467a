import { assertNever } from '../../shared/assert-never.ts';
import type { MenuCommand } from '../../shared/ipc/results.ts';
import type { Trigger } from '../../shared/triggers.ts';
import type { SliceCreator } from './app-state.ts';
import { isDirty } from './editor-slice.ts';

export type Theme = 'light' | 'dark';

/** A modal dialog; one at a time. */
export type Dialog =
  | { kind: 'open-workspace' }
  | { kind: 'create-workspace' }
  | { kind: 'add-stage'; trigger?: Trigger; templateId?: string }
  | { kind: 'rename-stage'; trigger: Trigger; name: string }
  | { kind: 'confirm-delete-stage'; trigger: Trigger; name: string }
  | { kind: 'confirm-close-tab'; tabId: string };

export interface UiSlice {
  theme: Theme;
  dialog: Dialog | null;
  setTheme(theme: Theme): void;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  /** Saves the active tab (Ctrl/Cmd+S). */
  saveActive(): Promise<void>;
  /** Carries out an application-menu command sent by the Electron host. */
  runMenuCommand(command: MenuCommand): void;
}

export const createUiSlice: SliceCreator<UiSlice> = () => (set, get) => ({
  theme: 'light',
  dialog: null,
  setTheme: (theme) => set({ theme }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  saveActive: async () => {
    const id = get().activeTabId;
    if (id) await get().saveTab(id);
  },
  runMenuCommand: (command) => {
    const state = get();
    switch (command) {
      case 'save':
        void state.saveActive();
        return;
      case 'save-all':
        for (const tab of state.tabs) if (isDirty(tab)) void state.saveTab(tab.id);
        return;
      case 'open-workspace':
      case 'open-recent':
        state.openDialog({ kind: 'open-workspace' });
        return;
      case 'new-workspace':
        state.openDialog({ kind: 'create-workspace' });
        return;
      case 'close-tab':
        if (state.activeTabId) state.requestCloseTab(state.activeTabId);
        return;
      case 'toggle-panel':
        state.toggleBottomPanel();
        return;
      case 'run-fixture':
      case 'run-all':
        state.notify('info', 'Running fixtures is done from the fixtures panel.');
        return;
      default:
        assertNever(command);
    }
  },
});
