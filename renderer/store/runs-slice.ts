import type { StageOverride } from '../../shared/ipc/args.ts';
import type { FixtureRun, RunProgress } from '../../shared/ipc/results.ts';
import type { Fixture } from '../../shared/schemas/fixture.ts';
import type { Trigger } from '../../shared/triggers.ts';
import { errorMessage, type SliceCreator } from './app-state.ts';

/** How a fixture stands after its last run: the run's outcome and whether `expect` held. */
export type FixtureVerdict = 'pass' | 'fail' | 'ran' | 'never-run';

/** A fixture whose outcome moved between two runs of the whole trigger ("continue → deny"). */
export interface OutcomeChange {
  from: string;
  to: string;
}

/** Everything the studio knows about the fixtures of one trigger. */
export interface TriggerRuns {
  results: Record<string, FixtureRun>;
  /** Fixtures whose outcome or verdict changed in the last run of all fixtures. */
  changes: Record<string, OutcomeChange>;
  /** The run of all fixtures in flight, or the last one finished (then `activeRunId` is null). */
  progress: { done: number; total: number } | null;
  /** The `run.all` in flight: progress events of any other run are stale and ignored. */
  activeRunId: string | null;
  /** Increases with each finished run of all fixtures, so views can tell a fresh result. */
  generation: number;
}

export interface RunAllOptions {
  /** Unsaved stage edits (order, settings, code) to run instead of the saved pipeline. */
  stagesOverride?: StageOverride[];
  /** Unsaved fixture edits by id, run in place of the saved files. */
  fixtureOverrides?: Record<string, Fixture>;
}

export interface RunsSlice {
  runs: Partial<Record<Trigger, TriggerRuns>>;
  runFixture(trigger: Trigger, fixtureId: string): Promise<FixtureRun | null>;
  /** Runs every fixture of a trigger; a new call cancels the one in flight. */
  runAll(trigger: Trigger, options?: RunAllOptions): Promise<void>;
  applyRunProgress(progress: RunProgress): void;
  cancelRunAll(trigger: Trigger): Promise<void>;
}

const EMPTY: TriggerRuns = { results: {}, changes: {}, progress: null, activeRunId: null, generation: 0 };

let runCounter = 0;
/** A caller-chosen run id, so a run can be cancelled before its first progress event. */
export function newRunId(prefix: string): string {
  runCounter += 1;
  return `${prefix}-${Date.now().toString(36)}-${runCounter}`;
}

/** The verdict a badge shows for one fixture's last run. */
export function verdictOf(run: FixtureRun | undefined): FixtureVerdict {
  if (!run) return 'never-run';
  if (!run.expectation) return 'ran';
  return run.expectation.pass ? 'pass' : 'fail';
}

/** What "Failures only" keeps: a failed expectation or a run that ended in an error. */
export function isFailure(run: FixtureRun | undefined): boolean {
  return verdictOf(run) === 'fail' || run?.result.outcome === 'error';
}

/** The words a change badge shows: the outcome, and the verdict when the outcome stayed. */
function labelOf(run: FixtureRun): string {
  const verdict = verdictOf(run);
  return verdict === 'pass' || verdict === 'fail' ? `${run.result.outcome} (${verdict})` : run.result.outcome;
}

/** Fixtures whose label differs between the previous and the new results. */
export function outcomeChanges(
  before: Record<string, FixtureRun>,
  after: Record<string, FixtureRun>,
): Record<string, OutcomeChange> {
  const changes: Record<string, OutcomeChange> = {};
  for (const [id, run] of Object.entries(after)) {
    const old = before[id];
    if (!old) continue;
    if (old.result.outcome !== run.result.outcome) {
      changes[id] = { from: old.result.outcome, to: run.result.outcome };
    } else if (labelOf(old) !== labelOf(run)) {
      changes[id] = { from: labelOf(old), to: labelOf(run) };
    }
  }
  return changes;
}

