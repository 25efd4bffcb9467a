import { useApp } from '../store/app-store-context.tsx';
import { Modal } from './modal.tsx';

/** Closing a tab with unsaved edits: save them, drop them, or keep the tab open. */
export function CloseTabDialog(props: { tabId: string }) {
  const close = useApp((s) => s.closeDialog);
  const closeTab = useApp((s) => s.closeTab);
  const saveTab = useApp((s) => s.saveTab);
  const name = props.tabId.split('/').pop() ?? props.tabId;
  return (
    <Modal title={`Save the changes to ${name}?`} testId="close-tab-dialog" onClose={close}>
      <p>Your edits to {props.tabId} are lost if you close it without saving.</p>
      <div className="form-actions">
        <button type="button" className="button secondary" onClick={close}>
          Cancel
        </button>
        <button
          type="button"
          className="button secondary"
          data-testid="close-tab-discard"
          onClick={() => {
            closeTab(props.tabId);
            close();
          }}
        >
          Don't save
        </button>
        <button
          type="button"
          className="button"
          data-testid="close-tab-save"
          onClick={() =>
            void saveTab(props.tabId).then((saved) => {
              if (!saved) return;
              closeTab(props.tabId);
              close();
            })
          }
        >
          Save
        </button>
      </div>
    </Modal>
  );
}
