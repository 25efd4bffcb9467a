import type { PipelineFile } from '../../shared/schemas/pipeline.ts';
import type { EnvFile, StudioFile } from '../../shared/schemas/studio.ts';

// The workspace data is plain data the renderer sees too, so it is defined once, in shared/.
export type {
  FileProblem,
  FixtureEntry,
  StageEntry,
  StageSettings,
  TriggerPipeline,
  WorkspaceChange,
  WorkspaceSnapshot,
} from '../../shared/ipc/workspace-types.ts';

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
