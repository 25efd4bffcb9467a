/**
 * JSON Schemas of the workspace files, generated from the zod schemas that validate them, so the
 * editor (Monaco's JSON validation) and the service can never disagree. Input shapes: fields with
 * a default may be left out of a file.
 */
import { z } from 'zod';
import type { JsonSchemaEntry } from './ipc/results.ts';
import { fixtureSchema } from './schemas/fixture.ts';
import { pipelineFileSchema } from './schemas/pipeline.ts';
import { envFileSchema, studioFileSchema } from './schemas/studio.ts';

type JsonSchemaObject = Record<string, unknown>;

/**
 * JSON Schema `pattern` has no flags, and zod drops them when generating it; a case-insensitive
 * regex (the stage name rule) is rewritten so each letter matches both cases.
 */
export function caseInsensitivePattern(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charAt(i);
    if (c === '\\') {
      out += source.slice(i, i + 2);
      i++;
    } else if (
      inClass &&
      /[a-zA-Z]/.test(c) &&
      source.charAt(i + 1) === '-' &&
      /[a-zA-Z]/.test(source.charAt(i + 2))
    ) {
      const end = source.charAt(i + 2);
      out += `${c}-${end}${swapCase(c)}-${swapCase(end)}`;
      i += 2;
    } else if (/[a-zA-Z]/.test(c)) {
      out += inClass ? `${c}${swapCase(c)}` : `[${c}${swapCase(c)}]`;
    } else {
      if (c === '[') inClass = true;
      if (c === ']') inClass = false;
      out += c;
    }
  }
  return out;
}

function swapCase(c: string): string {
  return c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
}

interface RegexCheckDef {
  format?: string;
  pattern?: RegExp;
}

function generate(schema: z.ZodType, title: string): JsonSchemaObject {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-7',
    override: (ctx) => {
      const checks = (ctx.zodSchema._zod.def as { checks?: { _zod: { def: RegexCheckDef } }[] }).checks ?? [];
      for (const check of checks) {
        const { format, pattern } = check._zod.def;
        if (format === 'regex' && pattern?.flags.includes('i') && ctx.jsonSchema.pattern === pattern.source) {
          ctx.jsonSchema.pattern = caseInsensitivePattern(pattern.source);
        }
      }
    },
  }) as JsonSchemaObject;
  return { ...json, title };
}

export const studioJsonSchema = generate(
  studioFileSchema,
  'studio.json: the workspace name, remote and secret names',
);
export const envJsonSchema = generate(envFileSchema, 'env.json: plain settings (no secrets)');
export const pipelineJsonSchema = generate(
  pipelineFileSchema,
  'pipeline.json: the stages in execution order',
);
export const fixtureJsonSchema = generate(
  fixtureSchema,
  'A fixture: a saved request and its expected outcome',
);

/** What the editor registers: each schema with the workspace files it applies to. */
export const WORKSPACE_JSON_SCHEMAS: JsonSchemaEntry[] = [
  { uri: 'pipeline-studio://schemas/studio.json', fileMatch: ['studio.json'], schema: studioJsonSchema },
  { uri: 'pipeline-studio://schemas/env.json', fileMatch: ['env.json'], schema: envJsonSchema },
  {
    uri: 'pipeline-studio://schemas/pipeline.json',
    fileMatch: ['pipelines/*/pipeline.json'],
    schema: pipelineJsonSchema,
  },
  {
    uri: 'pipeline-studio://schemas/fixture.json',
    fileMatch: ['fixtures/*/*.json'],
    schema: fixtureJsonSchema,
  },
];
