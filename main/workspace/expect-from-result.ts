import { assertNever } from '../../shared/assert-never.ts';
import type { RunResult } from '../../shared/run-result.ts';
import type { Expect } from '../../shared/schemas/fixture.ts';
import type { JsonObject } from '../../shared/schemas/json.ts';
import { WorkspaceError } from './errors.ts';

const isEmpty = (value: JsonObject): boolean => Object.keys(value).length === 0;

/**
 * The `expect` that a run's actual outcome satisfies: for `deny` the outcome and the message, for
 * `continue` the outcome, the final user and context, and the tokens and custom data the run
 * produced. A run that ended in a fault (`error`) is not a behaviour to pin down, so it is refused.
 */
export function expectFromResult(result: RunResult): Expect {
  switch (result.outcome) {
    case 'deny':
      return result.error?.message !== undefined
        ? { outcome: 'deny', error: result.error.message }
        : { outcome: 'deny' };
    case 'continue': {
      const expect: Expect = { outcome: 'continue' };
      if (result.user !== null) expect.user = result.user;
      expect.context = result.context;
      if (!isEmpty(result.idToken)) expect.idToken = result.idToken;
      if (!isEmpty(result.accessToken)) expect.accessToken = result.accessToken;
      if (!isEmpty(result.customData)) expect.customData = result.customData;
      return expect;
    }
    case 'error': {
      const where = result.error?.stage ? ` in stage "${result.error.stage}"` : '';
      throw new WorkspaceError(
        'invalid-input',
        `The run failed${where} (${result.error?.message ?? 'no message'}), and a failure cannot be saved as ` +
          'the expected outcome (only continue or deny). Fix the stage, run again, then save.',
      );
    }
    default:
      return assertNever(result.outcome, 'run outcome');
  }
}
