import { assertNever } from './assert-never.ts';
import type { RunResult } from './run-result.ts';
import type { Expect } from './schemas/fixture.ts';

/**
 * The `expect` a run satisfies, as "Accept actual" and "Save as fixture" write it: for `deny` the
 * outcome and message; for `continue` the outcome, final user and context, and the tokens and
 * custom data the run produced. A fault (`error`) is not a behaviour to pin down: `null`.
 * Shared by the studio and the workspace service, so both write the same `expect`.
 */
export function expectFromRun(result: RunResult): Expect | null {
  switch (result.outcome) {
    case 'deny':
      return result.error?.message !== undefined
        ? { outcome: 'deny', error: result.error.message }
        : { outcome: 'deny' };
    case 'continue': {
      const expect: Expect = { outcome: 'continue' };
      if (result.user !== null) expect.user = result.user;
      expect.context = result.context;
      if (Object.keys(result.idToken).length > 0) expect.idToken = result.idToken;
      if (Object.keys(result.accessToken).length > 0) expect.accessToken = result.accessToken;
      if (Object.keys(result.customData).length > 0) expect.customData = result.customData;
      return expect;
    }
    case 'error':
      return null;
    default:
      return assertNever(result.outcome);
  }
}
