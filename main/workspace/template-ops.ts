import { envFileSchema } from '../../shared/schemas/studio.ts';
import { normalizeTrigger } from '../../shared/triggers.ts';
import { WorkspaceError } from './errors.ts';
import { addFixture } from './fixture-ops.ts';
import { formatJson } from './json-file.ts';
import { freeName, type OpContext, requireName, requireTrigger } from './op-context.ts';
import { declareSecret } from './secret-ops.ts';
import { addStage } from './stage-ops.ts';
import type { FixtureEntry, StageEntry } from './types.ts';
import {
  ENV_FILE,
  fixtureFilePath,
  readEnvFile,
  readPipeline,
  readStudio,
  requireExisting,
  requireValid,
  STUDIO_FILE,
  stageFilePath,
} from './workspace-files.ts';

export interface TemplateAdded {
  stage: StageEntry;
  fixtures: FixtureEntry[];
  /** env.json keys that were missing and were added with the template's example value. */
  envKeysAdded: string[];
  /** Secret names declared in studio.json; each still needs a value in the secret store. */
  secretsDeclared: string[];
}

/**
 * Copies a template into the workspace: its function as a new stage (with the template's stage
 * settings), its fixtures for this trigger (ids prefixed with the stage name), its env keys with
 * example values (existing values are kept), and its secret names. Everything is checked before
 * the first write, so a refusal leaves the workspace as it was.
 */
export async function addStageFromTemplate(
  ctx: OpContext,
  triggerName: string,
  templateId: string,
  options: { name?: string } = {},
): Promise<TemplateAdded> {
  const trigger = requireTrigger(triggerName);
  const template = await ctx.templates.readTemplate(templateId).catch((error: unknown) => {
    throw new WorkspaceError('template-unavailable', error instanceof Error ? error.message : String(error));
  });
  const { meta } = template;
  if (!meta.triggers.some((t) => normalizeTrigger(t) === trigger)) {
    throw new WorkspaceError(
      'invalid-input',
      `The template "${templateId}" is written for ${meta.triggers.join(', ')}, not ${trigger}; add it to one of those.`,
    );
  }
  const name = requireName(options.name ?? meta.id, 'stage');
  const pipeline = requireValid(await readPipeline(ctx.io, trigger), `add the template "${templateId}"`);
  if (pipeline?.value.stages.some((stage) => stage.name === name)) {
    throw new WorkspaceError(
      'already-exists',
      `The ${trigger} pipeline already has a stage "${name}"; give the new stage another name.`,
    );
  }
  if (await ctx.io.exists(stageFilePath(trigger, `${name}.js`))) {
    throw new WorkspaceError(
      'already-exists',
      `${stageFilePath(trigger, `${name}.js`)} already exists; give the new stage another name.`,
    );
  }
  const env = requireValid(await readEnvFile(ctx.io), `add the template "${templateId}"`);
  const secretNames = meta.secrets.map((secret) => secret.name);
  if (secretNames.length > 0)
    requireExisting(await readStudio(ctx.io), STUDIO_FILE, `add the template "${templateId}"`);

  const envKeysAdded = meta.envKeys
    .filter((key) => env?.value[key.name] === undefined)
    .map((key) => key.name);
  if (envKeysAdded.length > 0) {
    const added = Object.fromEntries(
      meta.envKeys.filter((key) => envKeysAdded.includes(key.name)).map((key) => [key.name, key.example]),
    );
    const next = { ...(env?.raw ?? {}), ...added };
    envFileSchema.parse(next);
    await ctx.io.writeText(ENV_FILE, formatJson(next));
  }
  for (const secret of secretNames) await declareSecret(ctx, secret);

  const fixtures: FixtureEntry[] = [];
  for (const { id, fixture } of template.fixtures) {
    if (normalizeTrigger(fixture.trigger) !== trigger) continue;
    const base = id.startsWith(name) ? id : `${name}-${id}`;
    const newId = await freeName(base, (candidate) => ctx.io.exists(fixtureFilePath(trigger, candidate)));
    fixtures.push(await addFixture(ctx, trigger, { ...fixture, trigger }, { id: newId }));
  }
  const stage = await addStage(ctx, trigger, {
    name,
    code: template.code,
    settings: { ...meta.stage, description: meta.description },
  });
  return { stage, fixtures, envKeysAdded, secretsDeclared: secretNames };
}
