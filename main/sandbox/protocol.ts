/**
 * The typed messages between the executor (main), the sandbox host process and its worker
 * threads. Everything here is plain JSON data: it crosses a process boundary.
 */
import type { RunRequest } from '../../shared/run-request.ts';

/** Settings the host receives once, in its `init` message. */
/** The environment variable giving the sandbox host the path of its stage board (stage-board.ts). */
export const STAGE_BOARD_ENV = 'PIPELINE_STUDIO_STAGE_BOARD';

export interface HostConfig {
  poolSize: number;
  memoryLimitMb: number;
}

/** One run handed to the host. */
export interface RunJob {
  id: number;
  request: RunRequest;
}

/**
 * One finished run: its RunResult as JSON text. Text crosses the thread and process boundaries
 * as one flat copy; an object graph would be structured-cloned twice (worker → host → main),
 * which cost several times the run's own serialization (measured: scratch/perf).
 */
export interface RunDone {
  id: number;
  json: string;
}

/** main → sandbox host. Runs come in batches: one message per pump, not one per run. */
export type MainToHost =
  | { type: 'init'; config: HostConfig }
  | { type: 'runs'; runs: RunJob[] }
  | { type: 'cancel'; id: number }
  | { type: 'shutdown' };

/** sandbox host → main. */
export type HostToMain =
  | { type: 'ready'; pid: number; poolSize: number }
  | { type: 'results'; results: RunDone[] }
  | { type: 'log'; level: 'warn' | 'error'; message: string };

/** sandbox host → one worker thread (each owns one isolate). */
export type HostToWorker =
  | { type: 'run'; id: number; request: RunRequest; memoryLimitMb: number }
  | { type: 'cancel'; id: number };

/** worker thread → sandbox host. */
export type WorkerToHost =
  | { type: 'ready' }
  | { type: 'result'; id: number; json: string }
  | { type: 'log'; level: 'warn' | 'error'; message: string };

/** True when `value` looks like a message of the given union (a `type` string is present). */
export function hasType(value: unknown): value is { type: string } {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}
