import type { StateCreator } from 'zustand';
import type { Api } from '../../shared/ipc/contract.ts';
import type { CanvasSlice } from './canvas-slice.ts';
import type { EditorSlice } from './editor-slice.ts';
import type { EnvSlice } from './env-slice.ts';
import type { FixturesSlice } from './fixtures-slice.ts';
import type { LayoutSlice } from './layout-slice.ts';
import type { NoticesSlice } from './notices-slice.ts';
import type { ProblemsSlice } from './problems-slice.ts';
import type { RunsSlice } from './runs-slice.ts';
import type { SecretsSlice } from './secrets-slice.ts';
import type { SyncSlice } from './sync-slice.ts';
import type { TemplatesSlice } from './templates-slice.ts';
import type { TimelineSlice } from './timeline-slice.ts';
import type { UiSlice } from './ui-slice.ts';
import type { WorkspaceSlice } from './workspace-slice.ts';

/** The whole renderer state: one store, one slice per feature (STYLE.md item 6). */
export type AppState = WorkspaceSlice &
  EditorSlice &
  LayoutSlice &
  TemplatesSlice &
  SecretsSlice &
  EnvSlice &
  UiSlice &
  NoticesSlice &
  ProblemsSlice &
  RunsSlice &
  CanvasSlice &
  FixturesSlice &
  TimelineSlice &
  SyncSlice;

/** A slice creator that gets the API it talks to, so tests can hand it a fake. */
export type SliceCreator<S> = (api: Api) => StateCreator<AppState, [], [], S>;

/** Turns anything thrown into a sentence for a person; the API already words its errors. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}
