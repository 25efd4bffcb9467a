import { type DragEvent, type KeyboardEvent, useEffect, useState } from 'react';
import type { StageEntry, StageSettings } from '../../../shared/ipc/workspace-types.ts';
import type { StageOutcome } from '../../../shared/run-result.ts';
import { Icon } from '../../components/icon.tsx';
import type { StageStats } from './stage-stats.ts';

export interface StageCardProps {
  stage: StageEntry;
  index: number;
  count: number;
  /** The stage's outcome for the selected fixture; `null`: not reached; `undefined`: nothing selected or run. */
  outcome: StageOutcome | null | undefined;
  stats: StageStats;
  grabbed: boolean;
  dropTarget: boolean;
  onKeyDown(event: KeyboardEvent<HTMLLIElement>): void;
  onDragStart(event: DragEvent<HTMLLIElement>): void;
  onDragOver(event: DragEvent<HTMLLIElement>): void;
  onDrop(event: DragEvent<HTMLLIElement>): void;
  onDragEnd(): void;
  onSettings(settings: StageSettings): void;
  onOpenCode(): void;
}

/** Whether the last pointer press on a card was on one of its controls (see onDragStart). */
let pressedOnControl = false;

/** One stage of the lane: order, name, last outcome, pass/fail counts and its settings. */
export function StageCard(props: StageCardProps) {
  const { stage } = props;
  const classes = ['stage-card'];
  if (!stage.enabled) classes.push('disabled');
  if (props.grabbed) classes.push('grabbed');
  if (props.dropTarget) classes.push('drop-target');
  return (
    <li
      className={classes.join(' ')}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the card itself is the keyboard handle for reordering (Alt+Arrow, Space).
      tabIndex={0}
      draggable
      aria-roledescription="stage card"
      aria-label={`${stage.name}, stage ${props.index + 1} of ${props.count}${stage.enabled ? '' : ', disabled'}. Alt+Arrow keys or Space to move.`}
      data-testid="stage-card"
      data-stage={stage.name}
      data-outcome={props.outcome ?? 'none'}
      onKeyDown={props.onKeyDown}
      onPointerDown={(e) => {
        pressedOnControl = (e.target as HTMLElement).closest('input, button') !== null;
      }}
      onDragStart={(e) => {
        // A drag that begins on a checkbox, the timeout field or a button is a click, not a move.
        if (pressedOnControl) {
          e.preventDefault();
          return;
        }
        props.onDragStart(e);
      }}
      onDragOver={props.onDragOver}
      onDrop={props.onDrop}
      onDragEnd={props.onDragEnd}
    >
      <div className="stage-card-head">
        <span className="stage-order" aria-hidden>
          {props.index + 1}
        </span>
        <span className="stage-name" title={stage.name}>
          {stage.name}
        </span>
      </div>
      <div
        className="stage-stats"
        data-testid="stage-stats"
        title={`Continued in ${props.stats.pass} fixture runs, stopped or failed in ${props.stats.fail}`}
      >
        {props.outcome === undefined ? null : <OutcomeChip outcome={props.outcome} />}
        <span className="stat pass">✓ {props.stats.pass}</span>
        <span className="stat fail">✗ {props.stats.fail}</span>
        {stage.async ? <span className="tag muted">async</span> : null}
      </div>
      {stage.description ? (
        <p className="stage-description" title={stage.description}>
          {stage.description}
        </p>
      ) : null}
      <StageSettingsRow stage={stage} onSettings={props.onSettings} />
      <div className="stage-card-foot">
        <button type="button" className="link" data-testid="stage-open-code" onClick={props.onOpenCode}>
          <Icon name="code" /> <span>Open code</span>
        </button>
      </div>
    </li>
  );
}

/** The last outcome of the stage for the selected fixture. */
export function OutcomeChip(props: { outcome: StageOutcome | null | 'never-run' }) {
  const outcome = props.outcome ?? 'not reached';
  return (
    <span className={`outcome-chip outcome-${outcome.replace(' ', '-')}`} data-testid="outcome-chip">
      {outcome}
    </span>
  );
}

function StageSettingsRow(props: { stage: StageEntry; onSettings(settings: StageSettings): void }) {
  const { stage, onSettings } = props;
  const [timeout, setTimeoutText] = useState(String(stage.timeoutSeconds));
  useEffect(() => setTimeoutText(String(stage.timeoutSeconds)), [stage.timeoutSeconds]);
  const value = Number(timeout);
  const valid = Number.isInteger(value) && value >= 1 && value <= 60;
  const commit = () => {
    if (valid && value !== stage.timeoutSeconds) onSettings({ timeoutSeconds: value });
  };
  return (
    <div className="stage-settings">
      <label className="check">
        <input
          type="checkbox"
          checked={stage.enabled}
          data-testid="stage-enabled"
          onChange={(e) => onSettings({ enabled: e.target.checked })}
        />
        Enabled
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={stage.async}
          data-testid="stage-async"
          onChange={(e) => onSettings({ async: e.target.checked })}
        />
        Async
      </label>
      <label className="timeout" title="Timeout in seconds, 1 to 60">
        Timeout
        <input
          type="number"
          min={1}
          max={60}
          value={timeout}
          aria-invalid={!valid}
          data-testid="stage-timeout"
          onChange={(e) => setTimeoutText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
        />
        s
      </label>
      <label className="check wide" title="Abort the flow when this stage times out">
        <input
          type="checkbox"
          checked={stage.terminateOnTimeout}
          data-testid="stage-terminate"
          onChange={(e) => onSettings({ terminateOnTimeout: e.target.checked })}
        />
        Abort on timeout
      </label>
      {valid ? null : (
        <span className="field-error" role="alert">
          Timeout: a whole number of seconds from 1 to 60.
        </span>
      )}
    </div>
  );
}
