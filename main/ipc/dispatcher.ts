/**
 * The one entry every transport calls: validates a call's arguments with the contract's schema,
 * runs its handler, and answers a result or an `IpcError` (never a thrown exception).
 */

import type { CallOutcome } from '../../shared/ipc/channels.ts';
import { type CallName, type CallResult, callArgs, type ParsedArgs } from '../../shared/ipc/contract.ts';
import { CallError, invalidArgs, toIpcError } from './call-error.ts';

/** One handler per call, typed by the contract: a call without a handler is a compile error. */
export type Handlers = { [K in CallName]: (args: ParsedArgs<K>) => Promise<CallResult<K>> };

export type { CallOutcome };

export type HandleCall = (name: string, rawArgs: unknown) => Promise<CallOutcome>;

export function createDispatcher(handlers: Handlers): HandleCall {
  return async (name, rawArgs) => {
    if (!Object.hasOwn(callArgs, name)) {
      const error = new CallError(
        'unknown-call',
        `Unknown call "${name}"; the studio and its host are out of step — reload the window.`,
      );
      return { ok: false, error: toIpcError(name, error) };
    }
    const call = name as CallName;
    const parsed = callArgs[call].safeParse(rawArgs ?? {});
    if (!parsed.success)
      return { ok: false, error: toIpcError(call, invalidArgs(call, parsed.error.issues)) };
    try {
      const handler = handlers[call] as (args: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      return { ok: false, error: toIpcError(call, error) };
    }
  };
}
