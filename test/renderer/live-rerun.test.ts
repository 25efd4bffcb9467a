import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  connectLiveRerun,
  liveInputs,
  parseFixture,
  triggerOfPath,
} from '../../renderer/features/fixtures/live-rerun.ts';
import { createAppStore } from '../../renderer/store/app-store.ts';
import type { CallArgs } from '../../shared/ipc/contract.ts';
import { fakeApi, snapshot } from './fake-api.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const runs: CallArgs<'run.all'>[] = [];
  const store = createAppStore(
    fakeApi({
      'run.all': async (args) => {
        runs.push(args);
        return { runId: args.runId ?? '', trigger: args.trigger, cancelled: false, runs: [] };
      },
    }),
  );
  store.setState({ snapshot: snapshot() });
  const stop = connectLiveRerun(store, 150);
  return { store, runs, stop };
}

describe('live re-run', () => {
  it('does nothing when a canvas opens, then runs each saved change at once, one run per burst', async () => {
    const { store, runs, stop } = setup();
    store.getState().setPipelineTrigger('PRE_REGISTER');
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toHaveLength(0);
    store.setState({ snapshot: snapshot({ env: { A: '2' } }) });
    await vi.advanceTimersByTimeAsync(10);
    // The events one save or checkout sends together make one run.
    store.setState({ snapshot: snapshot({ env: { A: '3' } }) });
    await vi.advanceTimersByTimeAsync(19);
    expect(runs).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.trigger).toBe('PRE_REGISTER');
    expect(runs[0]?.stagesOverride).toBeUndefined();
    // A new snapshot with the same content is not an edit.
    store.setState({ snapshot: snapshot({ env: { A: '3' } }) });
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toHaveLength(1);
    stop();
  });

  it('waits for typing to pause, and runs at once when the typed text is saved', async () => {
    const { store, runs, stop } = setup();
    store.getState().setPipelineTrigger('PRE_REGISTER');
    const relPath = 'pipelines/PRE_REGISTER/check.js';
    const tab = (content: string, savedContent = 'old') => ({
      kind: 'file' as const,
      id: relPath,
      savedContent,
      content,
      revision: 0,
      conflict: null,
    });
    store.setState({ tabs: [tab('n')] });
    await vi.advanceTimersByTimeAsync(100);
    store.setState({ tabs: [tab('ne')] });
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(50);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.stagesOverride).toEqual([{ name: 'check', code: 'ne' }]);
    store.setState({ tabs: [tab('new')] });
    await vi.advanceTimersByTimeAsync(50);
    // Saved before the pause ends: the saved code runs after the short wait, the typing run never.
    store.setState({ tabs: [tab('new', 'new')], snapshot: snapshot({ env: { saved: 'yes' } }) });
    await vi.advanceTimersByTimeAsync(20);
    expect(runs).toHaveLength(2);
    expect(runs[1]?.stagesOverride).toBeUndefined();
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toHaveLength(2);
    stop();
  });

  it('runs unsaved stage code as a what-if override, and stops when live re-run is off', async () => {
    const { store, runs, stop } = setup();
    store.getState().setPipelineTrigger('PRE_REGISTER');
    const relPath = 'pipelines/PRE_REGISTER/check.js';
    store.setState({
      tabs: [
        { kind: 'file', id: relPath, savedContent: 'old', content: 'new code', revision: 0, conflict: null },
      ],
    });
    await vi.advanceTimersByTimeAsync(200);
    expect(runs[0]?.stagesOverride).toEqual([{ name: 'check', code: 'new code' }]);
    store.getState().setLiveRerun(false);
    store.setState({
      tabs: [
        {
          kind: 'file',
          id: relPath,
          savedContent: 'old',
          content: 'newer code',
          revision: 0,
          conflict: null,
        },
      ],
    });
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toHaveLength(1);
    stop();
  });

  it('reads unsaved fixture text only once it is an object with a name and trigger', () => {
    expect(parseFixture('{ "name": ')).toBeNull();
    expect(parseFixture('[1]')).toBeNull();
    expect(parseFixture('{"name": "x", "trigger": "PRE_REGISTER"}')).toMatchObject({
      name: 'x',
      context: {},
      http: [],
    });
    const state = createAppStore(fakeApi({})).getState();
    expect(liveInputs({ ...state, snapshot: null }, 'PRE_REGISTER')).toBeNull();
  });
});

describe('the followed trigger', () => {
  it('is the trigger of the stage or fixture file brought to the front', async () => {
    const { store, stop } = setup();
    expect(triggerOfPath('pipelines/PRE_REGISTER/check.js')).toBe('PRE_REGISTER');
    expect(triggerOfPath('fixtures/POST_REGISTER/a.json')).toBe('POST_REGISTER');
    expect(triggerOfPath('env.json')).toBeNull();
    expect(triggerOfPath('pipelines/NOT_A_TRIGGER/x.js')).toBeNull();
    store.setState({ activeTabId: 'fixtures/POST_REGISTER/a.json' });
    expect(store.getState().pipelineTrigger).toBe('POST_REGISTER');
    store.setState({ activeTabId: 'env.json' });
    expect(store.getState().pipelineTrigger).toBe('POST_REGISTER');
    stop();
  });
});
