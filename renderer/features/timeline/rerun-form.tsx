import { useState } from 'react';
import type { StageTrace } from '../../../shared/run-result.ts';
import { useAppStore } from '../../store/app-store-context.tsx';
import { parseStepInput } from './step-input.ts';

/** Edits the input of step k and runs stages k..n again as a new run in the history. */
export function RerunForm(props: { stage: StageTrace; step: number; count: number; onDone(): void }) {
  const store = useAppStore();
  const [text, setText] = useState(() =>
    JSON.stringify({ user: props.stage.input.user, context: props.stage.input.context }, null, 2),
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const parsed = parseStepInput(text);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    setError(null);
    setBusy(true);
    const ok = await store.getState().rerunFromStep(props.step, parsed.input);
    setBusy(false);
    if (ok) props.onDone();
  };
  return (
    <form
      className="rerun-form"
      data-testid="rerun-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      // Escape cancels, as in the dialogs; it goes no further (the timeline has its own keys).
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || busy) return;
        e.preventDefault();
        e.stopPropagation();
        props.onDone();
      }}
    >
      <label htmlFor="rerun-input">
        Input of <strong>{props.stage.name}</strong> (step {props.step + 1}); stages {props.step + 1}–
        {props.count} run again with it:
      </label>
      <textarea
        id="rerun-input"
        spellCheck={false}
        value={text}
        data-testid="rerun-input"
        aria-invalid={error !== null}
        onChange={(e) => setText(e.target.value)}
      />
      {error ? (
        <p className="form-error" role="alert" data-testid="rerun-error">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button
          type="button"
          className="button secondary"
          data-testid="rerun-cancel"
          title="Cancel (Escape)"
          onClick={props.onDone}
        >
          Cancel
        </button>
        <button type="submit" className="button" disabled={busy} data-testid="rerun-submit">
          Run stages {props.step + 1}–{props.count}
        </button>
      </div>
    </form>
  );
}
