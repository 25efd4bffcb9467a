import { useState } from 'react';
import type { Trigger } from '../../shared/triggers.ts';
import { useApp } from '../store/app-store-context.tsx';
import { Modal } from './modal.tsx';
import { stageNameProblem } from './stage-name.ts';

export function RenameStageDialog(props: { trigger: Trigger; name: string }) {
  const close = useApp((s) => s.closeDialog);
  const rename = useApp((s) => s.renameStage);
  const snapshot = useApp((s) => s.snapshot);
  const [name, setName] = useState(props.name);
  const problem = name
    ? stageNameProblem(snapshot, props.trigger, name, props.name)
    : 'Give the stage a name.';
  return (
    <Modal title={`Rename ${props.name}`} testId="rename-stage-dialog" onClose={close}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void rename(props.trigger, props.name, name).then((ok) => ok && close());
        }}
      >
        <label>
          New name
          <input
            value={name}
            spellCheck={false}
            data-testid="rename-stage-name"
            aria-invalid={problem !== null}
            aria-describedby={problem ? 'rename-stage-problem' : undefined}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        {problem ? (
          <p className="form-error" id="rename-stage-problem" data-testid="rename-stage-problem">
            {problem}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={close}>
            Cancel
          </button>
          <button
            type="submit"
            className="button"
            data-testid="rename-stage-submit"
            disabled={problem !== null || name === props.name}
          >
            Rename
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function DeleteStageDialog(props: { trigger: Trigger; name: string }) {
  const close = useApp((s) => s.closeDialog);
  const remove = useApp((s) => s.deleteStage);
  return (
    <Modal title={`Delete ${props.name}?`} testId="delete-stage-dialog" onClose={close}>
      <p>
        This deletes the stage's file and removes it from <code>pipelines/{props.trigger}/pipeline.json</code>
        . If the workspace is in git, its last committed version can be restored from there.
      </p>
      <div className="form-actions">
        <button type="button" className="button secondary" onClick={close}>
          Cancel
        </button>
        <button
          type="button"
          className="button danger"
          data-testid="delete-stage-confirm"
          onClick={() => void remove(props.trigger, props.name).then((ok) => ok && close())}
        >
          Delete
        </button>
      </div>
    </Modal>
  );
}
