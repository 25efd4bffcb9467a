import { describe, expect, it } from 'vitest';
import { expectationRows } from '../../renderer/features/fixtures/expectation-rows.ts';
import { parseStepInput } from '../../renderer/features/timeline/step-input.ts';
import { createAppStore } from '../../renderer/store/app-store.ts';
import { moveItem } from '../../renderer/store/canvas-slice.ts';
import { freeFixtureId } from '../../renderer/store/fixtures-slice.ts';
import { currentRun } from '../../renderer/store/timeline-slice.ts';
import { expectFromRun } from '../../shared/expect-from-run.ts';
import type { CallArgs } from '../../shared/ipc/contract.ts';
import type { StageEntry } from '../../shared/ipc/workspace-types.ts';
import { fakeApi, snapshot } from './fake-api.ts';
import { result, trace } from './run-fakes.ts';

const stage = (name: string): StageEntry => ({
  name,
  file: `${name}.js`,
  enabled: true,
  async: false,
  timeoutSeconds: 3,
  terminateOnTimeout: false,
  description: '',
  relPath: `pipelines/PRE_REGISTER/${name}.js`,
  code: 'async function pipe(user, context, callback) { callback(null, user, context); }',
});

const threeStages = () =>
  snapshot({
    pipelines: [
      {
        trigger: 'PRE_REGISTER',
        stages: [stage('a'), stage('b'), stage('c')],
        fixtures: [
          {
            id: 'f',
            relPath: 'fixtures/PRE_REGISTER/f.json',
            fixture: {
              name: 'f',
              trigger: 'PRE_REGISTER',
              user: null,
              context: { x: 1 },
              env: {},
              http: [],
              authing: [],
            },
          },
        ],
      },
    ],
  });

describe('canvas slice', () => {
  it('moves an item within bounds', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 9)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b'], 5, 0)).toEqual(['a', 'b']);
  });

  it('saves a new order and announces where the stage went', async () => {
    const reorders: CallArgs<'stage.reorder'>[] = [];
    const store = createAppStore(
      fakeApi({
        'stage.reorder': async (args) => {
          reorders.push(args);
          return { snapshot: threeStages() };
        },
      }),
    );
    store.setState({ snapshot: threeStages() });
    expect(await store.getState().moveStage('PRE_REGISTER', 2, 1)).toBe(true);
    expect(reorders).toEqual([{ trigger: 'PRE_REGISTER', names: ['a', 'c', 'b'] }]);
    expect(store.getState().announcement).toBe('c moved to position 2 of 3.');
    expect(await store.getState().moveStage('PRE_REGISTER', 0, 0)).toBe(false);
    expect(reorders).toHaveLength(1);
  });

  it('undoes the last saved move once', async () => {
    const reorders: string[][] = [];
    const base = threeStages();
    const ordered = (names: string[]) => ({
      ...base,
      pipelines: base.pipelines.map((p) => ({
        ...p,
        stages: names.map((n) => p.stages.find((s) => s.name === n) ?? stage(n)),
      })),
    });
    const store = createAppStore(
      fakeApi({
        'stage.reorder': async (args) => {
          reorders.push(args.names);
          return { snapshot: ordered(args.names) };
        },
      }),
    );
    store.setState({ snapshot: base });
    expect(await store.getState().moveStage('PRE_REGISTER', 2, 1)).toBe(true);
    expect(store.getState().lastMove).toEqual({ trigger: 'PRE_REGISTER', name: 'c', from: 2, to: 1 });
    expect(await store.getState().undoMove()).toBe(true);
    expect(reorders).toEqual([
      ['a', 'c', 'b'],
      ['a', 'b', 'c'],
    ]);
    expect(store.getState().lastMove).toBeNull();
    expect(await store.getState().undoMove()).toBe(false);
    expect(reorders).toHaveLength(2);
  });

  it('opens one tab per trigger canvas and follows it for live re-runs', () => {
    const store = createAppStore(fakeApi({}));
    store.getState().openPipeline('PRE_REGISTER');
    store.getState().openPipeline('PRE_REGISTER');
    expect(store.getState().tabs.map((t) => t.id)).toEqual(['pipeline:PRE_REGISTER']);
    expect(store.getState().tabs.map((t) => (t.kind === 'view' ? t.title : t.id))).toEqual(['Pre-register']);
    expect(store.getState().pipelineTrigger).toBe('PRE_REGISTER');
  });
});

