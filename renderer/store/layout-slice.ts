/** A line of the studio's own log: what it did and what went wrong, newest last. */
export interface LogLine {
  /** Increasing; a stable key for lists. */
  id?: number;
  level: 'info' | 'warn' | 'error';
  message: string;
  /** ISO 8601. */
  time: string;
}

import type { SliceCreator } from './app-state.ts';

/** The most log lines kept in memory; older ones scroll away. */
export const MAX_LOG_LINES = 500;

/** Which views are showing: the side bar view, the bottom panel, and the log lines it can show. */
export interface LayoutSlice {
  /** Id of a registered side view (`explorer`, `templates`, ...); `null` hides the side bar. */
  sideView: string | null;
  /** Id of a registered bottom panel (`problems`, `logs`, ...). */
  bottomPanel: string;
  bottomPanelOpen: boolean;
  logs: LogLine[];
  /** Pixels; dragged with the splitters and kept within usable bounds. */
  sideBarWidth: number;
  panelHeight: number;
  resizeSideBar(width: number): void;
  resizePanel(height: number): void;
  showSideView(id: string): void;
  toggleSideView(id: string): void;
  /** Hides the side bar, or shows again the view it last had (Ctrl/Cmd+B). */
  toggleSideBar(): void;
  /** The side view to bring back when the side bar is shown again. */
  lastSideView: string;
  showBottomPanel(id: string): void;
  toggleBottomPanel(): void;
  appendLog(line: LogLine): void;
  clearLogs(): void;
}

let nextLogId = 1;

/**
 * The panel's first height: about a fifth of the window, so on a small screen the editor, canvas
 * and fixtures keep most of the room (190 px on an 800 px window took a third of the canvas).
 */
function initialPanelHeight(): number {
  // The store also runs in unit tests without a window (and is typed without the DOM).
  const windowHeight = (globalThis as { innerHeight?: number }).innerHeight ?? 800;
  return clamp(windowHeight * 0.2, 110, 220);
}

function clamp(value: number, min: number, max: number): number {
  return Math.round(Math.min(Math.max(value, min), max));
}

export const createLayoutSlice: SliceCreator<LayoutSlice> = () => (set) => ({
  sideView: 'explorer',
  bottomPanel: 'problems',
  bottomPanelOpen: true,
  logs: [],
  sideBarWidth: 290,
  panelHeight: initialPanelHeight(),
  resizeSideBar: (width) => set({ sideBarWidth: clamp(width, 180, 640) }),
  resizePanel: (height) => set({ panelHeight: clamp(height, 90, 720) }),
  lastSideView: 'explorer',
  showSideView: (id) => set({ sideView: id, lastSideView: id }),
  toggleSideView: (id) => set((s) => ({ sideView: s.sideView === id ? null : id, lastSideView: id })),
  toggleSideBar: () => set((s) => ({ sideView: s.sideView === null ? s.lastSideView : null })),
  showBottomPanel: (id) => set({ bottomPanel: id, bottomPanelOpen: true }),
  toggleBottomPanel: () => set((s) => ({ bottomPanelOpen: !s.bottomPanelOpen })),
  appendLog: (line) =>
    set((s) => ({ logs: [...s.logs, { ...line, id: nextLogId++ }].slice(-MAX_LOG_LINES) })),
  clearLogs: () => set({ logs: [] }),
});
