import { pipelineFileSchema, type Stage, stageSchema } from '../../shared/schemas/pipeline.ts';
import type { Trigger } from '../../shared/triggers.ts';
import { WorkspaceError } from './errors.ts';
import { formatJson } from './json-file.ts';
import { freeName, type OpContext, requireName, requireTrigger } from './op-context.ts';
import type { StageEntry, StageSettings } from './types.ts';
import { pipelineFilePath, readPipeline, requireValid, stageFilePath } from './workspace-files.ts';

export interface NewStage {
  /** Default: the first free `stage`, `stage-2`, ... */
  name?: string;
  /** Default: a blank `pipe` function. When omitted and `<name>.js` already exists unlisted, that file is adopted. */
  code?: string;
  settings?: StageSettings;
  /** Position in the pipeline; default: last. */
  index?: number;
}

/** The function a new blank stage starts with: it passes everything through unchanged. */
export function blankStageCode(trigger: Trigger): string {
  const params = 'user, context, callback';
  return (
    `/** ${trigger}: change the user or context, or call callback(new Error('...')) to stop the flow. */\n` +
    `async function pipe(${params}) {\n  callback(null, user, context);\n}\n`
  );
}

interface EditablePipeline {
  trigger: Trigger;
  raw: Record<string, unknown>;
  /** Raw stage objects, in order (unknown keys kept). */
  stages: Record<string, unknown>[];
  parsed: Stage[];
}

async function loadForEdit(ctx: OpContext, triggerName: string, action: string): Promise<EditablePipeline> {
  const trigger = requireTrigger(triggerName);
  const file = requireValid(await readPipeline(ctx.io, trigger), action);
  if (!file) return { trigger, raw: { stages: [] }, stages: [], parsed: [] };
  const stages = (file.raw.stages as Record<string, unknown>[]).map((stage) => ({ ...stage }));
  return { trigger, raw: file.raw, stages, parsed: file.value.stages };
}

async function save(ctx: OpContext, pipeline: EditablePipeline): Promise<void> {
  const raw = { ...pipeline.raw, stages: pipeline.stages };
  const check = pipelineFileSchema.safeParse(raw);
  if (!check.success) {
    const issue = check.error.issues[0];
    throw new WorkspaceError(
      'invalid-input',
      `Not saved: field "${issue?.path.join('.')}" of ${pipelineFilePath(pipeline.trigger)}: ${issue?.message}.`,
    );
  }
  await ctx.io.writeText(pipelineFilePath(pipeline.trigger), formatJson(raw));
}

function indexOf(pipeline: EditablePipeline, name: string, action: string): number {
  const index = pipeline.parsed.findIndex((stage) => stage.name === name);
  if (index < 0) {
    const names = pipeline.parsed.map((stage) => stage.name).join(', ') || 'none';
    throw new WorkspaceError(
      'not-found',
      `Cannot ${action}: the ${pipeline.trigger} pipeline has no stage "${name}" (stages: ${names}).`,
    );
  }
  return index;
}

async function entry(ctx: OpContext, trigger: Trigger, stage: Record<string, unknown>): Promise<StageEntry> {
  const parsed = stageSchema.parse(stage);
  const relPath = stageFilePath(trigger, parsed.file);
  return { ...parsed, relPath, code: (await ctx.io.readText(relPath)) ?? '' };
}

export async function addStage(
  ctx: OpContext,
  triggerName: string,
  options: NewStage = {},
): Promise<StageEntry> {
  const pipeline = await loadForEdit(ctx, triggerName, 'add a stage');
  const { trigger } = pipeline;
  const listed = (name: string) =>
    pipeline.parsed.some((stage) => stage.name === name || stage.file === `${name}.js`);
  const name = requireName(
    options.name ??
      (await freeName(
        'stage',
        async (n) => listed(n) || (await ctx.io.exists(stageFilePath(trigger, `${n}.js`))),
      )),
    'stage',
  );
  if (listed(name)) {
    throw new WorkspaceError(
      'already-exists',
      `The ${trigger} pipeline already has a stage "${name}"; choose another name.`,
    );
  }
  const file = `${name}.js`;
  const exists = await ctx.io.exists(stageFilePath(trigger, file));
  if (exists && options.code !== undefined) {
    throw new WorkspaceError(
      'already-exists',
      `${stageFilePath(trigger, file)} already exists; choose another name, or add the stage without code to use that file.`,
    );
  }
  const stage: Record<string, unknown> = { ...stageSchema.parse({ name, file }), ...options.settings };
  const at = Math.min(Math.max(options.index ?? pipeline.stages.length, 0), pipeline.stages.length);
  pipeline.stages.splice(at, 0, stage);
  if (!exists) await ctx.io.writeText(stageFilePath(trigger, file), options.code ?? blankStageCode(trigger));
  await save(ctx, pipeline);
  return entry(ctx, trigger, stage);
}

