/** Handlers of the read-only calls: the template gallery, and the schemas and types for the editor. */
import { z } from 'zod';
import { editorTypes } from '../../shared/ipc/editor-types.ts';
import type { JsonSchemaEntry, TemplateDetail, TemplateSummary } from '../../shared/ipc/results.ts';
import { fixtureSchema } from '../../shared/schemas/fixture.ts';
import { pipelineFileSchema } from '../../shared/schemas/pipeline.ts';
import { envFileSchema, studioFileSchema } from '../../shared/schemas/studio.ts';
import type { TemplateMeta } from '../../shared/schemas/template.ts';
import { BUILT_IN_TEMPLATES, type TemplateCatalog } from '../workspace/index.ts';
import { CallError } from './call-error.ts';
import type { Handlers } from './dispatcher.ts';

function summary(meta: TemplateMeta): TemplateSummary {
  const { id, title, description, category, triggers, envKeys, secrets } = meta;
  return { id, title, description, category, triggers, envKeys, secrets };
}

/**
 * JSON Schemas of the workspace files, from the same zod schemas that validate them, as people
 * write them (`io: 'input'`: fields with defaults are optional).
 */
export function editorSchemas(): JsonSchemaEntry[] {
  const entry = (name: string, fileMatch: string[], schema: z.ZodType): JsonSchemaEntry => ({
    uri: `pipeline-studio://schemas/${name}.json`,
    fileMatch,
    schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
  });
  return [
    entry('fixture', ['fixtures/*/*.json'], fixtureSchema),
    entry('pipeline', ['pipelines/*/pipeline.json'], pipelineFileSchema),
    entry('studio', ['studio.json'], studioFileSchema),
    entry('env', ['env.json'], envFileSchema),
  ];
}

export function catalogHandlers(
  templates: TemplateCatalog = BUILT_IN_TEMPLATES,
): Pick<Handlers, 'templates.list' | 'templates.get' | 'schemas.get' | 'types.get'> {
  const schemas = editorSchemas();
  const types = editorTypes();
  return {
    async 'templates.list'() {
      return (await templates.listTemplates()).map(summary);
    },
    async 'templates.get'({ id }): Promise<TemplateDetail> {
      const known = await templates.listTemplates();
      if (!known.some((meta) => meta.id === id)) {
        throw new CallError(
          'not-found',
          `No template named "${id}"; pick one from the gallery (templates.list).`,
        );
      }
      const detail = await templates.readTemplate(id);
      return { ...summary(detail.meta), code: detail.code, fixtures: detail.fixtures };
    },
    async 'schemas.get'() {
      return schemas;
    },
    async 'types.get'() {
      return types;
    },
  };
}
