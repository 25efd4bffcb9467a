import type { StudioBridge } from '../../shared/ipc/contract.ts';
import { connectWebSocketBridge } from './web-socket-bridge.ts';

declare global {
  interface Window {
    /** Exposed by the Electron preload through `contextBridge`; absent in a browser tab. */
    studio?: StudioBridge;
  }
}

/**
 * The one way the renderer reaches main: Electron's preload when it is there, otherwise the
 * web host's WebSocket. Nothing outside `renderer/ipc/` touches a transport.
 */
export function connectBridge(): StudioBridge {
  return window.studio ?? connectWebSocketBridge(window.location);
}
