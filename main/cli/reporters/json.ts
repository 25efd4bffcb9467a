import { countFailures, type SuiteResult } from './types.ts';

/** The `--reporter json` document: one JSON object for CI tools, with every run's full result. */
export function jsonReport(suite: SuiteResult): string {
  const failed = countFailures(suite);
  const doc = {
    workspace: suite.workspace,
    summary: {
      total: suite.cases.length,
      passed: suite.cases.length - failed,
      failed,
      durationMs: suite.durationMs,
    },
    fixtures: suite.cases.map((c) => ({
      trigger: c.trigger,
      id: c.id,
      name: c.name,
      file: c.file,
      pass: c.report.pass,
      outcome: c.result.outcome,
      error: c.result.error ?? null,
      durationMs: c.result.durationMs,
      mismatches: c.report.mismatches.map((m) => ({
        path: m.path,
        expected: m.expected ?? null,
        actual: m.actual ?? null,
      })),
      result: c.result,
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
