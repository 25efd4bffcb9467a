import { assertNever } from '../../shared/assert-never.ts';
import { useApp } from '../store/app-store-context.tsx';
import { AddStageDialog } from './add-stage-dialog.tsx';
import { CloseTabDialog } from './close-tab-dialog.tsx';
import { DeleteStageDialog, RenameStageDialog } from './stage-dialogs.tsx';
import { WorkspaceDialog } from './workspace-dialog.tsx';

/** Renders the one open dialog, if any. */
export function DialogHost() {
  const dialog = useApp((s) => s.dialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'open-workspace':
      return <WorkspaceDialog mode="open" />;
    case 'create-workspace':
      return <WorkspaceDialog mode="create" />;
    case 'add-stage':
      return <AddStageDialog trigger={dialog.trigger} templateId={dialog.templateId} />;
    case 'rename-stage':
      return <RenameStageDialog trigger={dialog.trigger} name={dialog.name} />;
    case 'confirm-delete-stage':
      return <DeleteStageDialog trigger={dialog.trigger} name={dialog.name} />;
    case 'confirm-close-tab':
      return <CloseTabDialog tabId={dialog.tabId} />;
    default:
      return assertNever(dialog);
  }
}
