import { z } from 'zod';
import { TRIGGERS } from '../triggers.ts';

/** What a template is for; the gallery groups templates by it. */
export const TEMPLATE_CATEGORIES = [
  'allow-list',
  'notification',
  'access-control',
  'user-fields',
  'custom-token',
] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

/** A template id doubles as its folder, its function file and the stage name it suggests. */
export const templateIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and "-", starting with a letter or digit');

const envNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a name like MY_KEY');

/** A plain setting the function reads from `env`; it belongs in the workspace's env.json. */
export const templateEnvKeySchema = z.object({
  name: envNameSchema,
  description: z.string().min(1),
  /** A value that works as a starting point; written into env.json when the template is added. */
  example: z.string(),
});
export type TemplateEnvKey = z.infer<typeof templateEnvKeySchema>;

/** A value the function reads from `env` that must never be written into the workspace. */
export const templateSecretSchema = z.object({
  name: envNameSchema,
  description: z.string().min(1),
});
export type TemplateSecret = z.infer<typeof templateSecretSchema>;

/** The stage settings a template suggests; anything absent takes the pipeline.json default. */
export const templateStageDefaultsSchema = z.object({
  async: z.boolean().optional(),
  timeoutSeconds: z.number().int().min(1).max(60).optional(),
  terminateOnTimeout: z.boolean().optional(),
});
export type TemplateStageDefaults = z.infer<typeof templateStageDefaultsSchema>;

/** `templates/<id>/template.json`: what the gallery shows and what adding the template needs. */
export const templateMetaSchema = z
  .object({
    id: templateIdSchema,
    title: z.string().min(1),
    description: z.string().min(1),
    category: z.enum(TEMPLATE_CATEGORIES),
    /** The triggers the function is written for; the first is the default. */
    triggers: z.array(z.enum(TRIGGERS)).min(1),
    envKeys: z.array(templateEnvKeySchema).default([]),
    secrets: z.array(templateSecretSchema).default([]),
    stage: templateStageDefaultsSchema.default({}),
  })
  .superRefine((meta, ctx) => {
    const names = [...meta.envKeys.map((k) => k.name), ...meta.secrets.map((s) => s.name)];
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i) {
        ctx.addIssue({
          code: 'custom',
          path:
            i < meta.envKeys.length ? ['envKeys', i, 'name'] : ['secrets', i - meta.envKeys.length, 'name'],
          message: `"${name}" is declared twice; an env key and a secret must have distinct names`,
        });
      }
    });
  });
export type TemplateMeta = z.infer<typeof templateMetaSchema>;
export type TemplateMetaInput = z.input<typeof templateMetaSchema>;
