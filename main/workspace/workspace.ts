import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildRunRequest } from '../../shared/build-run-request.ts';
import type { LiveOptions, RunRequest } from '../../shared/run-request.ts';
import type { RunResult } from '../../shared/run-result.ts';
import type { Expect } from '../../shared/schemas/fixture.ts';
import type { EnvFile } from '../../shared/schemas/studio.ts';
import { readEnv, readWorkspaceFile, writeEnv, writeWorkspaceFile } from './env-file-ops.ts';
import { isErrnoCode, malformedFileError, WorkspaceError } from './errors.ts';
import type { NewFixture } from './fixture-ops.ts';
import * as fixtures from './fixture-ops.ts';
import { type OpContext, requireTrigger } from './op-context.ts';
import { readSnapshot } from './read-snapshot.ts';
import * as secretOps from './secret-ops.ts';
import { createEnvSecretStore } from './secret-stores.ts';
import { createSerializer } from './serialize.ts';
import type { NewStage } from './stage-ops.ts';
import * as stages from './stage-ops.ts';
import { BUILT_IN_TEMPLATES, type TemplateCatalog } from './template-catalog.ts';
import { addStageFromTemplate, type TemplateAdded } from './template-ops.ts';
import type {
  FixtureEntry,
  SecretInfo,
  SecretStore,
  StageEntry,
  StageSettings,
  WorkspaceChange,
  WorkspaceSnapshot,
} from './types.ts';
import { type WatchOptions, type WorkspaceWatcher, watchWorkspace } from './watcher.ts';
import { readStudio } from './workspace-files.ts';
import { createWorkspaceIo } from './workspace-io.ts';

export interface OpenWorkspaceOptions {
  /** Where secret values live. Default: environment variables (read-only), as the CLI needs. */
  secrets?: SecretStore;
  /** Default: the built-in library in templates/. */
  templates?: TemplateCatalog;
}

/**
 * One open workspace: the service the CLI, the desktop and web hosts, and the tests all use.
 * Every write is atomic; an operation that would have to rewrite a malformed file refuses with
 * that file's problem and leaves it untouched.
 */
export interface Workspace {
  readonly root: string;
  readonly secretStore: SecretStore;
  read(): Promise<WorkspaceSnapshot>;

  addStage(trigger: string, stage?: NewStage): Promise<StageEntry>;
  addStageFromTemplate(
    trigger: string,
    templateId: string,
    options?: { name?: string },
  ): Promise<TemplateAdded>;
  renameStage(trigger: string, from: string, to: string): Promise<StageEntry>;
  deleteStage(trigger: string, name: string): Promise<void>;
  reorderStages(trigger: string, names: readonly string[]): Promise<void>;
  setStageSettings(trigger: string, name: string, settings: StageSettings): Promise<StageEntry>;
  writeStageCode(trigger: string, name: string, code: string): Promise<void>;
  readStageCode(trigger: string, name: string): Promise<string>;

  readFixture(trigger: string, id: string): Promise<FixtureEntry>;
  addFixture(trigger: string, fixture?: NewFixture, options?: { id?: string }): Promise<FixtureEntry>;
  duplicateFixture(
    trigger: string,
    id: string,
    options?: { newId?: string; name?: string },
  ): Promise<FixtureEntry>;
  renameFixture(trigger: string, id: string, newId: string): Promise<{ id: string; relPath: string }>;
  deleteFixture(trigger: string, id: string): Promise<void>;
  writeFixture(trigger: string, id: string, fixture: NewFixture): Promise<FixtureEntry>;
  writeExpect(trigger: string, id: string, expect: Expect): Promise<FixtureEntry>;
  saveActualAsExpect(trigger: string, id: string, result: RunResult): Promise<FixtureEntry>;

  readEnv(): Promise<EnvFile>;
  writeEnv(env: EnvFile): Promise<void>;
  readFile(relPath: string): Promise<string>;
  writeFile(relPath: string, text: string): Promise<void>;

  declareSecret(name: string): Promise<void>;
  setSecret(name: string, value: string): Promise<void>;
  deleteSecret(name: string): Promise<void>;
  listSecrets(): Promise<SecretInfo[]>;
  /** Values of declared secrets, for run requests only. */
  secretValues(): Promise<Record<string, string>>;

  /** A run request for one saved fixture through the saved pipeline (`live` needs studio.json `live.enabled`). */
  buildRunRequest(
    trigger: string,
    fixtureId: string,
    options?: { live?: boolean; record?: boolean },
  ): Promise<RunRequest>;

  watch(listener: (changes: WorkspaceChange[]) => void, options?: WatchOptions): Promise<WorkspaceWatcher>;
}

