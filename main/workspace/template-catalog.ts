import type { TemplateMeta } from '../../shared/schemas/template.ts';
import type { TemplateDetail } from '../templates/catalog.ts';
import * as builtInCatalog from '../templates/catalog.ts';

/** The two calls the workspace needs from a template library; tests and hosts may pass their own. */
export interface TemplateCatalog {
  listTemplates(): Promise<TemplateMeta[]>;
  readTemplate(id: string): Promise<TemplateDetail>;
}

/** The library shipped in templates/ (main/templates/catalog.ts). */
export const BUILT_IN_TEMPLATES: TemplateCatalog = {
  listTemplates: () => builtInCatalog.listTemplates(),
  readTemplate: (id) => builtInCatalog.readTemplate(id),
};

export type { TemplateDetail, TemplateMeta };
