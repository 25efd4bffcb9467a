import type { ExpectationReport } from '../../../shared/expect-match.ts';
import type { RunResult } from '../../../shared/run-result.ts';
import type { Trigger } from '../../../shared/triggers.ts';

/** One fixture of a `test` run: where it came from, what the run did, and how it met `expect`. */
export interface FixtureCase {
  trigger: Trigger;
  /** The fixture file's base name. */
  id: string;
  /** The fixture's `name`. */
  name: string;
  /** Path relative to the workspace root. */
  file: string;
  result: RunResult;
  report: ExpectationReport;
}

/** Everything a reporter needs: reporters are pure functions of this. */
export interface SuiteResult {
  /** The workspace folder as given on the command line. */
  workspace: string;
  cases: FixtureCase[];
  durationMs: number;
}

export const REPORTERS = ['pretty', 'json', 'junit'] as const;
export type ReporterName = (typeof REPORTERS)[number];

export function countFailures(suite: SuiteResult): number {
  return suite.cases.filter((c) => !c.report.pass).length;
}
