import type { RunRequest } from '../../shared/run-request.ts';
import type { RunResult, StageTrace } from '../../shared/run-result.ts';
import { expandSharedTraces, MAX_RESULT_JSON_CHARS, parseGuestJson } from '../sandbox/result-json.ts';

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

/** The trace of a stage that failed outside its own code (memory, crash): nothing but the fault. */
export function failedStageTrace(name: string, message: string, input: StageTrace['input']): StageTrace {
  return {
    name,
    outcome: 'error',
    durationMs: 0,
    logs: [],
    http: [],
    authing: [],
    input,
    output: input,
    customData: {},
    idToken: {},
    accessToken: {},
    error: { message, stage: name },
  };
}

/** Text V8 prints when it aborts a process whose heap cannot grow any more. */
const OUT_OF_MEMORY = /out of memory|CALL_AND_RETRY_LAST|Reached heap limit|heap limit/i;

export function isOutOfMemoryReport(stderr: string): boolean {
  return OUT_OF_MEMORY.test(stderr);
}

/**
 * The result of a run that was in flight when the sandbox host (or only its worker) died. With the stage that was
 * running (the host marks each stage start), the failure is that stage's, as any other fault.
 */
export function crashedResult(
  request: RunRequest,
  crash: { stage?: string; outOfMemory: boolean; memoryLimitMb: number; workerOnly?: boolean },
  durationMs: number,
): RunResult {
  const where = crash.stage === undefined ? '' : ` in stage ${crash.stage}`;
  const what = crash.workerOnly ? 'the sandbox worker running it ended' : 'the sandbox process died';
  const message = crash.outOfMemory
    ? `${SANDBOX_CRASHED}: out of memory${where} (the stage outgrew the memory limit of ${crash.memoryLimitMb} MB ` +
      'in one allocation, which aborts the sandbox; it was restarted and the next runs are not affected)'
    : `${SANDBOX_CRASHED}${where} (${what}; it was restarted)`;
  const result = failedResult(request, message, durationMs);
  if (crash.stage === undefined) return result;
  result.error = { message, stage: crash.stage };
  result.stages = [failedStageTrace(crash.stage, message, { user: result.user, context: result.context })];
  return result;
}

/**
 * A worker's JSON text of a result: its stage traces are the guest's own text, so it is parsed
 * with the limits for guest data (size, depth, no `__proto__` keys), and shared traces expanded.
 */
export function resultFromJson(json: string, request: RunRequest): RunResult {
  try {
    const result = parseGuestJson(json, MAX_RESULT_JSON_CHARS) as unknown as RunResult;
    if (!expandSharedTraces(result.stages))
      throw new Error('a stage trace refers to a stage before it that is not there');
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return failedResult(
      request,
      `the sandbox sent a result that is not JSON (${message}); please report this`,
    );
  }
}
