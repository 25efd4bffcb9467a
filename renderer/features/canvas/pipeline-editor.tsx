import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { TRIGGER_INFO, TRIGGERS, type Trigger } from '../../../shared/triggers.ts';
import { useApp, useAppStore } from '../../store/app-store-context.tsx';
import type { ViewTab } from '../../store/editor-slice.ts';
import { verdictOf } from '../../store/runs-slice.ts';
import { FixtureResult } from '../fixtures/fixture-result.tsx';
import { FixturesPanel } from '../fixtures/fixtures-panel.tsx';
import { StageLane } from './stage-lane.tsx';
import { WhatIfBar } from './what-if-bar.tsx';
import './outcome-chips.css';
import './pipeline.css';

function isTrigger(value: string | undefined): value is Trigger {
  return (TRIGGERS as readonly string[]).includes(value ?? '');
}

/** The editor tab of one trigger: its stage lane over its fixtures and the selected result. */
export function PipelineEditor(props: { tab: ViewTab }) {
  const trigger = props.tab.params.trigger;
  if (!isTrigger(trigger)) return <p className="editor-empty">Unknown trigger "{trigger}".</p>;
  return <PipelineCanvas trigger={trigger} />;
}

function PipelineCanvas(props: { trigger: Trigger }) {
  const { trigger } = props;
  const store = useAppStore();
  const info = TRIGGER_INFO[trigger];
  const firstFixture = useApp(
    (s) => s.snapshot?.pipelines.find((p) => p.trigger === trigger)?.fixtures[0]?.id,
  );
  useEffect(() => store.getState().setPipelineTrigger(trigger), [store, trigger]);
  // Something is always selected when there is something to select: the first fixture.
  useEffect(() => {
    const state = store.getState();
    if (firstFixture && !state.selectedFixture[trigger]) state.selectFixture(trigger, firstFixture);
  }, [store, trigger, firstFixture]);
  useRunShortcuts(trigger);
  const description = `${trigger} · ${info.when}${info.mayAbort ? '' : ' · may not abort the flow'}`;
  return (
    <div className="pipeline-view" data-testid="pipeline-view" data-trigger={trigger}>
      <header className="pipeline-header">
        <div className="pipeline-title">
          <h2 title={info.title}>{info.title}</h2>
          {/* One line, cut with a tooltip, so the header keeps its height when run controls appear. */}
          <span className="pipeline-description muted" title={description} data-testid="pipeline-description">
            <code>{trigger}</code> · {info.when}
            {info.mayAbort ? '' : ' · may not abort the flow'}
          </span>
        </div>
        <RunAllControls trigger={trigger} />
      </header>
      <WhatIfBar trigger={trigger} />
      <StageLane trigger={trigger} />
      <div className="pipeline-split">
        <FixturesPanel trigger={trigger} />
        <FixtureResult trigger={trigger} />
      </div>
    </div>
  );
}

/** F5 runs the selected fixture, Shift+F5 all of them, while this canvas is the active tab. */
function useRunShortcuts(trigger: Trigger): void {
  const store = useAppStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F5') return;
      e.preventDefault();
      const state = store.getState();
      if (e.shiftKey) {
        void state.runAll(trigger);
        return;
      }
      const selected = state.selectedFixture[trigger];
      if (selected) void state.runFixture(trigger, selected);
      else state.notify('info', 'Select a fixture first, then F5 runs it.');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, trigger]);
}

function RunAllControls(props: { trigger: Trigger }) {
  const { trigger } = props;
  const store = useAppStore();
  const { progress, running, liveRerun, counts, changed, fixtureCount } = useApp(
    useShallow((s) => {
      const runs = s.runs[trigger];
      const fixtures = s.snapshot?.pipelines.find((p) => p.trigger === trigger)?.fixtures ?? [];
      const tally = { pass: 0, fail: 0, ran: 0, never: 0 };
      for (const f of fixtures) {
        const verdict = verdictOf(runs?.results[f.id]);
        if (verdict === 'never-run') tally.never += 1;
        else tally[verdict] += 1;
      }
      return {
        progress: runs?.progress ?? null,
        running: Boolean(runs?.activeRunId),
        liveRerun: s.liveRerun,
        counts: `${tally.pass}|${tally.fail}|${tally.ran}|${tally.never}`,
        changed: Object.keys(runs?.changes ?? {}).length,
        fixtureCount: fixtures.length,
      };
    }),
  );
  const [pass, fail, ran, never] = counts.split('|').map(Number);
  const state = () => store.getState();
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  const total = progress?.total ?? 0;
  return (
    <div className="run-controls">
      <div className="run-counts" data-testid="run-counts" aria-live="polite">
        <span className="count pass" data-testid="count-pass">
          {pass} passed
        </span>
        <span className="count fail" data-testid="count-fail">
          {fail} failed
        </span>
        {ran ? <span className="count">{ran} without expect</span> : null}
        <span className="count muted" data-testid="count-never">
          {never} not run
        </span>
        {changed > 0 ? (
          <span className="change-tag" data-testid="count-changed">
            {changed} changed
          </span>
        ) : null}
      </div>
      {progress ? (
        <div
          className={running ? 'progress running' : 'progress'}
          role="progressbar"
          aria-label="Running fixtures"
          aria-valuemin={0}
          aria-valuemax={progress?.total ?? 0}
          aria-valuenow={progress?.done ?? 0}
          data-testid="run-progress"
          data-state={running ? 'running' : 'done'}
        >
          <div className="progress-fill" style={{ width: `${percent}%` }} />
          <span className="progress-text">
            {running ? `${progress?.done ?? 0} / ${total || '…'}` : `${progress?.done ?? 0} of ${total} run`}
          </span>
        </div>
      ) : (
        // Holds the bar's place before the first run, so nothing moves when it appears.
        <div className="progress idle" aria-hidden="true" />
      )}
      <label className="check small" title="Re-run the fixtures after each edit">
        <input
          type="checkbox"
          checked={liveRerun}
          data-testid="live-rerun"
          onChange={(e) => state().setLiveRerun(e.target.checked)}
        />
        Live
      </label>
      {running ? (
        <button
          type="button"
          className="button secondary"
          data-testid="run-cancel"
          onClick={() => void state().cancelRunAll(trigger)}
        >
          Cancel
        </button>
      ) : null}
      <button
        type="button"
        className="button"
        data-testid="run-all"
        disabled={fixtureCount === 0}
        title={
          fixtureCount === 0
            ? 'No fixtures yet: add one in the Fixtures list below'
            : 'Run every fixture of this trigger (Shift+F5)'
        }
        onClick={() => void state().runAll(trigger)}
      >
        Run all
      </button>
    </div>
  );
}
