import type { FixtureRun } from '../../../shared/ipc/results.ts';
import type { StageOutcome } from '../../../shared/run-result.ts';

/** How a stage did over every fixture's last run: continued, or stopped the flow / failed. */
export interface StageStats {
  pass: number;
  fail: number;
}

const FAILED: ReadonlySet<StageOutcome> = new Set(['deny', 'error', 'timeout']);

/** Counts a stage's outcomes over the fixtures' last runs; skipped and async runs count for neither. */
export function stageStats(results: Record<string, FixtureRun> | undefined, stage: string): StageStats {
  const stats: StageStats = { pass: 0, fail: 0 };
  for (const run of Object.values(results ?? {})) {
    const trace = run.result.stages.find((s) => s.name === stage);
    if (!trace) continue;
    if (trace.outcome === 'continue') stats.pass += 1;
    else if (FAILED.has(trace.outcome)) stats.fail += 1;
  }
  return stats;
}

/** The outcome of one stage in one run, or `null` when the run never reached it. */
export function stageOutcome(run: FixtureRun | undefined, stage: string): StageOutcome | null {
  return run?.result.stages.find((s) => s.name === stage)?.outcome ?? null;
}
