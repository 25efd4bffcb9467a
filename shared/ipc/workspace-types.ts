/**
 * The workspace data as the workspace service reads it and the renderer sees it; defined here
 * once, and re-exported by `main/workspace/types.ts`.
 */
import type { Fixture } from '../schemas/fixture.ts';
import type { Stage } from '../schemas/pipeline.ts';
import type { EnvFile, StudioFile } from '../schemas/studio.ts';
import type { Trigger } from '../triggers.ts';

/** A problem with one workspace file: what, where (file, line/column or field path), what is expected. */
export interface FileProblem {
  /** Path relative to the workspace root, with forward slashes. */
  file: string;
  message: string;
  line?: number;
  column?: number;
  /** For schema violations, e.g. `stages.0.timeoutSeconds`. */
  path?: string;
  /** `warning`: the workspace still works (e.g. a `.js` file no stage lists). Absent means `error`. */
  severity?: 'error' | 'warning';
}

export interface StageEntry extends Stage {
  /** `pipelines/<TRIGGER>/<file>` */
  relPath: string;
  code: string;
}

export interface FixtureEntry {
  /** The file's base name without `.json`; the id used by every operation. */
  id: string;
  relPath: string;
  fixture: Fixture;
}

export interface TriggerPipeline {
  trigger: Trigger;
  stages: StageEntry[];
  fixtures: FixtureEntry[];
}

/** The whole workspace as read from disk, with the problems of files that could not be read. */
export interface WorkspaceSnapshot {
  root: string;
  studio: StudioFile;
  env: EnvFile;
  pipelines: TriggerPipeline[];
  problems: FileProblem[];
}

export type StageSettings = Partial<
  Pick<Stage, 'enabled' | 'async' | 'timeoutSeconds' | 'terminateOnTimeout' | 'description'>
>;

/** An outside change to the workspace folder (an editor, `git checkout`), never an echo of our own write. */
export interface WorkspaceChange {
  kind: 'added' | 'changed' | 'removed';
  relPath: string;
}

/** The sandbox host's state, as `main/executor/types.ts` reports it. */
export type SandboxState = 'starting' | 'ready' | 'restarting' | 'closed';
