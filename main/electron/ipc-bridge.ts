/**
 * Connects the window to the services: one `ipcMain.handle` per contract call, every one behind
 * the same sender check, and events forwarded to every studio window.
 */
import { BrowserWindow, type IpcMainInvokeEvent, ipcMain } from 'electron';
import { CALL_NAMES, type CallOutcome, callChannel, eventChannel } from '../../shared/ipc/channels.ts';
import type { Services } from '../ipc/services.ts';
import { isAppUrl, isTrustedFrame } from './app-url.ts';

/**
 * Only our own page, in its top frame, may call main (Electron security checklist item 17):
 * a subframe or a page that navigated elsewhere gets a refusal, never a result.
 */
export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  return isTrustedFrame(event.senderFrame);
}

const FORBIDDEN: CallOutcome = {
  ok: false,
  error: { code: 'forbidden', message: 'This page may not call the studio.' },
};

/** Registers every call; returns the function that removes the handlers and the event forwarding. */
export function bridgeIpc(services: Services): () => void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(callChannel(name), async (event, args: unknown): Promise<CallOutcome> => {
      if (!isTrustedSender(event)) {
        console.warn(`[electron] refused ${name} from ${event.senderFrame?.url ?? 'a closed frame'}`);
        return FORBIDDEN;
      }
      return services.handleCall(name, args);
    });
  }
  const unsubscribe = services.onEvent((message) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed() && isAppUrl(window.webContents.getURL())) {
        window.webContents.send(eventChannel(message.name), message.payload);
      }
    }
  });
  return () => {
    unsubscribe();
    for (const name of CALL_NAMES) ipcMain.removeHandler(callChannel(name));
  };
}
