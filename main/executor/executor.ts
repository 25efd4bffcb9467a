import { availableParallelism } from 'node:os';
import type { RunRequest } from '../../shared/run-request.ts';
import type { RunResult } from '../../shared/run-result.ts';
import { Supervisor } from './supervisor.ts';
import type { Executor, ExecutorOptions, RunManyOptions, RunOptions, SandboxState } from './types.ts';

const DEFAULT_MEMORY_LIMIT_MB = 64;

/** The executor as its internals and the tests see it: the public interface plus the host pid. */
export interface SupervisedExecutor extends Executor {
  /** The sandbox host's process id while one runs (for crash tests and diagnostics). */
  readonly hostPid: number | undefined;
}

/**
 * Creates an executor backed by a supervised sandbox host process. Call `close()` when done:
 * the host is a child process.
 */
export function createExecutor(options: ExecutorOptions = {}): SupervisedExecutor {
  const supervisor = new Supervisor({
    config: {
      poolSize: Math.max(1, Math.floor(options.poolSize ?? availableParallelism())),
      memoryLimitMb: options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB,
    },
    nodeBinary: options.nodeBinary,
    hostEntry: options.hostEntry,
  });

  const run = (request: RunRequest, runOptions?: RunOptions): Promise<RunResult> =>
    supervisor.submit(request, runOptions?.signal);

  const runMany = async (requests: RunRequest[], manyOptions?: RunManyOptions): Promise<RunResult[]> =>
    Promise.all(
      requests.map(async (request, index) => {
        const result = await supervisor.submit(request, manyOptions?.signal);
        manyOptions?.onResult?.(index, result);
        return result;
      }),
    );

  return {
    run,
    runMany,
    get state(): SandboxState {
      return supervisor.state;
    },
    get hostPid(): number | undefined {
      return supervisor.hostPid;
    },
    onStateChange: (listener) => supervisor.onStateChange(listener),
    close: () => supervisor.close(),
  };
}
