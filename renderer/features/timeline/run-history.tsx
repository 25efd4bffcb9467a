import { useApp, useAppStore } from '../../store/app-store-context.tsx';
import './run-history.css';

/** The session's runs, newest first; choosing one shows it in the timeline. */
export function RunHistory() {
  const store = useAppStore();
  const history = useApp((s) => s.history);
  const current = useApp((s) => s.currentRunId);
  return (
    <nav className="run-history" aria-label="Run history" data-testid="run-history">
      <h3>History</h3>
      <ul>
        {history.map((run) => (
          <li key={run.id}>
            <button
              type="button"
              className={run.id === current ? 'history-row current' : 'history-row'}
              aria-current={run.id === current ? 'true' : undefined}
              data-testid="history-row"
              data-run-id={run.id}
              onClick={() => store.getState().selectRun(run.id)}
            >
              <span className="history-label" title={run.label}>
                {run.label}
              </span>
              <span className="history-meta">
                <span className={`outcome-chip outcome-${run.result.outcome}`}>{run.result.outcome}</span>
                <span>{new Date(run.at).toLocaleTimeString()}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
