import { expectFromRun } from '../../shared/expect-from-run.ts';
import type { RunResult } from '../../shared/run-result.ts';
import type { Expect } from '../../shared/schemas/fixture.ts';
import { WorkspaceError } from './errors.ts';

/**
 * The `expect` that a run's actual outcome satisfies (see `expectFromRun`). A run that ended in a
 * fault (`error`) is refused with a message saying what to do.
 */
export function expectFromResult(result: RunResult): Expect {
  const expect = expectFromRun(result);
  if (expect !== null) return expect;
  const where = result.error?.stage ? ` in stage "${result.error.stage}"` : '';
  throw new WorkspaceError(
    'invalid-input',
    `The run failed${where} (${result.error?.message ?? 'no message'}), and a failure cannot be saved as ` +
      'the expected outcome (only continue or deny). Fix the stage, run again, then save.',
  );
}
