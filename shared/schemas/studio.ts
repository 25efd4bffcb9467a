import { z } from 'zod';

const envKeySchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a name like MY_KEY');

/** `studio.json`: the workspace's name, its remote, and the names (never values) of its secrets. */
export const studioFileSchema = z.object({
  name: z.string().min(1),
  remote: z.object({ url: z.string().url(), tenant: z.string().min(1) }).optional(),
  secrets: z.array(envKeySchema).default([]),
  live: z
    .object({ enabled: z.boolean().default(false), allowHosts: z.array(z.string()).default([]) })
    .optional(),
});
export type StudioFile = z.infer<typeof studioFileSchema>;

/** `env.json`: plain settings, no secrets. */
export const envFileSchema = z.record(envKeySchema, z.string());
export type EnvFile = z.infer<typeof envFileSchema>;
