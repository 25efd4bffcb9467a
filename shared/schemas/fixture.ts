import { z } from 'zod';
import { jsonObjectSchema, jsonSchema } from './json.ts';

export const httpRecordingSchema = z.object({
  request: z.object({
    method: z.string().min(1),
    url: z.string().min(1),
    headers: z.record(z.string(), z.string()).optional(),
    body: jsonSchema.optional(),
  }),
  response: z.object({
    status: z.number().int().min(100).max(599).default(200),
    headers: z.record(z.string(), z.string()).default({}),
    body: jsonSchema.default(null),
  }),
});
export type HttpRecording = z.infer<typeof httpRecordingSchema>;

export const authingRecordingSchema = z.object({
  method: z.string().min(1),
  args: z.array(jsonSchema).default([]),
  result: jsonSchema.optional(),
  /** When set, the call rejects with this message instead of answering `result`. */
  error: z.string().optional(),
});
export type AuthingRecording = z.infer<typeof authingRecordingSchema>;

export const expectSchema = z.object({
  outcome: z.enum(['continue', 'deny']),
  error: z.string().optional(),
  user: jsonObjectSchema.optional(),
  context: jsonObjectSchema.optional(),
  idToken: jsonObjectSchema.optional(),
  accessToken: jsonObjectSchema.optional(),
  customData: jsonObjectSchema.optional(),
});
export type Expect = z.infer<typeof expectSchema>;

/** `fixtures/<TRIGGER>/<fixture>.json`: a saved request (SEMANTICS.md, A fixture). */
export const fixtureSchema = z.object({
  name: z.string().min(1),
  trigger: z.string().min(1),
  now: z.iso.datetime({ offset: true }).optional(),
  timezone: z.string().optional(),
  seed: z.number().int().optional(),
  user: jsonObjectSchema.nullable().optional(),
  context: jsonObjectSchema.default({}),
  env: z.record(z.string(), z.string()).default({}),
  http: z.array(httpRecordingSchema).default([]),
  authing: z.array(authingRecordingSchema).default([]),
  expect: expectSchema.optional(),
});
export type Fixture = z.infer<typeof fixtureSchema>;
export type FixtureInput = z.input<typeof fixtureSchema>;
