import type { RunResult, StageTrace } from '../../../shared/run-result.ts';
import { dataCount } from './step-detail.tsx';

/** One step per stage: outcome, duration and badges; the current one is selected. */
export function StepStrip(props: { result: RunResult; step: number; onStep(index: number): void }) {
  return (
    <ol className="step-strip" aria-label="Stages of this run" data-testid="step-strip">
      {props.result.stages.map((stage, index) => (
        <li key={stage.name}>
          <button
            type="button"
            className={index === props.step ? 'step current' : 'step'}
            aria-current={index === props.step ? 'step' : undefined}
            data-testid="timeline-step"
            data-stage={stage.name}
            data-outcome={stage.outcome}
            onClick={() => props.onStep(index)}
          >
            <span className="step-head">
              <span className="step-index">{index + 1}</span>
              <span className="step-name">{stage.name}</span>
            </span>
            <span className="step-meta">
              <span className={`outcome-chip outcome-${stage.outcome}`}>{stage.outcome}</span>
              <span className="step-ms">{formatMs(stage.durationMs)}</span>
            </span>
            <StepBadges stage={stage} />
          </button>
        </li>
      ))}
    </ol>
  );
}

function StepBadges(props: { stage: StageTrace }) {
  const s = props.stage;
  const badges: [string, number, string][] = [
    ['logs', s.logs.length, 'log lines'],
    ['HTTP', s.http.length + s.authing.length, 'HTTP and management calls'],
    ['claims', Object.keys(s.idToken).length + Object.keys(s.accessToken).length, 'token claims'],
    ['data', Object.keys(s.customData).length, 'custom data writes'],
  ];
  const shown = badges.filter(([, n]) => n > 0);
  if (dataCount(s) === 0 && shown.length === 0) return <span className="step-badges empty">—</span>;
  return (
    <span className="step-badges">
      {shown.map(([label, n, title]) => (
        <span key={label} className="step-badge" title={`${n} ${title}`} data-testid={`badge-${label}`}>
          {label} {n}
        </span>
      ))}
    </span>
  );
}

export function formatMs(ms: number): string {
  return ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(ms >= 10 ? 1 : 2)} ms`;
}

/** The run's stages as bars on one time axis, each starting where the one before ended. */
export function Waterfall(props: { result: RunResult; step: number; onStep(index: number): void }) {
  const stages = props.result.stages;
  const total = Math.max(
    stages.reduce((sum, s) => sum + s.durationMs, 0),
    0.001,
  );
  let start = 0;
  return (
    <div className="waterfall" data-testid="waterfall">
      {stages.map((stage, index) => {
        const left = (start / total) * 100;
        const width = Math.max((stage.durationMs / total) * 100, 0.6);
        start += stage.durationMs;
        return (
          <button
            type="button"
            key={stage.name}
            className={index === props.step ? 'waterfall-row current' : 'waterfall-row'}
            data-testid="waterfall-row"
            onClick={() => props.onStep(index)}
          >
            <span className="waterfall-name">{stage.name}</span>
            <span className="waterfall-track">
              <span
                className={`waterfall-bar outcome-${stage.outcome}`}
                style={{ left: `${left}%`, width: `${width}%` }}
              />
            </span>
            <span className="waterfall-ms">{formatMs(stage.durationMs)}</span>
          </button>
        );
      })}
    </div>
  );
}
