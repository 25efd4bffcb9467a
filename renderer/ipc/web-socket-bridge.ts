import { buildApi } from '../../shared/ipc/channels.ts';
import type { CallName, EventName, EventPayloads, StudioBridge } from '../../shared/ipc/contract.ts';
import type { IpcError } from '../../shared/ipc/results.ts';
import { parseServerMessage, TOKEN_PARAM, WIRE_PATH } from '../../shared/ipc/wire.ts';

/** A failed call, carrying the host's structured error (file, line, field path) for the UI. */
export class CallError extends Error {
  readonly detail: IpcError;
  constructor(detail: IpcError) {
    super(detail.message);
    this.name = 'CallError';
    this.detail = detail;
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

type Listener = (payload: unknown) => void;

/** The parts of `window.location` the bridge reads. */
export interface PageLocation {
  href: string;
  protocol: string;
  search: string;
}

/**
 * The contract over one WebSocket to the web host (shared/ipc/wire.ts). The per-launch token
 * comes from the page URL (`?token=`) when present; otherwise the host's cookie carries it.
 */
export function connectWebSocketBridge(location: PageLocation): StudioBridge {
  const url = new URL(WIRE_PATH, location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = new URLSearchParams(location.search).get(TOKEN_PARAM);
  if (token) url.searchParams.set(TOKEN_PARAM, token);

  const socket = new WebSocket(url);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener(
      'error',
      () =>
        reject(new Error(`Could not connect to the studio at ${url.host}. Is the web host still running?`)),
      { once: true },
    );
  });
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<Listener>>();
  let nextId = 1;

  socket.addEventListener('message', (event) => {
    const message = typeof event.data === 'string' ? parseServerMessage(event.data) : undefined;
    if (!message) {
      console.warn('Ignored a malformed message from the web host.');
      return;
    }
    if (message.type === 'event') {
      for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
      return;
    }
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (message.ok) call.resolve(message.value);
    else call.reject(new CallError(message.error));
  });
  socket.addEventListener('close', () => {
    const error = new Error('The connection to the studio closed. Restart the web host and reload the page.');
    for (const call of pending.values()) call.reject(error);
    pending.clear();
    for (const listener of listeners.get('app.error') ?? []) {
      listener({ code: 'unavailable', message: error.message } satisfies IpcError);
    }
  });

  async function send(name: CallName, args: unknown): Promise<unknown> {
    await opened;
    if (socket.readyState !== WebSocket.OPEN) {
      throw new Error('The connection to the studio is closed. Restart the web host and reload the page.');
    }
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ type: 'call', id, name, args }));
    });
  }

  return {
    api: buildApi(send),
    on: <E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void) => {
      const set = listeners.get(name) ?? new Set<Listener>();
      listeners.set(name, set);
      set.add(listener as Listener);
      return () => set.delete(listener as Listener);
    },
  };
}
