import type { Fixture } from '../../shared/schemas/fixture.ts';
import type { PipelineFile, Stage } from '../../shared/schemas/pipeline.ts';
import type { EnvFile, StudioFile } from '../../shared/schemas/studio.ts';
import type { Trigger } from '../../shared/triggers.ts';

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

/** Where secret values live: the OS key store on the desktop, environment variables in the CLI. */
export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  /** Names that have a value; never the values. */
  list(): Promise<string[]>;
  /** True when `set`/`delete` always refuse (e.g. values from environment variables). */
  readonly readOnly?: boolean;
}

/** A declared secret as the UI lists it: the name and whether the store has a value, never the value. */
export interface SecretInfo {
  name: string;
  hasValue: boolean;
}

export type { EnvFile, PipelineFile, StudioFile };
