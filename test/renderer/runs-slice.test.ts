import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../renderer/store/app-store.ts';
import { outcomeChanges, verdictOf } from '../../renderer/store/runs-slice.ts';
import type { CallArgs } from '../../shared/ipc/contract.ts';
import type { RunAllResult } from '../../shared/ipc/results.ts';
import { fakeApi } from './fake-api.ts';
import { fixtureRun } from './run-fakes.ts';

/** A promise with its resolve exposed, to hold a call open while the test looks at the store. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('runs slice', () => {
  it('gives each fixture a verdict: pass, fail, ran (no expect) or never run', () => {
    expect(verdictOf(undefined)).toBe('never-run');
    expect(verdictOf(fixtureRun('a', 'continue'))).toBe('ran');
    expect(verdictOf(fixtureRun('a', 'continue', true))).toBe('pass');
    expect(verdictOf(fixtureRun('a', 'deny', false))).toBe('fail');
  });

  it('reports outcomes that moved, and verdicts that moved when the outcome stayed', () => {
    const before = {
      a: fixtureRun('a', 'continue', true),
      b: fixtureRun('b', 'deny', true),
      c: fixtureRun('c', 'deny'),
    };
    const after = {
      a: fixtureRun('a', 'deny', false),
      b: fixtureRun('b', 'deny', false),
      c: fixtureRun('c', 'deny'),
      d: fixtureRun('d', 'continue'),
    };
    expect(outcomeChanges(before, after)).toEqual({
      a: { from: 'continue', to: 'deny' },
      b: { from: 'deny (pass)', to: 'deny (fail)' },
    });
  });

  it('streams progress of its own run into the results, ignores stale runs, then marks changes', async () => {
    const pending = deferred<RunAllResult>();
    const calls: CallArgs<'run.all'>[] = [];
    const store = createAppStore(
      fakeApi({
        'run.all': async (args) => {
          calls.push(args);
          return pending.promise;
        },
      }),
    );
    store.setState({
      runs: {
        PRE_REGISTER: {
          results: { a: fixtureRun('a', 'continue', true) },
          changes: {},
          progress: null,
          activeRunId: null,
          generation: 0,
        },
      },
    });
    const running = store.getState().runAll('PRE_REGISTER');
    const runId = calls[0]?.runId ?? '';
    expect(runId).not.toBe('');
    expect(store.getState().runs.PRE_REGISTER?.activeRunId).toBe(runId);

    store
      .getState()
      .applyRunProgress({ ...fixtureRun('a', 'deny', false, 'someone-else'), done: 1, total: 2 });
    expect(store.getState().runs.PRE_REGISTER?.results.a?.result.outcome).toBe('continue');
    store.getState().applyRunProgress({ ...fixtureRun('a', 'deny', false, runId), done: 1, total: 2 });
    expect(store.getState().runs.PRE_REGISTER?.progress).toEqual({ done: 1, total: 2 });
    expect(store.getState().runs.PRE_REGISTER?.results.a?.result.outcome).toBe('deny');
    expect(store.getState().runs.PRE_REGISTER?.results.a).not.toHaveProperty('done');

    pending.resolve({
      runId,
      trigger: 'PRE_REGISTER',
      cancelled: false,
      runs: [fixtureRun('a', 'deny', false, runId), fixtureRun('b', 'continue', true, runId)],
    });
    await running;
    const runs = store.getState().runs.PRE_REGISTER;
    expect(runs?.activeRunId).toBeNull();
    expect(runs?.progress).toEqual({ done: 2, total: 2 });
    expect(runs?.changes).toEqual({ a: { from: 'continue', to: 'deny' } });
    expect(runs?.generation).toBe(1);
  });

  it('cancels the run in flight when a new one starts, and drops its late answer', async () => {
    const first = deferred<RunAllResult>();
    const cancelled: string[] = [];
    let n = 0;
    const store = createAppStore(
      fakeApi({
        'run.all': async ({ runId = '' }) => {
          n += 1;
          if (n === 1) return first.promise;
          return {
            runId,
            trigger: 'PRE_REGISTER',
            cancelled: false,
            runs: [fixtureRun('b', 'continue', true, runId)],
          };
        },
        'run.cancel': async ({ runId }) => {
          cancelled.push(runId);
          return { cancelled: true };
        },
      }),
    );
    const one = store.getState().runAll('PRE_REGISTER');
    const firstId = store.getState().runs.PRE_REGISTER?.activeRunId;
    await store.getState().runAll('PRE_REGISTER');
    expect(cancelled).toEqual([firstId]);
    first.resolve({
      runId: firstId ?? '',
      trigger: 'PRE_REGISTER',
      cancelled: true,
      runs: [fixtureRun('a', 'error', undefined, firstId ?? '')],
    });
    await one;
    expect(Object.keys(store.getState().runs.PRE_REGISTER?.results ?? {})).toEqual(['b']);
  });

  it('runs unsaved fixture edits in place of their saved files, with the same stage overrides', async () => {
    const overrides: unknown[] = [];
    const store = createAppStore(
      fakeApi({
        'run.all': async ({ runId = '' }) => ({
          runId,
          trigger: 'PRE_REGISTER',
          cancelled: false,
          runs: [fixtureRun('a', 'continue', true)],
        }),
        'run.fixture': async (args) => {
          overrides.push(args.overrides);
          return fixtureRun('a', 'deny', false);
        },
      }),
    );
    const fixture = { name: 'edited', trigger: 'PRE_REGISTER', context: {}, env: {}, http: [], authing: [] };
    await store.getState().runAll('PRE_REGISTER', {
      stagesOverride: [{ name: 'check', code: 'x' }],
      fixtureOverrides: { a: fixture },
    });
    expect(overrides).toEqual([{ fixture, stages: [{ name: 'check', code: 'x' }] }]);
    expect(store.getState().runs.PRE_REGISTER?.results.a?.result.outcome).toBe('deny');
  });
});
