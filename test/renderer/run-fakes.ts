import type { FixtureRun } from '../../shared/ipc/results.ts';
import type { RunOutcome, RunResult, StageTrace } from '../../shared/run-result.ts';

/** A stage trace with everything empty but its name and outcome. */
export function trace(name: string, outcome: StageTrace['outcome'] = 'continue'): StageTrace {
  return {
    name,
    outcome,
    durationMs: 1,
    logs: [],
    http: [],
    authing: [],
    input: { user: { email: 'a@example.com' }, context: {} },
    output: { user: { email: 'a@example.com' }, context: { seen: true } },
    customData: {},
    idToken: {},
    accessToken: {},
  };
}

export function result(outcome: RunOutcome, stages: StageTrace[] = [trace('check')]): RunResult {
  return {
    outcome,
    ...(outcome === 'continue' ? {} : { error: { message: 'No entry.', stage: 'check' } }),
    user: { email: 'a@example.com' },
    context: { seen: true },
    idToken: {},
    accessToken: {},
    customData: {},
    stages,
    durationMs: 2,
  };
}

/** A fixture run; `pass` undefined means the fixture has no expect. */
export function fixtureRun(fixtureId: string, outcome: RunOutcome, pass?: boolean, runId = 'r'): FixtureRun {
  return {
    runId,
    trigger: 'PRE_REGISTER',
    fixtureId,
    result: result(outcome),
    expectation:
      pass === undefined
        ? null
        : { pass, mismatches: pass ? [] : [{ path: 'outcome', expected: 'continue', actual: outcome }] },
  };
}