/** Opens an existing workspace (a folder with studio.json). Malformed files do not stop it: see `read().problems`. */
export async function openWorkspace(root: string, options: OpenWorkspaceOptions = {}): Promise<Workspace> {
  const absolute = resolve(root);
  const secrets = options.secrets ?? createEnvSecretStore();
  const ctx: OpContext = {
    io: createWorkspaceIo(absolute, () => secretOps.secretValues(ctx)),
    secrets,
    templates: options.templates ?? BUILT_IN_TEMPLATES,
  };
  const rootInfo = await stat(absolute).catch((error: unknown) => {
    if (isErrnoCode(error, 'ENOENT')) return undefined;
    throw error;
  });
  if (!rootInfo?.isDirectory()) {
    throw new WorkspaceError(
      'not-a-workspace',
      `${absolute} ${rootInfo ? 'is a file, not a folder' : 'does not exist'}. Open a workspace folder, or create one with "pipeline-studio init".`,
    );
  }
  if (!(await ctx.io.exists('studio.json'))) {
    throw new WorkspaceError(
      'not-a-workspace',
      `${absolute} is not a Pipeline Studio workspace (it has no studio.json). Create one with "pipeline-studio init ${root}".`,
    );
  }
  const exclusive = createSerializer();
  return {
    root: absolute,
    secretStore: secrets,
    read: () => readSnapshot(ctx.io),
    addStage: (trigger, stage) => exclusive(() => stages.addStage(ctx, trigger, stage)),
    addStageFromTemplate: (trigger, id, opts) =>
      exclusive(() => addStageFromTemplate(ctx, trigger, id, opts)),
    renameStage: (trigger, from, to) => exclusive(() => stages.renameStage(ctx, trigger, from, to)),
    deleteStage: (trigger, name) => exclusive(() => stages.deleteStage(ctx, trigger, name)),
    reorderStages: (trigger, names) => exclusive(() => stages.reorderStages(ctx, trigger, names)),
    setStageSettings: (trigger, name, settings) =>
      exclusive(() => stages.setStageSettings(ctx, trigger, name, settings)),
    writeStageCode: (trigger, name, code) => exclusive(() => stages.writeStageCode(ctx, trigger, name, code)),
    readStageCode: (trigger, name) => stages.readStageCode(ctx, trigger, name),
    readFixture: (trigger, id) => fixtures.readFixture(ctx, trigger, id),
    addFixture: (trigger, fixture, opts) => exclusive(() => fixtures.addFixture(ctx, trigger, fixture, opts)),
    duplicateFixture: (trigger, id, opts) =>
      exclusive(() => fixtures.duplicateFixture(ctx, trigger, id, opts)),
    renameFixture: (trigger, id, newId) => exclusive(() => fixtures.renameFixture(ctx, trigger, id, newId)),
    deleteFixture: (trigger, id) => exclusive(() => fixtures.deleteFixture(ctx, trigger, id)),
    writeFixture: (trigger, id, fixture) => exclusive(() => fixtures.writeFixture(ctx, trigger, id, fixture)),
    writeExpect: (trigger, id, expect) => exclusive(() => fixtures.writeExpect(ctx, trigger, id, expect)),
    saveActualAsExpect: (trigger, id, result) =>
      exclusive(() => fixtures.saveActualAsExpect(ctx, trigger, id, result)),
    readEnv: () => readEnv(ctx),
    writeEnv: (env) => exclusive(() => writeEnv(ctx, env)),
    readFile: (relPath) => readWorkspaceFile(ctx, relPath),
    writeFile: (relPath, text) => exclusive(() => writeWorkspaceFile(ctx, relPath, text)),
    declareSecret: (name) => exclusive(() => secretOps.declareSecret(ctx, name)),
    setSecret: (name, value) => exclusive(() => secretOps.setSecret(ctx, name, value)),
    deleteSecret: (name) => exclusive(() => secretOps.deleteSecret(ctx, name)),
    listSecrets: () => secretOps.listSecrets(ctx),
    secretValues: () => secretOps.secretValues(ctx),
    buildRunRequest: (trigger, fixtureId, opts) => runRequestFor(ctx, trigger, fixtureId, opts),
    watch: (listener, opts) => watchWorkspace(ctx.io, listener, opts),
  };
}

async function runRequestFor(
  ctx: OpContext,
  triggerName: string,
  fixtureId: string,
  options: { live?: boolean; record?: boolean } = {},
): Promise<RunRequest> {
  const trigger = requireTrigger(triggerName);
  const snapshot = await readSnapshot(ctx.io);
  const blocking = snapshot.problems.filter(
    (problem) =>
      problem.severity !== 'warning' &&
      (problem.file === 'env.json' || problem.file.startsWith(`pipelines/${trigger}/`)),
  );
  if (blocking.length > 0) throw malformedFileError(blocking, `run the ${trigger} pipeline`);
  const { fixture } = await fixtures.readFixture(ctx, trigger, fixtureId);
  const pipeline = snapshot.pipelines.find((p) => p.trigger === trigger);
  let live: LiveOptions | undefined;
  if (options.live) {
    const studio = await readStudio(ctx.io);
    const settings = studio.exists && studio.ok ? studio.value.live : undefined;
    if (!settings?.enabled) {
      throw new WorkspaceError(
        'invalid-input',
        'Live mode is off for this workspace; set "live": { "enabled": true, "allowHosts": [...] } in studio.json.',
      );
    }
    live = { allowHosts: settings.allowHosts, record: options.record ?? false };
  }
  return buildRunRequest({
    trigger,
    stages: pipeline?.stages ?? [],
    fixture,
    env: snapshot.env,
    secrets: await secretOps.secretValues(ctx),
    ...(live ? { live } : {}),
  });
}
