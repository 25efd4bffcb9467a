/**
 * The contract's call and event names as values, without zod, so the preload bundle and the
 * renderer can build their per-call methods without pulling in the schemas. Written as records
 * keyed by name so that a call missing here is a compile error.
 */
import type { Api, CallName, EventName, StudioBridge, Subscribe } from './contract.ts';
import type { IpcError } from './results.ts';

const calls: Record<CallName, true> = {
  'app.info': true,
  'dialog.pickFolder': true,
  'workspace.open': true,
  'workspace.create': true,
  'workspace.recent': true,
  'workspace.snapshot': true,
  'file.read': true,
  'file.write': true,
  'stage.add': true,
  'stage.addFromTemplate': true,
  'stage.rename': true,
  'stage.delete': true,
  'stage.reorder': true,
  'stage.setSettings': true,
  'fixture.add': true,
  'fixture.duplicate': true,
  'fixture.rename': true,
  'fixture.delete': true,
  'fixture.write': true,
  'fixture.saveActualAsExpect': true,
  'env.read': true,
  'env.write': true,
  'secrets.list': true,
  'secrets.set': true,
  'secrets.delete': true,
  'templates.list': true,
  'templates.get': true,
  'schemas.get': true,
  'types.get': true,
  'run.fixture': true,
  'run.all': true,
  'run.cancel': true,
  'run.stages': true,
  'sync.status': true,
  'sync.connect': true,
  'sync.pull': true,
  'sync.push': true,
  'sync.resolveConflict': true,
  'sync.publishReview': true,
  'sync.publish': true,
  'sync.versions': true,
  'sync.rollback': true,
};

const events: Record<EventName, true> = {
  'workspace.changed': true,
  'sandbox.state': true,
  'run.progress': true,
  'app.error': true,
  'menu.command': true,
  'sync.changed': true,
};

export const CALL_NAMES = Object.keys(calls) as CallName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(calls, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

/** The Electron channel of a call; events use their own name. */
export function callChannel(name: CallName): string {
  return `call:${name}`;
}

export function eventChannel(name: EventName): string {
  return `event:${name}`;
}

/** What a transport answers for one call: the value, or the error a person can act on. */
export type CallOutcome = { ok: true; value: unknown } | { ok: false; error: IpcError };

/**
 * Resolves with the value or rejects with the plain `IpcError` object (not an `Error`: a plain
 * object survives Electron's contextBridge with all its fields). Both transports reject this way.
 */
export function unwrapOutcome(outcome: CallOutcome): Promise<unknown> {
  return outcome.ok ? Promise.resolve(outcome.value) : Promise.reject(outcome.error);
}

/**
 * Builds the per-call API over a transport's single send function. Used by the preload (each
 * method becomes its own `ipcRenderer.invoke` channel) and by the renderer's WebSocket transport.
 * Typed by `Api`: the records above guarantee every call has its method.
 */
export function buildApi(send: (name: CallName, args: unknown) => Promise<unknown>): Api {
  const api: Record<string, (args?: unknown) => Promise<unknown>> = {};
  for (const name of CALL_NAMES) api[name] = (args?: unknown) => send(name, args ?? {});
  return api as unknown as Api;
}

export type { Api, StudioBridge, Subscribe };
