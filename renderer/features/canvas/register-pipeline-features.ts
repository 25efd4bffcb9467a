import type { Subscribe } from '../../../shared/ipc/contract.ts';
import type { AppStore } from '../../store/app-store.ts';
import { PIPELINE_VIEW } from '../../store/canvas-slice.ts';
import { TIMELINE_VIEW } from '../../store/timeline-slice.ts';
import { registerEditorView, registerPanel, registerSideView } from '../../views/view-registry.ts';
import { FixtureResultsPanel, failingFixtureCount } from '../fixtures/fixture-results-panel.tsx';
import { connectLiveRerun } from '../fixtures/live-rerun.ts';
import { TimelineView } from '../timeline/timeline-view.tsx';
import { PipelineEditor } from './pipeline-editor.tsx';
import { PipelinesView } from './pipelines-view.tsx';

/** Registers the stage canvas, the fixtures and the run timeline with the shell (issue 5). */
export function registerPipelineViews(): void {
  registerSideView({
    id: 'pipelines',
    title: 'Pipelines',
    icon: 'bolt',
    order: 20,
    component: PipelinesView,
  });
  registerEditorView({ id: PIPELINE_VIEW, component: PipelineEditor });
  registerEditorView({ id: TIMELINE_VIEW, component: TimelineView });
  registerPanel({
    id: 'fixture-results',
    title: 'Fixture results',
    order: 15,
    component: FixtureResultsPanel,
    badge: failingFixtureCount,
  });
}

/** Feeds run progress into the store and re-runs fixtures after edits; returns the disconnect. */
export function connectPipelineFeatures(store: AppStore, on: Subscribe): () => void {
  const offProgress = on('run.progress', (progress) => store.getState().applyRunProgress(progress));
  const offLive = connectLiveRerun(store);
  // Results, drafts and run history belong to one workspace: opening another starts afresh.
  const offWorkspace = store.subscribe((state, previous) => {
    if (previous.snapshot && state.snapshot?.root !== previous.snapshot.root) {
      store.setState({
        runs: {},
        history: [],
        currentRunId: null,
        step: 0,
        stageDrafts: {},
        selectedFixture: {},
        pipelineTrigger: null,
      });
    }
  });
  return () => {
    offProgress();
    offLive();
    offWorkspace();
  };
}
