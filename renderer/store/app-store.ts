import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../shared/ipc/contract.ts';
import type { AppState } from './app-state.ts';
import { createCanvasSlice } from './canvas-slice.ts';
import { createEditorSlice } from './editor-slice.ts';
import { createEnvSlice } from './env-slice.ts';
import { createFixturesSlice } from './fixtures-slice.ts';
import { createLayoutSlice } from './layout-slice.ts';
import { createNoticesSlice } from './notices-slice.ts';
import { createProblemsSlice } from './problems-slice.ts';
import { createRunsSlice } from './runs-slice.ts';
import { createSecretsSlice } from './secrets-slice.ts';
import { createSyncSlice } from './sync-slice.ts';
import { createTemplatesSlice } from './templates-slice.ts';
import { createTimelineSlice } from './timeline-slice.ts';
import { createUiSlice } from './ui-slice.ts';
import { createWorkspaceSlice } from './workspace-slice.ts';

export type AppStore = StoreApi<AppState>;

/** Builds the one store from its slices; a feature adds its slice here and to `AppState`. */
export function createAppStore(api: Api): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createWorkspaceSlice(api)(...a),
    ...createEditorSlice(api)(...a),
    ...createLayoutSlice(api)(...a),
    ...createTemplatesSlice(api)(...a),
    ...createSecretsSlice(api)(...a),
    ...createEnvSlice(api)(...a),
    ...createUiSlice(api)(...a),
    ...createNoticesSlice(api)(...a),
    ...createProblemsSlice(api)(...a),
    ...createRunsSlice(api)(...a),
    ...createCanvasSlice(api)(...a),
    ...createFixturesSlice(api)(...a),
    ...createTimelineSlice(api)(...a),
    ...createSyncSlice(api)(...a),
  }));
}
