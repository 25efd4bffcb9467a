import type { StageEntry, WorkspaceSnapshot } from '../../shared/ipc/workspace-types.ts';
import type { Trigger } from '../../shared/triggers.ts';

/** One stage of an unsaved what-if: its place in the list and its settings. */
export interface DraftStage {
  name: string;
  enabled: boolean;
  async: boolean;
  timeoutSeconds: number;
  terminateOnTimeout: boolean;
}

const NO_STAGES: StageEntry[] = [];

export function savedStages(snapshot: WorkspaceSnapshot | null, trigger: Trigger): StageEntry[] {
  return snapshot?.pipelines.find((p) => p.trigger === trigger)?.stages ?? NO_STAGES;
}

export function draftOf(stages: readonly StageEntry[]): DraftStage[] {
  return stages.map(({ name, enabled, async, timeoutSeconds, terminateOnTimeout }) => ({
    name,
    enabled,
    async,
    timeoutSeconds,
    terminateOnTimeout,
  }));
}

/**
 * The stages as the lane shows them: the saved entries (code, file, description) in the draft's
 * order with the draft's settings. Stages added since the draft began are kept at the end;
 * stages deleted since are dropped.
 */
export function laneStages(
  saved: readonly StageEntry[],
  draft: readonly DraftStage[] | undefined,
): StageEntry[] {
  if (!draft) return saved as StageEntry[];
  const byName = new Map(saved.map((s) => [s.name, s]));
  const ordered = draft.flatMap((d) => {
    const entry = byName.get(d.name);
    return entry ? [{ ...entry, ...d }] : [];
  });
  const drafted = new Set(draft.map((d) => d.name));
  return [...ordered, ...saved.filter((s) => !drafted.has(s.name))];
}

/** Whether the draft differs from what is saved (order or any setting). */
export function draftDiffers(
  saved: readonly StageEntry[],
  draft: readonly DraftStage[] | undefined,
): boolean {
  if (!draft) return false;
  return JSON.stringify(draftOf(laneStages(saved, draft))) !== JSON.stringify(draftOf(saved));
}