describe('fixtures helpers', () => {
  it('finds a free fixture id', () => {
    const snap = snapshot({
      pipelines: [
        {
          trigger: 'PRE_REGISTER',
          stages: [],
          fixtures: ['new-fixture', 'new-fixture-2'].map((id) => ({
            id,
            relPath: `fixtures/PRE_REGISTER/${id}.json`,
            fixture: { name: id, trigger: 'PRE_REGISTER', context: {}, env: {}, http: [], authing: [] },
          })),
        },
      ],
    });
    expect(freeFixtureId(snap, 'PRE_REGISTER', 'new-fixture')).toBe('new-fixture-3');
    expect(freeFixtureId(snap, 'PRE_REGISTER', 'example')).toBe('example');
  });

  it('lines up expected and actual per leaf of expect, marking the differing ones', () => {
    const run = result('continue');
    const rows = expectationRows({ outcome: 'deny', error: 'No', user: { email: 'a@example.com' } }, run, [
      { path: 'outcome', expected: 'deny', actual: 'continue' },
      { path: 'error', expected: 'No', actual: null },
    ]);
    expect(rows).toEqual([
      { path: 'outcome', expected: 'deny', actual: 'continue', differs: true },
      { path: 'error', expected: 'No', actual: undefined, differs: true },
      { path: 'user.email', expected: 'a@example.com', actual: 'a@example.com', differs: false },
    ]);
  });

  it('turns a run into the expect it satisfies; a fault has none', () => {
    expect(expectFromRun(result('deny'))).toEqual({ outcome: 'deny', error: 'No entry.' });
    expect(expectFromRun(result('continue'))).toEqual({
      outcome: 'continue',
      user: { email: 'a@example.com' },
      context: { seen: true },
    });
    expect(expectFromRun(result('error'))).toBeNull();
  });
});

describe('timeline slice', () => {
  const stages = [trace('a'), trace('b'), trace('c', 'deny')];

  it('opens a run in the timeline tab and steps within its stages', () => {
    const store = createAppStore(fakeApi({}));
    store.getState().openRun({
      trigger: 'PRE_REGISTER',
      fixtureId: 'f',
      label: 'f',
      fixture: threeStages().pipelines[0]?.fixtures[0]?.fixture as never,
      result: result('deny', stages),
    });
    expect(store.getState().activeTabId).toBe('run-timeline');
    store.getState().stepBy(1);
    store.getState().stepBy(5);
    expect(store.getState().step).toBe(2);
    store.getState().stepBy(-9);
    expect(store.getState().step).toBe(0);
  });

  it('re-runs stages k..n with the edited input as a new run, and saves a run as a fixture', async () => {
    const stageRuns: CallArgs<'run.stages'>[] = [];
    const added: CallArgs<'fixture.add'>[] = [];
    const store = createAppStore(
      fakeApi({
        'run.stages': async (args) => {
          stageRuns.push(args);
          return { runId: 'x', result: result('continue', [trace('b'), trace('c')]) };
        },
        'fixture.add': async (args) => {
          added.push(args);
          return { id: args.id, snapshot: threeStages() };
        },
      }),
    );
    const fixture = threeStages().pipelines[0]?.fixtures[0]?.fixture;
    if (!fixture) throw new Error('no fixture');
    store.getState().openRun({
      trigger: 'PRE_REGISTER',
      fixtureId: 'f',
      label: 'f',
      fixture,
      result: result('deny', stages),
    });
    expect(
      await store.getState().rerunFromStep(1, { user: { email: 'b@example.com' }, context: { y: 2 } }),
    ).toBe(true);
    expect(stageRuns[0]?.stagesOverride).toEqual([{ name: 'b' }, { name: 'c' }]);
    expect(stageRuns[0]?.fixture).toMatchObject({
      name: 'f',
      user: { email: 'b@example.com' },
      context: { y: 2 },
    });
    const rerun = currentRun(store.getState());
    expect(rerun?.fromStep).toBe(1);
    expect(store.getState().history).toHaveLength(2);

    expect(await store.getState().saveRunAsFixture(rerun?.id ?? '', 'saved', 'a saved run')).toBe(true);
    expect(added[0]).toMatchObject({
      trigger: 'PRE_REGISTER',
      id: 'saved',
      fixture: {
        name: 'a saved run',
        user: { email: 'b@example.com' },
        context: { y: 2 },
        expect: { outcome: 'continue' },
      },
    });
  });

  it('reads the edited input of a step, or says what is wrong', () => {
    expect(parseStepInput('{"user": null, "context": {"a": 1}}')).toEqual({
      input: { user: null, context: { a: 1 } },
    });
    expect(parseStepInput('{"user": 3}')).toEqual({ error: '"user" must be an object or null.' });
    expect('error' in parseStepInput('{')).toBe(true);
  });
});
