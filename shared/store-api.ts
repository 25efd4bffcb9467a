/**
 * The store server's HTTP API: request and response bodies as zod schemas, shared by the server
 * (validation, OpenAPI description) and the sync client (typed calls). server/README.md documents it.
 */
import { z } from 'zod';
import { jsonObjectSchema, jsonSchema } from './schemas/json.ts';
import { stageSchema } from './schemas/pipeline.ts';
import { TRIGGERS } from './triggers.ts';

export const triggerSchema = z.enum(TRIGGERS);

const envKeySchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a name like MY_KEY');

/** One stage as stored: its settings (pipeline.json) and its code (the .js file). */
export const storedStageSchema = stageSchema.extend({ code: z.string().max(1_000_000) });
export type StoredStage = z.infer<typeof storedStageSchema>;

/** One trigger's pipeline: stages in execution order, and its fixtures by id (file base name). */
export const storedPipelineSchema = z.object({
  stages: z.array(storedStageSchema),
  fixtures: z.record(z.string().regex(/^[^/\\]+$/, 'a file base name'), jsonObjectSchema).default({}),
});
export type StoredPipeline = z.infer<typeof storedPipelineSchema>;

/**
 * A whole snapshot of a tenant's pipelines, env and fixtures. Every push stores one of these as a
 * new revision; a version is an immutable copy of one revision's content.
 */
export const storeContentSchema = z.object({
  env: z.record(envKeySchema, z.string()).default({}),
  pipelines: z.partialRecord(triggerSchema, storedPipelineSchema).default({}),
});
export type StoreContent = z.infer<typeof storeContentSchema>;

export const emptyContent = (): StoreContent => ({ env: {}, pipelines: {} });

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Field paths of schema violations, e.g. `content.pipelines.PRE_REGISTER.stages.0.name`. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** With 412: the tenant's current revision, to pull before pushing again. */
    currentRevision: z.number().int().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const roleSchema = z.enum(['admin', 'runtime']);
export type Role = z.infer<typeof roleSchema>;

export const whoamiSchema = z.object({
  tenant: z.string(),
  keyId: z.string(),
  role: roleSchema,
  headRevision: z.number().int(),
  publishedVersion: z.number().int().nullable(),
});
export type Whoami = z.infer<typeof whoamiSchema>;

export const revisionSchema = z.object({
  revision: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  content: storeContentSchema,
});
export type RevisionBody = z.infer<typeof revisionSchema>;

export const revisionSummarySchema = revisionSchema.omit({ content: true });
export const revisionListSchema = z.object({
  revisions: z.array(revisionSummarySchema),
  nextCursor: z.string().nullable(),
});

/** `POST /v1/revisions` with `If-Match: "<base revision>"`. */
export const pushBodySchema = z.object({ content: storeContentSchema });
export type PushBody = z.infer<typeof pushBodySchema>;
export const pushResultSchema = z.object({ revision: z.number().int() });

export const versionSummarySchema = z.object({
  version: z.number().int(),
  revision: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  /** Set when this version republished an earlier one. */
  rollbackOf: z.number().int().nullable(),
  note: z.string(),
});
export type VersionSummary = z.infer<typeof versionSummarySchema>;
export const versionSchema = versionSummarySchema.extend({ content: storeContentSchema });
export type VersionBody = z.infer<typeof versionSchema>;
export const versionListSchema = z.object({
  publishedVersion: z.number().int().nullable(),
  versions: z.array(versionSummarySchema),
});

export const publishBodySchema = z.object({
  revision: z.number().int().min(1),
  note: z.string().max(2000).default(''),
});
export type PublishBody = z.input<typeof publishBodySchema>;

export const secretNameSchema = envKeySchema;
export const secretListSchema = z.object({
  secrets: z.array(z.object({ name: z.string(), updatedAt: z.string() })),
});
export const secretValueSchema = z.object({ value: z.string().min(1).max(65536) });

export const settingsSchema = z.object({
  /** Host names the runtime's live HTTP may reach. */
  allowHosts: z.array(z.string().min(1)).default([]),
  /** Per-run memory limit in MB for runtime runs. */
  memoryLimitMb: z.number().int().min(8).max(1024).default(64),
});
export type TenantSettings = z.infer<typeof settingsSchema>;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  keyId: z.string().nullable(),
  action: z.string(),
  detail: jsonObjectSchema,
});
export const auditListSchema = z.object({
  entries: z.array(auditEntrySchema),
  nextCursor: z.string().nullable(),
});

export const runtimeBodySchema = z.object({
  user: jsonObjectSchema.nullable().optional(),
  context: jsonObjectSchema.default({}),
});
export type RuntimeBody = z.input<typeof runtimeBodySchema>;

export const stageDecisionSchema = z.object({
  name: z.string(),
  outcome: z.enum(['continue', 'deny', 'error', 'timeout', 'skipped', 'async']),
  durationMs: z.number(),
  logs: z.array(z.string()),
  http: z.array(jsonSchema),
  input: jsonSchema,
  output: jsonSchema,
  error: z.object({ message: z.string() }).optional(),
});

/** The runtime's answer: the CLI's `--json` shape (SEMANTICS.md, The CLI contract). */
export const decisionSchema = z.object({
  outcome: z.enum(['continue', 'deny', 'error']),
  error: z.object({ message: z.string(), stage: z.string().optional() }).optional(),
  user: jsonObjectSchema.nullable(),
  context: jsonObjectSchema,
  idToken: jsonObjectSchema,
  accessToken: jsonObjectSchema,
  customData: jsonObjectSchema,
  stages: z.array(stageDecisionSchema),
});
export type Decision = z.infer<typeof decisionSchema>;

export const logStageSchema = z.object({
  name: z.string(),
  outcome: z.string(),
  durationMs: z.number(),
  logs: z.array(z.string()),
  error: z.string().optional(),
});
export const logEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  trigger: triggerSchema,
  version: z.number().int(),
  outcome: z.enum(['continue', 'deny', 'error']),
  durationMs: z.number(),
  error: z.string().nullable(),
  stages: z.array(logStageSchema),
});
export type LogEntry = z.infer<typeof logEntrySchema>;
export const logListSchema = z.object({
  entries: z.array(logEntrySchema),
  nextCursor: z.string().nullable(),
});

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: z.string().regex(/^\d+$/, 'a cursor from a previous page').optional(),
});
export const logQuerySchema = pageQuerySchema.extend({ trigger: triggerSchema.optional() });

export const healthSchema = z.object({ status: z.literal('ok') });
