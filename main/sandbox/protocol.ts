/**
 * The typed messages between the executor (main), the sandbox host process and its worker
 * threads. Everything here is plain JSON data: it crosses a process boundary.
 */
import type { RunRequest } from '../../shared/run-request.ts';
import type { RunResult } from '../../shared/run-result.ts';

/** Settings the host receives once, in its `init` message. */
export interface HostConfig {
  poolSize: number;
  memoryLimitMb: number;
}

/** main → sandbox host. */
export type MainToHost =
  | { type: 'init'; config: HostConfig }
  | { type: 'run'; id: number; request: RunRequest }
  | { type: 'cancel'; id: number }
  | { type: 'shutdown' };

/** sandbox host → main. */
export type HostToMain =
  | { type: 'ready'; pid: number; poolSize: number }
  | { type: 'result'; id: number; result: RunResult }
  | { type: 'log'; level: 'warn' | 'error'; message: string };

/** sandbox host → one worker thread (each owns one isolate). */
export type HostToWorker =
  | { type: 'run'; id: number; request: RunRequest; memoryLimitMb: number }
  | { type: 'cancel'; id: number };

/** worker thread → sandbox host. */
export type WorkerToHost =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: RunResult }
  | { type: 'log'; level: 'warn' | 'error'; message: string };

/** True when `value` looks like a message of the given union (a `type` string is present). */
export function hasType(value: unknown): value is { type: string } {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}
