import type { Subscribe } from '../../shared/ipc/contract.ts';
import type { AppStore } from './app-store.ts';

/** Routes the host's events into the store; returns the function that disconnects them all. */
export function connectEvents(store: AppStore, on: Subscribe): () => void {
  const now = () => new Date().toISOString();
  const offs = [
    on('workspace.changed', (event) => {
      const names = event.changes.map((c) => `${c.relPath} (${c.kind})`).join(', ');
      store
        .getState()
        .appendLog({ level: 'info', message: `Changed outside the studio: ${names}`, time: now() });
      void store.getState().applyWorkspaceChanged(event);
    }),
    on('sandbox.state', ({ state }) => {
      store.getState().setSandbox(state);
      store.getState().appendLog({ level: 'info', message: `Sandbox host: ${state}`, time: now() });
    }),
    on('app.error', (error) => {
      const where = error.file ? ` (${error.file}${error.line ? `:${error.line}` : ''})` : '';
      store.getState().appendLog({ level: 'error', message: `${error.message}${where}`, time: now() });
      store.getState().notify('error', error.message);
    }),
    on('menu.command', ({ command }) => store.getState().runMenuCommand(command)),
  ];
  return () => {
    for (const off of offs) off();
  };
}
