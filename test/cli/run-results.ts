import type { RunResult, StageTrace } from '../../shared/run-result.ts';

/** A hand-made stage trace for reporter tests; override what a test is about. */
export function stageTrace(overrides: Partial<StageTrace> = {}): StageTrace {
  return {
    name: 'check-domain',
    outcome: 'continue',
    durationMs: 1.25,
    logs: [],
    http: [],
    authing: [],
    input: { user: null, context: {} },
    output: { user: null, context: {} },
    customData: {},
    idToken: {},
    accessToken: {},
    ...overrides,
  };
}

/** A hand-made run result: a passing single-stage run unless overridden. */
export function runResult(overrides: Partial<RunResult> = {}): RunResult {
  return {
    outcome: 'continue',
    user: { email: 'ana@example.com' },
    context: { protocol: 'password' },
    idToken: {},
    accessToken: {},
    customData: {},
    stages: [stageTrace()],
    durationMs: 2.5,
    ...overrides,
  };
}
