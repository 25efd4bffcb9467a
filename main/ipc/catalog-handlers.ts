/**
 * Handlers of the read-only calls: the template gallery, and for the editor the workspace files'
 * JSON Schemas (shared/json-schemas.ts, generated from the zod schemas) and the pipeline declarations.
 */
import { editorTypes } from '../../shared/ipc/editor-types.ts';
import type { TemplateDetail, TemplateSummary } from '../../shared/ipc/results.ts';
import { WORKSPACE_JSON_SCHEMAS } from '../../shared/json-schemas.ts';
import type { TemplateMeta } from '../../shared/schemas/template.ts';
import { BUILT_IN_TEMPLATES, type TemplateCatalog } from '../workspace/index.ts';
import { CallError } from './call-error.ts';
import type { Handlers } from './dispatcher.ts';

function summary(meta: TemplateMeta): TemplateSummary {
  const { id, title, description, category, triggers, envKeys, secrets } = meta;
  return { id, title, description, category, triggers, envKeys, secrets };
}

export function catalogHandlers(
  templates: TemplateCatalog = BUILT_IN_TEMPLATES,
): Pick<Handlers, 'templates.list' | 'templates.get' | 'schemas.get' | 'types.get'> {
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
      return WORKSPACE_JSON_SCHEMAS;
    },
    async 'types.get'() {
      return types;
    },
  };
}
