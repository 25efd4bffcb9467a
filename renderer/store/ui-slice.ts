import { assertNever } from '../../shared/assert-never.ts';
import type { MenuCommand } from '../../shared/ipc/results.ts';
import { isTrigger, type Trigger } from '../../shared/triggers.ts';
import type { AppState, SliceCreator } from './app-state.ts';
import { PIPELINE_VIEW } from './canvas-slice.ts';
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
        runFromActiveCanvas(state, command);
        return;
      default:
        assertNever(command);
    }
  },
});

/**
 * The Run menu (F5, Shift+F5) acts on the stage canvas in the active tab; anywhere else it says
 * where fixtures run, since the menu's accelerator takes the key before the canvas sees it.
 */
function runFromActiveCanvas(state: AppState, command: 'run-fixture' | 'run-all'): void {
  const tab = state.tabs.find((t) => t.id === state.activeTabId);
  const trigger = tab?.kind === 'view' && tab.viewId === PIPELINE_VIEW ? tab.params.trigger : undefined;
  if (!trigger || !isTrigger(trigger)) {
    state.notify('info', "Open a trigger's pipeline (Pipelines view) to run its fixtures.");
    return;
  }
  if (command === 'run-all') {
    void state.runAll(trigger);
    return;
  }
  const selected = state.selectedFixture[trigger];
  if (selected) void state.runFixture(trigger, selected);
  else state.notify('info', 'Select a fixture first, then F5 runs it.');
}
