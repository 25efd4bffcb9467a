/**
 * The executor's public entry: the only module of main/ that server/ may import.
 * `createExecutor().run(request)` runs one pipeline in the supervised sandbox host.
 */
export type { LiveOptions, RunRequest, StageSource } from '../../shared/run-request.ts';
export type {
  AuthingCall,
  HttpExchange,
  RunError,
  RunOutcome,
  RunResult,
  SourceLocation,
  StageOutcome,
  StageTrace,
} from '../../shared/run-result.ts';
export { createExecutor, type SupervisedExecutor } from './executor.ts';
export { EXECUTOR_CLOSED, RUN_CANCELLED, SANDBOX_CRASHED } from './results.ts';
export type { Executor, ExecutorOptions, RunManyOptions, RunOptions, SandboxState } from './types.ts';
