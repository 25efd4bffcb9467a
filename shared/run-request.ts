import type { Fixture } from './schemas/fixture.ts';
import type { Stage } from './schemas/pipeline.ts';
import type { Trigger } from './triggers.ts';

/** One stage as the executor needs it: its settings and its source. */
export interface StageSource extends Stage {
  /** The source of the function file. */
  code: string;
  /** Path shown in error locations, usually relative to the workspace. */
  path: string;
}

export interface LiveOptions {
  /** Host names that live-mode HTTP may reach; any other host fails the call. */
  allowHosts: string[];
  /** When true, performed exchanges are returned so they can be saved into the fixture. */
  record: boolean;
}

/** Everything needed to run one fixture through one pipeline. Plain data: it crosses processes. */
export interface RunRequest {
  trigger: Trigger;
  stages: StageSource[];
  fixture: Fixture;
  /** The workspace's env.json merged under the fixture's env. */
  env: Record<string, string>;
  /** Secret values by name: injected into `env`, redacted from every trace. */
  secrets: Record<string, string>;
  /** Absent: replay (deterministic, recorded answers only). */
  live?: LiveOptions;
  /** Per-run memory limit in MB (default 64). */
  memoryLimitMb?: number;
  /**
   * How the run is isolated from other runs. Absent: the executor chooses (a warm realm, with a
   * fresh context where that could differ; see main/sandbox/guest/harden.js). `fresh` forces a
   * new context for this run, `warm` forces the warm realm (tests use both).
   */
  isolation?: 'fresh' | 'warm';
}
