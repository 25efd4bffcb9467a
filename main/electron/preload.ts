/**
 * The window's only bridge to main: `window.studio` with one method per contract call (each on
 * its own channel) and `on(event, listener)`. Runs sandboxed, so it is bundled to one CommonJS
 * file (scripts/build-electron.ts) and imports nothing but `electron` and zod-free shared code.
 */
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import {
  type Api,
  buildApi,
  type CallOutcome,
  callChannel,
  eventChannel,
  isEventName,
  type StudioBridge,
  type Subscribe,
  unwrapOutcome,
} from '../../shared/ipc/channels.ts';

const api: Api = buildApi(async (name, args) =>
  unwrapOutcome((await ipcRenderer.invoke(callChannel(name), args)) as CallOutcome),
);

const on: Subscribe = (name, listener) => {
  if (!isEventName(name)) throw new Error(`Unknown event "${String(name)}".`);
  const channel = eventChannel(name);
  // The event object gives access to the sender; the page receives the payload only.
  const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
};

const bridge: StudioBridge = { api, on };
contextBridge.exposeInMainWorld('studio', bridge);
