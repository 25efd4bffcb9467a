import { PublishDialog } from './publish-dialog.tsx';
import { RollbackDialog } from './rollback-dialog.tsx';

/** The sync feature's dialogs, mounted once beside the shell's own. */
export function SyncDialogs() {
  return (
    <>
      <PublishDialog />
      <RollbackDialog />
    </>
  );
}
