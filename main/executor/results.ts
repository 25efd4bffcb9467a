import type { RunRequest } from '../../shared/run-request.ts';
import type { RunResult } from '../../shared/run-result.ts';

/**
 * A result for a run that never reached (or never came back from) the sandbox: cancelled,
 * crashed, or refused. The input is echoed so a caller can still show what was asked.
 */
export function failedResult(request: RunRequest, message: string, durationMs = 0): RunResult {
  return {
    outcome: 'error',
    error: { message },
    user: request?.fixture?.user ?? null,
    context: request?.fixture?.context ?? {},
    idToken: {},
    accessToken: {},
    customData: {},
    stages: [],
    durationMs,
  };
}

export const SANDBOX_CRASHED = 'sandbox crashed';
export const RUN_CANCELLED = 'run cancelled';
export const EXECUTOR_CLOSED = 'executor closed: the run was not executed';
