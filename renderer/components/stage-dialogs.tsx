import { useState } from 'react';
import { stageNameSchema } from '../../shared/schemas/pipeline.ts';
import type { Trigger } from '../../shared/triggers.ts';
import { useApp } from '../store/app-store-context.tsx';
import { Modal } from './modal.tsx';

export function RenameStageDialog(props: { trigger: Trigger; name: string }) {
  const close = useApp((s) => s.closeDialog);
  const rename = useApp((s) => s.renameStage);
  const [name, setName] = useState(props.name);
  const check = stageNameSchema.safeParse(name);
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
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        {check.success ? null : (
          <p className="form-error">A stage name uses {check.error.issues[0]?.message}.</p>
        )}
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={close}>
            Cancel
          </button>
          <button
            type="submit"
            className="button"
            data-testid="rename-stage-submit"
            disabled={!check.success || name === props.name}
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
