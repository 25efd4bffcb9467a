import { useState } from 'react';
import { Modal } from '../../components/modal.tsx';
import { useApp, useAppStore } from '../../store/app-store-context.tsx';
import { freeFixtureId } from '../../store/fixtures-slice.ts';
import type { RunRecord } from '../../store/timeline-slice.ts';

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Names a past run and saves it as a new fixture: its input, and its outcome as `expect`. */
export function SaveRunDialog(props: { run: RunRecord; onClose(): void }) {
  const store = useAppStore();
  const snapshot = useApp((s) => s.snapshot);
  const [id, setId] = useState(() =>
    freeFixtureId(snapshot, props.run.trigger, `${props.run.fixtureId ?? 'run'}-saved`),
  );
  const [name, setName] = useState(() => `${props.run.fixture.name} (saved run)`);
  const [busy, setBusy] = useState(false);
  const idError = ID_PATTERN.test(id)
    ? null
    : 'Use letters, digits, ".", "_" or "-", starting with a letter or digit.';
  return (
    <Modal title="Save this run as a fixture" testId="save-run-dialog" onClose={props.onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (idError || !name.trim()) return;
          setBusy(true);
          void store
            .getState()
            .saveRunAsFixture(props.run.id, id, name.trim())
            .then((ok) => {
              setBusy(false);
              if (ok) props.onClose();
            });
        }}
      >
        <label>
          File name (fixtures/{props.run.trigger}/…)
          <input
            value={id}
            data-testid="save-run-id"
            onChange={(e) => setId(e.target.value)}
            aria-invalid={idError !== null}
          />
        </label>
        {idError ? <p className="form-error">{idError}</p> : null}
        <label>
          Description
          <input value={name} data-testid="save-run-name" onChange={(e) => setName(e.target.value)} />
        </label>
        <p className="muted">
          {props.run.result.outcome === 'error'
            ? 'The run ended in an error, so the fixture is saved without an expect.'
            : `The fixture will expect "${props.run.result.outcome}", as this run ended.`}
        </p>
        {props.run.fromStep !== undefined && props.run.fromStep > 0 ? (
          <p className="muted" data-testid="save-run-partial-note">
            This run started at step {props.run.fromStep + 1}; its input is saved as the fixture's user and
            context, and a fixture always replays every stage from the first.
          </p>
        ) : null}
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={props.onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="button"
            disabled={busy || idError !== null}
            data-testid="save-run-submit"
          >
            Save fixture
          </button>
        </div>
      </form>
    </Modal>
  );
}