export const createRunsSlice: SliceCreator<RunsSlice> = (api) => (set, get) => {
  function update(trigger: Trigger, change: (runs: TriggerRuns) => Partial<TriggerRuns>): void {
    set((s) => {
      const current = s.runs[trigger] ?? EMPTY;
      return { runs: { ...s.runs, [trigger]: { ...current, ...change(current) } } };
    });
  }

  return {
    runs: {},
    runFixture: async (trigger, fixtureId) => {
      try {
        const run = await api['run.fixture']({ trigger, fixtureId, runId: newRunId('one') });
        update(trigger, (r) => ({ results: { ...r.results, [fixtureId]: run } }));
        return run;
      } catch (error) {
        get().notify('error', `Could not run fixture "${fixtureId}": ${errorMessage(error)}`);
        return null;
      }
    },
    runAll: async (trigger, options = {}) => {
      const previous = get().runs[trigger]?.activeRunId;
      if (previous) {
        // The newer run replaces it either way; a failed cancel only means it runs to the end unseen.
        api['run.cancel']({ runId: previous }).catch((error: unknown) =>
          get().appendLog({
            level: 'warn',
            message: `Could not cancel the previous ${trigger} run: ${errorMessage(error)}`,
            time: new Date().toISOString(),
          }),
        );
      }
      const runId = newRunId('all');
      const before = get().runs[trigger]?.results ?? {};
      update(trigger, () => ({ activeRunId: runId, progress: { done: 0, total: 0 } }));
      try {
        const all = await api['run.all']({
          trigger,
          runId,
          ...(options.stagesOverride ? { stagesOverride: options.stagesOverride } : {}),
        });
        if (get().runs[trigger]?.activeRunId !== runId) return;
        const results: Record<string, FixtureRun> = {};
        for (const run of all.runs) results[run.fixtureId] = run;
        // Unsaved fixture edits replace their saved run (what the person sees in the editor).
        for (const [id, fixture] of Object.entries(options.fixtureOverrides ?? {})) {
          try {
            results[id] = await api['run.fixture']({
              trigger,
              fixtureId: id,
              overrides: {
                fixture,
                ...(options.stagesOverride ? { stages: options.stagesOverride } : {}),
              },
            });
          } catch (error) {
            // An unsaved fixture that does not validate yet keeps its saved run; say why in the log.
            get().appendLog({
              level: 'warn',
              message: `Unsaved fixture "${id}" was not run: ${errorMessage(error)}`,
              time: new Date().toISOString(),
            });
          }
        }
        if (get().runs[trigger]?.activeRunId !== runId) return;
        update(trigger, (r) => ({
          results: all.cancelled ? { ...r.results, ...results } : results,
          changes: outcomeChanges(before, results),
          // The bar stays, full, to show what the last run covered.
          progress: { done: all.runs.length, total: Math.max(r.progress?.total ?? 0, all.runs.length) },
          activeRunId: null,
          generation: r.generation + 1,
        }));
      } catch (error) {
        if (get().runs[trigger]?.activeRunId !== runId) return;
        update(trigger, () => ({ progress: null, activeRunId: null }));
        get().notify('error', `Could not run the ${trigger} fixtures: ${errorMessage(error)}`);
      }
    },
    applyRunProgress: (progress) => {
      const current = get().runs[progress.trigger];
      if (!current || current.activeRunId !== progress.runId) return;
      const { done, total, ...run } = progress;
      update(progress.trigger, (r) => ({
        progress: { done, total },
        results: { ...r.results, [run.fixtureId]: run },
      }));
    },
    cancelRunAll: async (trigger) => {
      const runId = get().runs[trigger]?.activeRunId;
      if (!runId) return;
      update(trigger, () => ({ activeRunId: null, progress: null }));
      try {
        await api['run.cancel']({ runId });
      } catch (error) {
        get().notify('error', `Could not cancel the run: ${errorMessage(error)}`);
      }
    },
  };
};
