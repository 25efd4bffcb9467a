import { describe, expect, it } from 'vitest';
import { matchExpectation } from '../../shared/expect-match.ts';
import type { RunResult } from '../../shared/run-result.ts';

function result(overrides: Partial<RunResult>): RunResult {
  return {
    outcome: 'continue',
    user: { email: 'ana@example.com', roles: ['admin'], address: { city: 'Lisbon', zip: '1000' } },
    context: { protocol: 'password' },
    idToken: {},
    accessToken: {},
    customData: {},
    stages: [],
    durationMs: 1,
    ...overrides,
  };
}

describe('matchExpectation', () => {
  it('passes when every given key matches, ignoring keys not given', () => {
    const report = matchExpectation(
      { outcome: 'continue', user: { address: { city: 'Lisbon' } } },
      result({}),
    );
    expect(report).toEqual({ pass: true, mismatches: [] });
  });

  it('reports the outcome and each differing field path', () => {
    const report = matchExpectation(
      { outcome: 'deny', error: 'not allowed', user: { roles: ['admin', 'ops'], email: 'ana@example.com' } },
      result({}),
    );
    expect(report.pass).toBe(false);
    expect(report.mismatches).toEqual([
      { path: 'outcome', expected: 'deny', actual: 'continue' },
      { path: 'error', expected: 'not allowed', actual: null },
      { path: 'user.roles', expected: ['admin', 'ops'], actual: ['admin'] },
    ]);
  });

  it('matches the error as a substring of the message', () => {
    const denied = result({ outcome: 'deny', error: { message: 'Registration is limited to example.com' } });
    expect(matchExpectation({ outcome: 'deny', error: 'limited to example.com' }, denied).pass).toBe(true);
    expect(matchExpectation({ outcome: 'deny', error: 'limited to other.org' }, denied).pass).toBe(false);
  });

  it('fails when an object is expected and the actual value is null', () => {
    const report = matchExpectation({ outcome: 'continue', user: { id: 'u1' } }, result({ user: null }));
    expect(report.mismatches).toEqual([{ path: 'user', expected: { id: 'u1' }, actual: null }]);
  });

  it('checks token claims and custom data', () => {
    const run = result({ idToken: { tier: 'gold' }, customData: { city: 'Lisbon' } });
    expect(matchExpectation({ outcome: 'continue', idToken: { tier: 'gold' } }, run).pass).toBe(true);
    expect(matchExpectation({ outcome: 'continue', customData: { city: 'Porto' } }, run).mismatches).toEqual([
      { path: 'customData.city', expected: 'Porto', actual: 'Lisbon' },
    ]);
  });
});
