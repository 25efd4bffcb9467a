import type { RunResult } from './run-result.ts';
import type { Expect } from './schemas/fixture.ts';
import type { Json } from './schemas/json.ts';

/** One field where the actual run differs from the fixture's `expect`. */
export interface Mismatch {
  /** Dotted path from the run result, e.g. `user.email` or `outcome`. */
  path: string;
  expected: Json | undefined;
  actual: Json | undefined;
}

export interface ExpectationReport {
  pass: boolean;
  mismatches: Mismatch[];
}

/**
 * Compares a run with a fixture's `expect`. Objects under `expect` are partial: every key given
 * must match, keys not given are not checked; arrays and scalars must be equal.
 */
export function matchExpectation(expect: Expect, result: RunResult): ExpectationReport {
  const mismatches: Mismatch[] = [];
  const expectedOutcome = expect.outcome;
  if (result.outcome !== expectedOutcome) {
    mismatches.push({ path: 'outcome', expected: expectedOutcome, actual: result.outcome });
  }
  if (expect.error !== undefined) {
    const message = result.error?.message;
    if (message === undefined || !message.includes(expect.error)) {
      mismatches.push({ path: 'error', expected: expect.error, actual: message ?? null });
    }
  }
  const partials = ['user', 'context', 'idToken', 'accessToken', 'customData'] as const;
  for (const key of partials) {
    const expected = expect[key];
    if (expected !== undefined) comparePartial(key, expected, result[key] ?? null, mismatches);
  }
  return { pass: mismatches.length === 0, mismatches };
}

function comparePartial(path: string, expected: Json, actual: Json | undefined, out: Mismatch[]): void {
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) {
      out.push({ path, expected, actual });
      return;
    }
    for (const [key, value] of Object.entries(expected)) {
      comparePartial(`${path}.${key}`, value, actual[key], out);
    }
    return;
  }
  if (!deepEqual(expected, actual)) out.push({ path, expected, actual });
}

function isPlainObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON values. */
export function deepEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}
