import type { LiveOptions, RunRequest, StageSource } from './run-request.ts';
import type { Fixture } from './schemas/fixture.ts';
import type { Stage } from './schemas/pipeline.ts';
import type { Trigger } from './triggers.ts';

/** A stage as a workspace lists it: its settings, where its file is, and its source. */
export interface RunStageInput extends Stage {
  /** Workspace-relative path of the function file; becomes `StageSource.path` (error locations). */
  relPath: string;
  code: string;
}

/** Plain data from any source (a workspace, the store's database, a test). */
export interface BuildRunRequestInput {
  trigger: Trigger;
  /** In execution order; disabled stages stay in (the executor reports them as skipped). */
  stages: readonly RunStageInput[];
  fixture: Fixture;
  /** The workspace's env.json. */
  env: Readonly<Record<string, string>>;
  /** Secret values by name. */
  secrets: Readonly<Record<string, string>>;
  live?: LiveOptions;
  memoryLimitMb?: number;
}

/**
 * The one way a run request is assembled, shared by the studio, the CLI and the store server.
 * `env` is the workspace env, overlaid by the fixture's env, overlaid by the secrets: a fixture
 * can vary a setting for one case, and a secret always wins so a stale placeholder cannot shadow it.
 */
export function buildRunRequest(input: BuildRunRequestInput): RunRequest {
  const stages: StageSource[] = input.stages.map(
    ({ name, file, enabled, async, timeoutSeconds, terminateOnTimeout, description, code, relPath }) => ({
      name,
      file,
      enabled,
      async,
      timeoutSeconds,
      terminateOnTimeout,
      description,
      code,
      path: relPath,
    }),
  );
  const request: RunRequest = {
    trigger: input.trigger,
    stages,
    fixture: input.fixture,
    env: { ...input.env, ...input.fixture.env, ...input.secrets },
    secrets: { ...input.secrets },
  };
  if (input.live !== undefined) request.live = input.live;
  if (input.memoryLimitMb !== undefined) request.memoryLimitMb = input.memoryLimitMb;
  return request;
}
