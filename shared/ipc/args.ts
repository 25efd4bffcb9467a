/**
 * The zod schemas of every call's arguments. Each call takes one object, so a rejected argument
 * is reported by its field name (`settings.timeoutSeconds`), not by a position.
 */
import { z } from 'zod';
import { expectSchema, fixtureSchema } from '../schemas/fixture.ts';
import { stageNameSchema, stageSchema } from '../schemas/pipeline.ts';
import { envFileSchema } from '../schemas/studio.ts';
import { TRIGGERS } from '../triggers.ts';

export const noArgs = z.object({}).strict();

export const triggerSchema = z.enum(TRIGGERS);

/** A path inside the workspace, with forward slashes: never absolute, never escaping with `..`. */
export const relPathSchema = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !/^[A-Za-z]:/.test(p) && !p.includes('\\'), {
    message: 'a path relative to the workspace folder, with forward slashes',
  })
  .refine((p) => !p.split('/').some((part) => part === '..' || part === ''), {
    message: 'a path inside the workspace (no "..", no empty segments)',
  });

/** A fixture's id is its file's base name without `.json`. */
export const fixtureIdSchema = z
  .string()
  .min(1)
  .max(120)
  .refine((id) => !/[/\\]/.test(id) && !id.startsWith('.'), {
    message: 'a file base name without "/" or "\\", not starting with "."',
  });

export const secretNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a name like MY_KEY');

export const stageSettingsSchema = stageSchema
  .pick({ enabled: true, async: true, timeoutSeconds: true, terminateOnTimeout: true, description: true })
  .partial()
  .strict();

/**
 * One stage of a what-if run: a saved stage by name with optional unsaved edits, or a new stage
 * (then `code` is required). The array order is the execution order.
 */
export const stageOverrideSchema = stageSettingsSchema.extend({
  name: stageNameSchema,
  code: z.string().optional(),
});
export type StageOverride = z.input<typeof stageOverrideSchema>;

/** Unsaved edits to apply for one run without writing them. */
export const runOverridesSchema = z
  .object({
    stages: z.array(stageOverrideSchema).optional(),
    fixture: fixtureSchema.optional(),
  })
  .strict();
export type RunOverrides = z.input<typeof runOverridesSchema>;

/** A caller-chosen run id lets the renderer cancel a run before its first progress event. */
export const runIdSchema = z.string().min(1).max(100);

export const workspaceArgs = {
  open: z.object({ path: z.string().min(1) }).strict(),
  create: z.object({ path: z.string().min(1), name: z.string().min(1).max(200) }).strict(),
};

export const fileArgs = {
  read: z.object({ relPath: relPathSchema }).strict(),
  write: z.object({ relPath: relPathSchema, text: z.string() }).strict(),
};

export const stageArgs = {
  add: z.object({ trigger: triggerSchema, name: stageNameSchema, code: z.string().optional() }).strict(),
  addFromTemplate: z
    .object({ trigger: triggerSchema, templateId: z.string().min(1), name: stageNameSchema.optional() })
    .strict(),
  rename: z.object({ trigger: triggerSchema, from: stageNameSchema, to: stageNameSchema }).strict(),
  delete: z.object({ trigger: triggerSchema, name: stageNameSchema }).strict(),
  reorder: z.object({ trigger: triggerSchema, names: z.array(stageNameSchema) }).strict(),
  setSettings: z
    .object({ trigger: triggerSchema, name: stageNameSchema, settings: stageSettingsSchema })
    .strict(),
};

export const fixtureArgs = {
  /** A new fixture: `fixture` absent gives a trigger-specific example. */
  add: z.object({ trigger: triggerSchema, id: fixtureIdSchema, fixture: fixtureSchema.optional() }).strict(),
  duplicate: z
    .object({ trigger: triggerSchema, id: fixtureIdSchema, newId: fixtureIdSchema.optional() })
    .strict(),
  rename: z.object({ trigger: triggerSchema, id: fixtureIdSchema, newId: fixtureIdSchema }).strict(),
  delete: z.object({ trigger: triggerSchema, id: fixtureIdSchema }).strict(),
  write: z.object({ trigger: triggerSchema, id: fixtureIdSchema, fixture: fixtureSchema }).strict(),
  /**
   * Writes `expect` from a run. With `expect` given it is written as is (what the UI showed);
   * without, the saved pipeline is replayed (deterministic) and its actual outcome is written.
   */
  saveActualAsExpect: z
    .object({ trigger: triggerSchema, id: fixtureIdSchema, expect: expectSchema.optional() })
    .strict(),
};

export const envArgs = {
  write: z.object({ env: envFileSchema }).strict(),
};

export const secretArgs = {
  set: z.object({ name: secretNameSchema, value: z.string().min(1) }).strict(),
  delete: z.object({ name: secretNameSchema }).strict(),
};

export const templateArgs = {
  get: z.object({ id: z.string().min(1) }).strict(),
};

export const runArgs = {
  fixture: z
    .object({
      trigger: triggerSchema,
      fixtureId: fixtureIdSchema,
      overrides: runOverridesSchema.optional(),
      runId: runIdSchema.optional(),
    })
    .strict(),
  all: z
    .object({
      trigger: triggerSchema,
      stagesOverride: z.array(stageOverrideSchema).optional(),
      runId: runIdSchema.optional(),
    })
    .strict(),
  cancel: z.object({ runId: runIdSchema }).strict(),
  /** What-if and re-run-from-a-step: any stage list against a saved fixture or an edited one. */
  stages: z
    .object({
      trigger: triggerSchema,
      stagesOverride: z.array(stageOverrideSchema),
      fixtureId: fixtureIdSchema.optional(),
      fixture: fixtureSchema.optional(),
      runId: runIdSchema.optional(),
    })
    .strict()
    .refine((a) => (a.fixtureId === undefined) !== (a.fixture === undefined), {
      message: 'give either fixtureId (a saved fixture) or fixture (an edited one), not both',
      path: ['fixtureId'],
    }),
};
