import type { ComponentType } from 'react';
import type { IconName } from '../components/icon.tsx';
import type { AppState } from '../store/app-state.ts';
import type { ViewTab } from '../store/editor-slice.ts';

/**
 * Where features plug into the shell. A feature (the stage canvas, fixtures, the run timeline)
 * registers its side view, bottom panel or editor view once at start-up; the shell renders
 * whatever is registered, so adding a feature does not touch the layout components.
 */

/** A view in the side bar, with its button in the activity bar. */
export interface SideViewDef {
  id: string;
  title: string;
  icon: IconName;
  order: number;
  component: ComponentType;
}

/** A tab of the bottom panel; `badge` counts what needs attention (e.g. problems). */
export interface PanelDef {
  id: string;
  title: string;
  order: number;
  component: ComponentType;
  badge?: (state: AppState) => number;
}

/** A kind of editor tab that is not a file: opened with `openView({ viewId, ... })`. */
export interface EditorViewDef {
  id: string;
  /** The tab's icon; a grid when absent. */
  icon?: IconName;
  component: ComponentType<{ tab: ViewTab }>;
  /** Whether the view holds edits not yet written (the tab then shows the unsaved dot). */
  dirty?: (state: AppState, tab: ViewTab) => boolean;
}

const sideViewDefs = new Map<string, SideViewDef>();
const panelDefs = new Map<string, PanelDef>();
const editorViewDefs = new Map<string, EditorViewDef>();

export function registerSideView(def: SideViewDef): void {
  sideViewDefs.set(def.id, def);
}

export function registerPanel(def: PanelDef): void {
  panelDefs.set(def.id, def);
}

export function registerEditorView(def: EditorViewDef): void {
  editorViewDefs.set(def.id, def);
}

export function sideViews(): SideViewDef[] {
  return [...sideViewDefs.values()].sort((a, b) => a.order - b.order);
}

export function panels(): PanelDef[] {
  return [...panelDefs.values()].sort((a, b) => a.order - b.order);
}

export function sideView(id: string): SideViewDef | undefined {
  return sideViewDefs.get(id);
}

export function panel(id: string): PanelDef | undefined {
  return panelDefs.get(id);
}

export function editorView(id: string): EditorViewDef | undefined {
  return editorViewDefs.get(id);
}
