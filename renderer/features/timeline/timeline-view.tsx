import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { RunError, StageTrace } from '../../../shared/run-result.ts';
import { useApp, useAppStore } from '../../store/app-store-context.tsx';
import { currentRun, type RunRecord } from '../../store/timeline-slice.ts';
import { RerunForm } from './rerun-form.tsx';
import { RunHistory } from './run-history.tsx';
import { SaveRunDialog } from './save-run-dialog.tsx';
import { StageCode } from './stage-code.tsx';
import { StepDetail } from './step-detail.tsx';
import { formatMs, StepStrip, Waterfall } from './step-strip.tsx';
import './timeline.css';

/**
 * The step-through view of one run: a step per stage, the current stage's code with its error
 * line, what the stage saw and did, a timing waterfall, and the session's run history.
 * ArrowLeft/ArrowRight (or Shift+F10/F10) step while the timeline has focus.
 */
export function TimelineView() {
  const run = useApp(currentRun);
  return (
    <div className="timeline-view" data-testid="timeline-view">
      <RunHistory />
      {run ? (
        <RunTimeline run={run} />
      ) : (
        <p className="pane-empty">No run yet: choose Step through on a fixture.</p>
      )}
    </div>
  );
}

function RunTimeline(props: { run: RunRecord }) {
  const { run } = props;
  const store = useAppStore();
  const step = useApp((s) => s.step);
  const [rerun, setRerun] = useState(false);
  const [saving, setSaving] = useState(false);
  const region = useRef<HTMLDivElement>(null);
  const stages = run.result.stages;
  // A run just opened takes the focus, so the arrow keys step through it at once.
  useEffect(() => {
    if (run.id) region.current?.focus();
  }, [run.id]);
  const stage = stages[Math.min(step, stages.length - 1)];
  const state = () => store.getState();
  const description = `${run.trigger} · ${stages.length} stages · ${formatMs(run.result.durationMs)}${
    run.fromStep === undefined ? '' : ` · re-run from ${stages[0]?.name ?? 'a step'} with edited input`
  }`;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (target.closest('textarea, input, .stage-code')) return;
    if (e.key === 'ArrowRight' || (e.key === 'F10' && !e.shiftKey)) {
      e.preventDefault();
      state().stepBy(1);
    } else if (e.key === 'ArrowLeft' || (e.key === 'F10' && e.shiftKey)) {
      e.preventDefault();
      state().stepBy(-1);
    } else if (e.key === 'Home') {
      state().stepTo(0);
    } else if (e.key === 'End') {
      state().stepTo(stages.length - 1);
    }
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the focusable timeline region takes the stepping keys.
    <div
      className="run-timeline"
      ref={region}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      data-testid="run-timeline"
      data-run-id={run.id}
      data-step={step}
    >
      <header className="timeline-header">
        <div className="timeline-title">
          <h2 title={run.label}>{run.label}</h2>
          <span className="muted" title={description}>
            <code>{run.trigger}</code> · {stages.length} stages · {formatMs(run.result.durationMs)}
            {run.fromStep === undefined
              ? ''
              : ` · re-run from ${stages[0]?.name ?? 'a step'} with edited input`}
          </span>
        </div>
        <span className={`outcome-chip outcome-${run.result.outcome}`} data-testid="timeline-outcome">
          {run.result.outcome}
        </span>
        <div className="step-buttons">
          <button
            type="button"
            className="button secondary"
            data-testid="step-back"
            disabled={step <= 0}
            title="Previous stage (ArrowLeft, Shift+F10)"
            onClick={() => state().stepBy(-1)}
          >
            ◀ Back
          </button>
          <span className="step-position" data-testid="step-position" aria-live="polite">
            Step {stages.length === 0 ? 0 : step + 1} of {stages.length}
          </span>
          <button
            type="button"
            className="button secondary"
            data-testid="step-forward"
            disabled={step >= stages.length - 1}
            title="Next stage (ArrowRight, F10)"
            onClick={() => state().stepBy(1)}
          >
            Forward ▶
          </button>
        </div>
        <button
          type="button"
          className="button secondary"
          data-testid="run-save-fixture"
          onClick={() => setSaving(true)}
        >
          Save as fixture
        </button>
      </header>
      {stages.length === 0 || !stage ? (
        <p className="pane-empty">This run had no stages.</p>
      ) : (
        <>
          <StepStrip result={run.result} step={step} onStep={(i) => state().stepTo(i)} />
          <div className="timeline-body">
            <div className="timeline-code">
              <StageHeader stage={stage} trigger={run.trigger} onRerun={() => setRerun(true)} />
              {stage.error ? <ErrorBox error={stage.error} trigger={run.trigger} /> : null}
              <StageCodeFor trigger={run.trigger} stage={stage} />
            </div>
            <div className="timeline-detail">
              {rerun ? (
                <RerunForm
                  key={`${run.id}-${step}`}
                  stage={stage}
                  step={step}
                  count={stages.length}
                  onDone={() => setRerun(false)}
                />
              ) : (
                <StepDetail key={`${run.id}-${step}`} stage={stage} />
              )}
            </div>
          </div>
          <section className="timing" aria-label="Timing">
            <h3>Timing</h3>
            <Waterfall result={run.result} step={step} onStep={(i) => state().stepTo(i)} />
          </section>
        </>
      )}
      {saving ? <SaveRunDialog run={run} onClose={() => setSaving(false)} /> : null}
    </div>
  );
}

function StageHeader(props: { stage: StageTrace; trigger: string; onRerun(): void }) {
  return (
    <div className="stage-header">
      <h3 data-testid="step-title" title={props.stage.name}>
        {props.stage.name}
      </h3>
      <span className={`outcome-chip outcome-${props.stage.outcome}`}>{props.stage.outcome}</span>
      <span className="spacer" />
      <button
        type="button"
        className="button secondary"
        data-testid="rerun-from-step"
        onClick={props.onRerun}
      >
        Re-run from here…
      </button>
    </div>
  );
}

/** The workspace path of the file a location names (the executor reports stage paths). */
function locationPath(file: string, trigger: string): string {
  return file.includes('/') ? file : `pipelines/${trigger}/${file}`;
}

function ErrorBox(props: { error: RunError; trigger: string }) {
  const store = useAppStore();
  const { error } = props;
  const loc = error.location;
  const path = loc ? locationPath(loc.file, props.trigger) : null;
  return (
    <div className="error-box" role="alert" data-testid="step-error">
      <span className="error-message">{error.message}</span>
      {loc && path ? (
        <button
          type="button"
          className="link"
          data-testid="step-error-location"
          onClick={() => void store.getState().openFile(path, { line: loc.line, column: loc.column })}
        >
          {path}:{loc.line}:{loc.column}
        </button>
      ) : null}
    </div>
  );
}

function StageCodeFor(props: { trigger: string; stage: StageTrace }) {
  const entry = useApp((s) =>
    s.snapshot?.pipelines
      .find((p) => p.trigger === props.trigger)
      ?.stages.find((x) => x.name === props.stage.name),
  );
  if (!entry)
    return <p className="pane-note">The stage "{props.stage.name}" is no longer in the pipeline.</p>;
  return (
    <StageCode code={entry.code} relPath={entry.relPath} line={props.stage.error?.location?.line ?? null} />
  );
}