export async function renameStage(
  ctx: OpContext,
  triggerName: string,
  from: string,
  to: string,
): Promise<StageEntry> {
  const pipeline = await loadForEdit(ctx, triggerName, `rename the stage "${from}"`);
  const { trigger } = pipeline;
  const index = indexOf(pipeline, from, `rename the stage "${from}"`);
  requireName(to, 'stage');
  if (from === to) return entry(ctx, trigger, pipeline.stages[index] ?? {});
  if (pipeline.parsed.some((stage) => stage.name === to)) {
    throw new WorkspaceError(
      'already-exists',
      `The ${trigger} pipeline already has a stage "${to}"; choose another name.`,
    );
  }
  const oldFile = pipeline.parsed[index]?.file ?? `${from}.js`;
  const newFile = `${to}.js`;
  if (!(await ctx.io.exists(stageFilePath(trigger, oldFile)))) {
    throw new WorkspaceError(
      'not-found',
      `Cannot rename "${from}": its file ${stageFilePath(trigger, oldFile)} is missing.`,
    );
  }
  if (oldFile !== newFile)
    await ctx.io.move(stageFilePath(trigger, oldFile), stageFilePath(trigger, newFile));
  pipeline.stages[index] = { ...pipeline.stages[index], name: to, file: newFile };
  await save(ctx, pipeline);
  return entry(ctx, trigger, pipeline.stages[index] ?? {});
}

export async function deleteStage(ctx: OpContext, triggerName: string, name: string): Promise<void> {
  const pipeline = await loadForEdit(ctx, triggerName, `delete the stage "${name}"`);
  const index = indexOf(pipeline, name, `delete the stage "${name}"`);
  const file = pipeline.parsed[index]?.file ?? `${name}.js`;
  pipeline.stages.splice(index, 1);
  pipeline.parsed.splice(index, 1);
  await save(ctx, pipeline);
  if (!pipeline.parsed.some((stage) => stage.file === file))
    await ctx.io.remove(stageFilePath(pipeline.trigger, file));
}

export async function reorderStages(
  ctx: OpContext,
  triggerName: string,
  names: readonly string[],
): Promise<void> {
  const pipeline = await loadForEdit(ctx, triggerName, 'reorder the stages');
  const current = pipeline.parsed.map((stage) => stage.name);
  const unknown = names.filter((name) => !current.includes(name));
  const missing = current.filter((name) => !names.includes(name));
  if (unknown.length > 0 || missing.length > 0 || new Set(names).size !== names.length) {
    throw new WorkspaceError(
      'invalid-input',
      `Cannot reorder the ${pipeline.trigger} pipeline: give every stage exactly once (stages: ${current.join(', ')}` +
        `${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}${missing.length ? `; missing: ${missing.join(', ')}` : ''}).`,
    );
  }
  pipeline.stages = names.map((name) => pipeline.stages[current.indexOf(name)] ?? {});
  await save(ctx, pipeline);
}

export async function setStageSettings(
  ctx: OpContext,
  triggerName: string,
  name: string,
  settings: StageSettings,
): Promise<StageEntry> {
  const pipeline = await loadForEdit(ctx, triggerName, `change the settings of "${name}"`);
  const index = indexOf(pipeline, name, `change the settings of "${name}"`);
  const allowed: (keyof StageSettings)[] = [
    'enabled',
    'async',
    'timeoutSeconds',
    'terminateOnTimeout',
    'description',
  ];
  const changes = Object.fromEntries(
    Object.entries(settings).filter(
      ([key, value]) => allowed.includes(key as keyof StageSettings) && value !== undefined,
    ),
  );
  const next = { ...pipeline.stages[index], ...changes };
  const check = stageSchema.safeParse(next);
  if (!check.success) {
    const issue = check.error.issues[0];
    throw new WorkspaceError(
      'invalid-input',
      `Invalid setting "${issue?.path.join('.')}" for stage "${name}": ${issue?.message}.`,
    );
  }
  pipeline.stages[index] = next;
  await save(ctx, pipeline);
  return entry(ctx, pipeline.trigger, next);
}

async function stageFile(ctx: OpContext, triggerName: string, name: string, action: string): Promise<string> {
  const pipeline = await loadForEdit(ctx, triggerName, action);
  const index = indexOf(pipeline, name, action);
  return stageFilePath(pipeline.trigger, pipeline.parsed[index]?.file ?? `${name}.js`);
}

export async function writeStageCode(
  ctx: OpContext,
  triggerName: string,
  name: string,
  code: string,
): Promise<void> {
  await ctx.io.writeText(await stageFile(ctx, triggerName, name, `save the code of "${name}"`), code);
}

export async function readStageCode(ctx: OpContext, triggerName: string, name: string): Promise<string> {
  const relPath = await stageFile(ctx, triggerName, name, `read the code of "${name}"`);
  const code = await ctx.io.readText(relPath);
  if (code === undefined) {
    throw new WorkspaceError(
      'not-found',
      `The code of stage "${name}" is missing: ${relPath} does not exist.`,
    );
  }
  return code;
}
