import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../renderer/store/app-store.ts';
import { draftDiffers, draftOf, laneStages } from '../../renderer/store/stage-draft.ts';
import type { CallArgs } from '../../shared/ipc/contract.ts';
import type { StageEntry } from '../../shared/ipc/workspace-types.ts';
import { fakeApi, snapshot } from './fake-api.ts';

const stage = (name: string): StageEntry => ({
  name,
  file: `${name}.js`,
  enabled: true,
  async: false,
  timeoutSeconds: 3,
  terminateOnTimeout: false,
  description: '',
  relPath: `pipelines/PRE_REGISTER/${name}.js`,
  code: '',
});
const saved = [stage('a'), stage('b'), stage('c')];
const snap = () => snapshot({ pipelines: [{ trigger: 'PRE_REGISTER', stages: saved, fixtures: [] }] });

describe('what-if stage drafts', () => {
  it('shows saved stages in the draft order with its settings; new stages last, deleted ones gone', () => {
    const draft = draftOf([stage('c'), stage('a'), stage('gone')]).map((d) =>
      d.name === 'a' ? { ...d, enabled: false } : d,
    );
    const lane = laneStages(saved, draft);
    expect(lane.map((s) => `${s.name}:${s.enabled}`)).toEqual(['c:true', 'a:false', 'b:true']);
    expect(lane[0]?.relPath).toBe('pipelines/PRE_REGISTER/c.js');
    expect(draftDiffers(saved, draft)).toBe(true);
    expect(draftDiffers(saved, draftOf(saved))).toBe(false);
    expect(draftDiffers(saved, undefined)).toBe(false);
  });

  it('drafts moves and settings in what-if mode without calling the host, then saves them', async () => {
    const calls: string[] = [];
    const settings: CallArgs<'stage.setSettings'>[] = [];
    const store = createAppStore(
      fakeApi({
        'stage.reorder': async (args) => {
          calls.push(`reorder ${args.names.join(',')}`);
          return { snapshot: snap() };
        },
        'stage.setSettings': async (args) => {
          settings.push(args);
          return { snapshot: snap() };
        },
      }),
    );
    store.setState({ snapshot: snap() });
    store.getState().setWhatIf(true);
    expect(await store.getState().moveStage('PRE_REGISTER', 2, 0)).toBe(true);
    expect(await store.getState().setStageSettings('PRE_REGISTER', 'b', { enabled: false })).toBe(true);
    expect(calls).toEqual([]);
    expect(store.getState().announcement).toBe('c moved to position 1 of 3 (what-if, not saved).');
    expect(store.getState().stageDrafts.PRE_REGISTER?.map((d) => `${d.name}:${d.enabled}`)).toEqual([
      'c:true',
      'a:true',
      'b:false',
    ]);

    expect(await store.getState().saveDraft('PRE_REGISTER')).toBe(true);
    expect(calls).toEqual(['reorder c,a,b']);
    expect(settings).toEqual([
      {
        trigger: 'PRE_REGISTER',
        name: 'b',
        settings: { enabled: false, async: false, timeoutSeconds: 3, terminateOnTimeout: false },
      },
    ]);
    expect(store.getState().whatIf).toBe(false);
    expect(store.getState().stageDrafts.PRE_REGISTER).toBeUndefined();
  });

  it('leaving what-if mode drops the drafts', async () => {
    const store = createAppStore(fakeApi({}));
    store.setState({ snapshot: snap() });
    store.getState().setWhatIf(true);
    await store.getState().moveStage('PRE_REGISTER', 0, 1);
    store.getState().setWhatIf(false);
    expect(store.getState().stageDrafts).toEqual({});
  });
});
