/**
 * Applies a what-if stage list (unsaved edits, a new order, a stage not yet written) to the
 * saved stages, giving what the run request needs. Nothing is written.
 */

import type { RunStageInput } from '../../shared/build-run-request.ts';
import type { StageOverride } from '../../shared/ipc/args.ts';
import type { StageEntry } from '../../shared/ipc/workspace-types.ts';
import { stageSchema } from '../../shared/schemas/pipeline.ts';
import type { Trigger } from '../../shared/triggers.ts';
import { CallError } from './call-error.ts';

export function applyStageOverrides(
  trigger: Trigger,
  saved: readonly StageEntry[],
  overrides: readonly StageOverride[],
): RunStageInput[] {
  return overrides.map((override, index) => {
    const { code, name, ...settings } = override;
    const base = saved.find((stage) => stage.name === name);
    if (base === undefined && code === undefined) {
      throw new CallError(
        'invalid-args',
        `Stage "${name}" is not in the ${trigger} pipeline; give its code to run it before it is saved.`,
        { path: `stagesOverride.${index}.code` },
      );
    }
    const start: RunStageInput = base ?? {
      ...stageSchema.parse({ name, file: `${name}.js` }),
      relPath: `pipelines/${trigger}/${name}.js`,
      code: '',
    };
    const defined = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
    return { ...start, ...defined, ...(code === undefined ? {} : { code }) };
  });
}
