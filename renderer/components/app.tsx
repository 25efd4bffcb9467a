import { useEffect } from 'react';
import { SyncDialogs } from '../features/sync/sync-dialogs.tsx';
import { useApp, useAppStore } from '../store/app-store-context.tsx';
import { PIPELINE_VIEW } from '../store/canvas-slice.ts';
import { isDirty } from '../store/editor-slice.ts';
import { ActivityBar } from './activity-bar.tsx';
import { BottomPanel } from './bottom-panel.tsx';
import { DialogHost } from './dialog-host.tsx';
import { EditorArea } from './editor-area.tsx';
import { Notices } from './notices.tsx';
import { shortcutFor } from './shortcuts.ts';
import { SideBar } from './side-bar.tsx';
import { StatusBar } from './status-bar.tsx';
import { WelcomeScreen } from './welcome-screen.tsx';

/** Follows the system's light/dark preference, live. */
function useSystemTheme(): void {
  const setTheme = useApp((s) => s.setTheme);
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => setTheme(query.matches ? 'dark' : 'light');
    apply();
    query.addEventListener('change', apply);
    return () => query.removeEventListener('change', apply);
  }, [setTheme]);
}

/**
 * Shell shortcuts (shortcuts.ts): Ctrl/Cmd+S outside the editor (Monaco handles it inside) saves
 * the active tab, Ctrl/Cmd+B toggles the side bar, and in a browser tab the menu's accelerators.
 */
function useShortcuts(): void {
  const store = useAppStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const state = store.getState();
      const active = state.tabs.find((t) => t.id === state.activeTabId);
      const canvasActive = active?.kind === 'view' && active.viewId === PIPELINE_VIEW;
      const action = shortcutFor(e, state.appInfo?.host, canvasActive);
      if (action === null) return;
      e.preventDefault();
      if (action === 'toggle-side-bar') state.toggleSideBar();
      else if (action === 'save') void state.saveActive();
      else state.runMenuCommand(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}

/** The browser asks before leaving the page while a tab has unsaved edits. */
function useLeaveGuard(): void {
  const store = useAppStore();
  useEffect(() => {
    const onLeave = (event: BeforeUnloadEvent) => {
      if (store.getState().tabs.some(isDirty)) event.preventDefault();
    };
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, [store]);
}

/** The shell: activity bar, side bar, editor over the bottom panel, status bar. */
export function App() {
  const status = useApp((s) => s.status);
  const theme = useApp((s) => s.theme);
  const init = useApp((s) => s.initWorkspace);
  useSystemTheme();
  useShortcuts();
  useLeaveGuard();
  useEffect(() => {
    void init();
  }, [init]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className="app" data-testid="app" data-app-state={status} data-theme={theme}>
      {status === 'loaded' ? (
        <div className="workbench">
          <ActivityBar />
          <SideBar />
          <div className="main-column">
            <EditorArea />
            <BottomPanel />
          </div>
        </div>
      ) : status === 'loading' ? (
        <div className="splash" data-testid="splash">
          Loading the workspace…
        </div>
      ) : (
        <WelcomeScreen />
      )}
      <StatusBar />
      <DialogHost />
      <SyncDialogs />
      <Notices />
    </div>
  );
}
