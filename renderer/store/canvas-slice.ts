import type { StageSettings } from '../../shared/ipc/workspace-types.ts';
import { TRIGGER_INFO, type Trigger } from '../../shared/triggers.ts';
import { errorMessage, type SliceCreator } from './app-state.ts';
import { type DraftStage, draftOf, laneStages, savedStages } from './stage-draft.ts';

/** The editor view id of a trigger's pipeline canvas (stage lane, fixtures, results). */
export const PIPELINE_VIEW = 'pipeline';

export function pipelineTabId(trigger: Trigger): string {
  return `pipeline:${trigger}`;
}

/** State of the stage canvas: which trigger is in front, what is selected, what was said aloud. */
export interface CanvasSlice {
  /** The trigger whose canvas was shown last: live re-runs follow it. */
  pipelineTrigger: Trigger | null;
  selectedFixture: Partial<Record<Trigger, string>>;
  failuresOnly: boolean;
  /** Re-run the trigger's fixtures after each edit (debounced). */
  liveRerun: boolean;
  /** The last message for the canvas's aria-live region (moves, results). */
  announcement: string;
  /** What-if mode: moves and settings change a draft that runs but is not written until saved. */
  whatIf: boolean;
  stageDrafts: Partial<Record<Trigger, DraftStage[]>>;
  /** The last saved move, so a move made by accident can be undone (it is written at once). */
  lastMove: { trigger: Trigger; name: string; from: number; to: number } | null;
  setWhatIf(on: boolean): void;
  /** Writes a trigger's draft (order, then changed settings) and leaves what-if mode. */
  saveDraft(trigger: Trigger): Promise<boolean>;
  discardDraft(trigger: Trigger): void;
  openPipeline(trigger: Trigger): void;
  setPipelineTrigger(trigger: Trigger): void;
  selectFixture(trigger: Trigger, id: string): void;
  setFailuresOnly(on: boolean): void;
  setLiveRerun(on: boolean): void;
  announce(message: string): void;
  /** Moves the stage at `from` to `to` (saved, or drafted in what-if mode); the live re-run follows. */
  moveStage(trigger: Trigger, from: number, to: number): Promise<boolean>;
  setStageSettings(trigger: Trigger, name: string, settings: StageSettings): Promise<boolean>;
  /** Moves the last saved move's stage back where it was, and forgets the move. */
  undoMove(): Promise<boolean>;
}

/** `items` with the element at `from` moved to `to` (both clamped to the list). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  if (from < 0 || from >= next.length) return next;
  const target = Math.max(0, Math.min(next.length - 1, to));
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(target, 0, item);
  return next;
}

export const createCanvasSlice: SliceCreator<CanvasSlice> = (api) => (set, get) => ({
  pipelineTrigger: null,
  selectedFixture: {},
  failuresOnly: false,
  liveRerun: true,
  announcement: '',
  whatIf: false,
  stageDrafts: {},
  lastMove: null,
  setWhatIf: (whatIf) => set(whatIf ? { whatIf } : { whatIf, stageDrafts: {} }),
  discardDraft: (trigger) => set((s) => ({ stageDrafts: { ...s.stageDrafts, [trigger]: undefined } })),
  saveDraft: async (trigger) => {
    const draft = get().stageDrafts[trigger];
    if (!draft) return true;
    try {
      const saved = savedStages(get().snapshot, trigger);
      const lane = draftOf(laneStages(saved, draft));
      let { snapshot } = await api['stage.reorder']({ trigger, names: lane.map((d) => d.name) });
      for (const stage of lane) {
        const before = saved.find((s) => s.name === stage.name);
        const { name, ...settings } = stage;
        if (before && JSON.stringify(draftOf([before])[0]) !== JSON.stringify(stage)) {
          ({ snapshot } = await api['stage.setSettings']({ trigger, name, settings }));
        }
      }
      set((s) => ({ snapshot, whatIf: false, stageDrafts: { ...s.stageDrafts, [trigger]: undefined } }));
      get().announce(`Saved the ${trigger} stage order and settings.`);
      return true;
    } catch (error) {
      get().notify('error', `Could not save the what-if changes: ${errorMessage(error)}`);
      return false;
    }
  },
  openPipeline: (trigger) => {
    set({ pipelineTrigger: trigger });
    get().openView({
      id: pipelineTabId(trigger),
      // The label people know from the header and the Pipelines list, not the raw trigger id.
      title: TRIGGER_INFO[trigger].title,
      viewId: PIPELINE_VIEW,
      params: { trigger },
    });
  },
  setPipelineTrigger: (trigger) => {
    if (get().pipelineTrigger !== trigger) set({ pipelineTrigger: trigger });
  },
  selectFixture: (trigger, id) => set((s) => ({ selectedFixture: { ...s.selectedFixture, [trigger]: id } })),
  setFailuresOnly: (failuresOnly) => set({ failuresOnly }),
  setLiveRerun: (liveRerun) => set({ liveRerun }),
  announce: (announcement) => set({ announcement }),
  moveStage: async (trigger, from, to) => {
    const saved = savedStages(get().snapshot, trigger);
    const stages = laneStages(saved, get().stageDrafts[trigger]);
    const names = moveItem(
      stages.map((s) => s.name),
      from,
      to,
    );
    const moved = stages[from]?.name;
    if (!moved || names.join('\n') === stages.map((s) => s.name).join('\n')) return false;
    const where = `${moved} moved to position ${names.indexOf(moved) + 1} of ${names.length}`;
    if (get().whatIf) {
      const draft = draftOf(stages);
      set((s) => ({
        stageDrafts: { ...s.stageDrafts, [trigger]: names.flatMap((n) => draft.filter((d) => d.name === n)) },
      }));
      get().announce(`${where} (what-if, not saved).`);
      return true;
    }
    try {
      const { snapshot } = await api['stage.reorder']({ trigger, names });
      set({ snapshot, lastMove: { trigger, name: moved, from, to: names.indexOf(moved) } });
      get().announce(`${where}.`);
      return true;
    } catch (error) {
      get().notify('error', `Could not reorder the ${trigger} stages: ${errorMessage(error)}`);
      return false;
    }
  },
  undoMove: async () => {
    const move = get().lastMove;
    if (!move) return false;
    set({ lastMove: null });
    const undone = await get().moveStage(move.trigger, move.to, move.from);
    // The move back is not itself offered for undoing.
    set({ lastMove: null });
    return undone;
  },
  setStageSettings: async (trigger, name, settings) => {
    if (get().whatIf) {
      const draft = draftOf(laneStages(savedStages(get().snapshot, trigger), get().stageDrafts[trigger]));
      const defined = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
      set((s) => ({
        stageDrafts: {
          ...s.stageDrafts,
          [trigger]: draft.map((d) => (d.name === name ? { ...d, ...defined } : d)),
        },
      }));
      return true;
    }
    try {
      const { snapshot } = await api['stage.setSettings']({ trigger, name, settings });
      set({ snapshot });
      return true;
    } catch (error) {
      get().notify('error', `Could not change stage "${name}": ${errorMessage(error)}`);
      return false;
    }
  },
});
