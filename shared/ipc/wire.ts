/**
 * The WebSocket wire protocol between the web host (main/web) and the renderer's browser
 * transport (renderer/ipc). One socket per tab; JSON text frames.
 *
 *   renderer → host  { type: 'call', id, name, args }
 *   host → renderer  { type: 'result', id, ok: true, value } | { type: 'result', id, ok: false, error }
 *   host → renderer  { type: 'event', name, payload }
 *
 * `id` is chosen by the renderer (a counter) and echoed in the one result for that call.
 * Results may arrive in any order. The host validates `args` with the contract's schema.
 */
import type { CallName, CallResult, EventName, EventPayloads } from './contract.ts';
import type { IpcError } from './results.ts';

/** Path of the WebSocket on the web host; the token travels in the cookie or `?token=`. */
export const WIRE_PATH = '/ipc';
/** Query parameter and cookie that carry the per-launch token. */
export const TOKEN_PARAM = 'token';
export const TOKEN_COOKIE = 'studio_token';

export interface CallMessage {
  type: 'call';
  id: number;
  name: CallName;
  args: unknown;
}

export type ResultMessage =
  | { type: 'result'; id: number; ok: true; value: CallResult<CallName> }
  | { type: 'result'; id: number; ok: false; error: IpcError };

export type EventMessage = {
  [E in EventName]: { type: 'event'; name: E; payload: EventPayloads[E] };
}[EventName];

export type ClientMessage = CallMessage;
export type ServerMessage = ResultMessage | EventMessage;

/** Parses a frame from the renderer; `undefined` when it is not a well-formed call. */
export function parseClientMessage(text: string): CallMessage | undefined {
  const value = safeParse(text);
  if (!isRecord(value) || value.type !== 'call') return undefined;
  if (typeof value.id !== 'number' || !Number.isInteger(value.id)) return undefined;
  if (typeof value.name !== 'string') return undefined;
  return { type: 'call', id: value.id, name: value.name as CallName, args: value.args };
}

/** Parses a frame from the host; `undefined` when it is neither a result nor an event. */
export function parseServerMessage(text: string): ServerMessage | undefined {
  const value = safeParse(text);
  if (!isRecord(value)) return undefined;
  if (value.type === 'result' && typeof value.id === 'number' && typeof value.ok === 'boolean') {
    return value as unknown as ResultMessage;
  }
  if (value.type === 'event' && typeof value.name === 'string') return value as unknown as EventMessage;
  return undefined;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // A frame that is not JSON is reported by the caller as malformed; the reason adds nothing.
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
