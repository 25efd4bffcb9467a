import { useShallow } from 'zustand/react/shallow';
import { Modal } from '../../components/modal.tsx';
import { useApp } from '../../store/app-store-context.tsx';

/** Asks before making an earlier version live again (it is republished as a new version). */
export function RollbackDialog() {
  const s = useApp(
    useShallow((st) => ({
      version: st.rollbackTarget,
      live: st.versionHistory?.publishedVersion ?? null,
      busy: st.syncBusy === 'rollback',
      ask: st.askRollback,
      confirm: st.confirmRollback,
    })),
  );
  if (s.version === null) return null;
  const close = () => {
    if (!s.busy) s.ask(null);
  };
  return (
    <Modal title={`Roll back to version ${s.version}?`} testId="rollback-dialog" onClose={close}>
      <p>
        The runtime will answer with version {s.version} again
        {s.live === null ? '' : ` instead of version ${s.live}`}. It is published as a new version, so this
        can be undone the same way. Your workspace does not change.
      </p>
      <div className="form-actions">
        <button type="button" className="button secondary" disabled={s.busy} onClick={close}>
          Cancel
        </button>
        <button
          type="button"
          className="button danger"
          data-testid="rollback-confirm"
          disabled={s.busy}
          onClick={() => void s.confirm()}
        >
          {s.busy ? 'Rolling back…' : `Roll back to v${s.version}`}
        </button>
      </div>
    </Modal>
  );
}
