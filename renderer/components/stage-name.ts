import type { WorkspaceSnapshot } from '../../shared/ipc/workspace-types.ts';
import { stageNameSchema } from '../../shared/schemas/pipeline.ts';
import type { Trigger } from '../../shared/triggers.ts';

/**
 * Why a stage name cannot be used in a trigger's pipeline, in words for the dialog, or `null`.
 * The host checks the same on write; asking here shows it beside the field before the person
 * presses the button, instead of in a notice behind the dialog.
 */
export function stageNameProblem(
  snapshot: WorkspaceSnapshot | null,
  trigger: Trigger,
  name: string,
  /** When renaming: the stage's own current name, which is not a clash. */
  current?: string,
): string | null {
  if (!name) return null;
  const check = stageNameSchema.safeParse(name);
  if (!check.success) return `A stage name uses ${check.error.issues[0]?.message}.`;
  const stages = snapshot?.pipelines.find((p) => p.trigger === trigger)?.stages ?? [];
  if (name !== current && stages.some((s) => s.name === name)) {
    return `The ${trigger} pipeline already has a stage "${name}"; choose another name.`;
  }
  return null;
}
