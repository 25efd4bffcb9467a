import { expectFromRun } from '../../shared/expect-from-run.ts';
import type { RunResult } from '../../shared/run-result.ts';
import type { Fixture } from '../../shared/schemas/fixture.ts';
import type { JsonObject } from '../../shared/schemas/json.ts';
import type { Trigger } from '../../shared/triggers.ts';
import { errorMessage, type SliceCreator } from './app-state.ts';
import { newRunId } from './runs-slice.ts';

/** The editor view id and tab id of the step-through run timeline (one tab, any run). */
export const TIMELINE_VIEW = 'run-timeline';
export const TIMELINE_TAB = 'run-timeline';
/** Runs kept in the session's history (newest first). */
export const MAX_HISTORY = 50;

/** One run of the session: what went in, what came out, and where it came from. */
export interface RunRecord {
  id: string;
  trigger: Trigger;
  /** The saved fixture it started from, if any. */
  fixtureId: string | null;
  label: string;
  /** ISO 8601 time the run finished. */
  at: string;
  /** The fixture as run (user and context are the first stage's input). */
  fixture: Fixture;
  result: RunResult;
  /** Set for a re-run from a step: the index of that step in the run it came from. */
  fromStep?: number;
}

export interface TimelineSlice {
  history: RunRecord[];
  currentRunId: string | null;
  step: number;
  /** Adds a run to the history and shows it in the timeline tab. */
  openRun(record: Omit<RunRecord, 'id' | 'at'>): void;
  selectRun(id: string): void;
  stepTo(index: number): void;
  stepBy(delta: number): void;
  /** Runs a saved fixture and steps through it. */
  inspectFixture(trigger: Trigger, fixtureId: string): Promise<void>;
  /** Runs stages `step..n` of the current run again with an edited input. */
  rerunFromStep(step: number, input: { user: JsonObject | null; context: JsonObject }): Promise<boolean>;
  /** Saves a past run as a new fixture: its input, and its outcome as `expect`. */
  saveRunAsFixture(runId: string, fixtureId: string, name: string): Promise<boolean>;
}

let recordCounter = 0;

export function currentRun(state: {
  history: RunRecord[];
  currentRunId: string | null;
}): RunRecord | undefined {
  return state.history.find((r) => r.id === state.currentRunId);
}

export const createTimelineSlice: SliceCreator<TimelineSlice> = (api) => (set, get) => ({
  history: [],
  currentRunId: null,
  step: 0,
  openRun: (record) => {
    recordCounter += 1;
    const full: RunRecord = { ...record, id: `run-${recordCounter}`, at: new Date().toISOString() };
    set((s) => ({ history: [full, ...s.history].slice(0, MAX_HISTORY), currentRunId: full.id, step: 0 }));
    get().openView({ id: TIMELINE_TAB, title: 'Run timeline', viewId: TIMELINE_VIEW, params: {} });
  },
  selectRun: (id) => set({ currentRunId: id, step: 0 }),
  stepTo: (index) => {
    const run = currentRun(get());
    if (!run) return;
    set({ step: Math.max(0, Math.min(run.result.stages.length - 1, index)) });
  },
  stepBy: (delta) => get().stepTo(get().step + delta),
  inspectFixture: async (trigger, fixtureId) => {
    const entry = get()
      .snapshot?.pipelines.find((p) => p.trigger === trigger)
      ?.fixtures.find((f) => f.id === fixtureId);
    if (!entry) {
      get().notify('error', `Fixture "${fixtureId}" is not in the ${trigger} fixtures any more.`);
      return;
    }
    const run = await get().runFixture(trigger, fixtureId);
    if (!run) return;
    get().openRun({
      trigger,
      fixtureId,
      label: entry.fixture.name,
      fixture: entry.fixture,
      result: run.result,
    });
  },
  rerunFromStep: async (step, input) => {
    const run = currentRun(get());
    if (!run) return false;
    const names = run.result.stages.slice(step).map((s) => s.name);
    const fixture: Fixture = { ...run.fixture, user: input.user, context: input.context };
    try {
      const { result } = await api['run.stages']({
        trigger: run.trigger,
        stagesOverride: names.map((name) => ({ name })),
        fixture,
        runId: newRunId('from-step'),
      });
      const stageName = run.result.stages[step]?.name ?? `step ${step + 1}`;
      get().openRun({
        trigger: run.trigger,
        fixtureId: run.fixtureId,
        label: `${run.label} (from ${stageName})`,
        fixture,
        result,
        fromStep: step,
      });
      return true;
    } catch (error) {
      get().notify('error', `Could not re-run from step ${step + 1}: ${errorMessage(error)}`);
      return false;
    }
  },
  saveRunAsFixture: async (runId, fixtureId, name) => {
    const run = get().history.find((r) => r.id === runId);
    if (!run) return false;
    const expect = expectFromRun(run.result);
    const { expect: _old, ...rest } = run.fixture;
    const fixture: Fixture = { ...rest, name, ...(expect ? { expect } : {}) };
    try {
      const created = await api['fixture.add']({ trigger: run.trigger, id: fixtureId, fixture });
      set({ snapshot: created.snapshot });
      get().notify('info', `Saved the run as fixture "${created.id}".`);
      return true;
    } catch (error) {
      get().notify('error', `Could not save the run as a fixture: ${errorMessage(error)}`);
      return false;
    }
  },
});
