/**
 * The typed messages between the executor (main), the sandbox host process and its worker
 * threads. Everything here is plain JSON data: it crosses a process boundary.
 */
import type { LinkAddress } from './link.ts';

/** The environment variable giving the sandbox host the path of its stage board (stage-board.ts). */
export const STAGE_BOARD_ENV = 'PIPELINE_STUDIO_STAGE_BOARD';

/** Settings the host receives once, in its `init` message. */
export interface HostConfig {
  poolSize: number;
  memoryLimitMb: number;
}

/**
 * main → sandbox host. Runs do not come this way: each worker has its own link to main
 * (link.ts), so the host's main thread only starts, restarts and reports its workers.
 */
export type MainToHost = { type: 'init'; config: HostConfig; link: LinkAddress } | { type: 'shutdown' };

/** sandbox host → main. */
export type HostToMain =
  /** A worker thread ended (its link's runs in flight are lost); a new one is starting. */
  | { type: 'worker-exit'; slot: number; worker: number }
  | { type: 'log'; level: 'warn' | 'error'; message: string };

/** What the host gives each worker thread. */
export interface WorkerSettings {
  memoryLimitMb: number;
  link: LinkAddress;
  slot: number;
  /** This worker's number among all the host has started (its hello and its exit name it). */
  worker: number;
  /** The stage board's path (stage-board.ts); absent when the host was started without one. */
  stageBoard?: string;
}

/** worker thread → sandbox host (runs and results use the link). */
export type WorkerToHost =
  /** It reached the supervisor (connected and said hello). */
  { type: 'linked' } | { type: 'log'; level: 'warn' | 'error'; message: string };

/** True when `value` looks like a message of the given union (a `type` string is present). */
export function hasType(value: unknown): value is { type: string } {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}
