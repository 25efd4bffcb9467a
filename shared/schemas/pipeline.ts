import { z } from 'zod';

/** A stage name doubles as its file's base name, so it must be a safe, portable file name. */
export const stageNameSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,79}$/i,
    'letters, digits, ".", "_" and "-", at most 80, starting with a letter or digit',
  );

export const stageSchema = z.object({
  name: stageNameSchema,
  file: z.string().regex(/^[^/\\]+\.js$/, 'a .js file name in the same folder'),
  enabled: z.boolean().default(true),
  async: z.boolean().default(false),
  timeoutSeconds: z.number().int().min(1).max(60).default(3),
  terminateOnTimeout: z.boolean().default(false),
  description: z.string().default(''),
});
export type Stage = z.infer<typeof stageSchema>;
export type StageInput = z.input<typeof stageSchema>;

/** `pipelines/<TRIGGER>/pipeline.json`: the array order is the execution order. */
export const pipelineFileSchema = z.object({ stages: z.array(stageSchema) });
export type PipelineFile = z.infer<typeof pipelineFileSchema>;
