import type { RunRequest } from '../../shared/run-request.ts';
import type { RunResult } from '../../shared/run-result.ts';

export type SandboxState = 'starting' | 'ready' | 'restarting' | 'closed';

export interface ExecutorOptions {
  /** Isolates run in parallel; default one per core. */
  poolSize?: number;
  /** Default per-run memory limit in MB (64). A request's `memoryLimitMb` wins. */
  memoryLimitMb?: number;
  /** Node binary for the sandbox host; default: this Node when it is >= 24, else the `node` package's. */
  nodeBinary?: string;
  /** The sandbox host's entry file; default main/sandbox/host.ts. */
  hostEntry?: string;
}

export interface RunOptions {
  /** Aborting cancels runs not yet finished; they resolve with outcome `error`, "run cancelled". */
  signal?: AbortSignal;
}

export interface RunManyOptions extends RunOptions {
  /** Called as each run finishes, in completion order, so long replays stream. */
  onResult?: (index: number, result: RunResult) => void;
}

/**
 * The public entry of the executor: runs pipelines in the supervised sandbox host.
 * Used by the CLI, the web and desktop hosts, and the store server's runtime.
 */
export interface Executor {
  run(request: RunRequest, options?: RunOptions): Promise<RunResult>;
  runMany(requests: RunRequest[], options?: RunManyOptions): Promise<RunResult[]>;
  readonly state: SandboxState;
  onStateChange(listener: (state: SandboxState) => void): () => void;
  close(): Promise<void>;
}
