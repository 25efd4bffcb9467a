/**
 * The built-in template library (templates/<id>/): metadata, function file and fixtures, validated
 * with the shared schemas. The workspace service, the gallery and `pipeline-studio templates` read
 * it through these two calls.
 */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Fixture, fixtureSchema } from '../../shared/schemas/fixture.ts';
import {
  TEMPLATE_CATEGORIES,
  type TemplateMeta,
  templateIdSchema,
  templateMetaSchema,
} from '../../shared/schemas/template.ts';
import { normalizeTrigger } from '../../shared/triggers.ts';
import { parseJsonFile, readTextFile, TemplateFileError } from './read-json-file.ts';

/** Resolved from this module, not the cwd, so the CLI works from any folder. */
export const TEMPLATES_DIR = resolve(import.meta.dirname, '..', '..', 'templates');

export interface TemplateFixture {
  /** The fixture file's base name without `.json`. */
  id: string;
  fixture: Fixture;
}

export interface TemplateDetail {
  meta: TemplateMeta;
  /** The source of `<id>.js`. */
  code: string;
  fixtures: TemplateFixture[];
}

/** Every template's metadata, grouped by category (in TEMPLATE_CATEGORIES order), then by title. */
export async function listTemplates(root: string = TEMPLATES_DIR): Promise<TemplateMeta[]> {
  const ids = await templateIds(root);
  const metas = await Promise.all(ids.map((id) => readMeta(root, id)));
  return metas.sort(
    (a, b) =>
      TEMPLATE_CATEGORIES.indexOf(a.category) - TEMPLATE_CATEGORIES.indexOf(b.category) ||
      a.title.localeCompare(b.title),
  );
}

/** One template in full: metadata, code and fixtures (sorted by file name). */
export async function readTemplate(id: string, root: string = TEMPLATES_DIR): Promise<TemplateDetail> {
  if (!templateIdSchema.safeParse(id).success || !(await templateIds(root)).includes(id)) {
    throw new Error(`No template named "${id}". Run \`pipeline-studio templates list\` to see the ids.`);
  }
  const meta = await readMeta(root, id);
  const codeFile = `${id}/${id}.js`;
  const code = await readTextFile(join(root, id, `${id}.js`), codeFile);
  if (!definesPipe(code)) {
    throw new TemplateFileError(codeFile, 'defines no function named `pipe`; the platform calls only `pipe`');
  }
  const fixtures = await readFixtures(root, meta);
  return { meta, code, fixtures };
}

/** Whether the source declares `function pipe(` (plain or async), the only entry the platform calls. */
export function definesPipe(code: string): boolean {
  return /(^|[^\w$.])function\s+pipe\s*\(/.test(code);
}

async function templateIds(root: string): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (error) {
    throw new Error(
      `The template library at ${root} could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); reinstall Pipeline Studio.`,
    );
  }
  return entries
    .filter((e) => e.isDirectory() && templateIdSchema.safeParse(e.name).success)
    .map((e) => e.name)
    .sort();
}

async function readMeta(root: string, id: string): Promise<TemplateMeta> {
  const file = `${id}/template.json`;
  const meta = parseJsonFile(
    await readTextFile(join(root, id, 'template.json'), file),
    file,
    templateMetaSchema,
  );
  if (meta.id !== id) {
    throw new TemplateFileError(file, `id is "${meta.id}" but the folder is "${id}"; make them equal`, {
      path: 'id',
    });
  }
  return meta;
}

async function readFixtures(root: string, meta: TemplateMeta): Promise<TemplateFixture[]> {
  const dir = join(root, meta.id, 'fixtures');
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    throw new TemplateFileError(
      `${meta.id}/fixtures`,
      `the folder could not be read (${code ?? String(error)})`,
    );
  }
  return Promise.all(
    names.map(async (name) => {
      const file = `${meta.id}/fixtures/${name}`;
      const fixture = parseJsonFile(await readTextFile(join(dir, name), file), file, fixtureSchema);
      const trigger = normalizeTrigger(fixture.trigger);
      if (trigger === undefined || !meta.triggers.includes(trigger)) {
        throw new TemplateFileError(
          file,
          `trigger "${fixture.trigger}" is not one of the template's triggers (${meta.triggers.join(', ')})`,
          { path: 'trigger' },
        );
      }
      return { id: name.slice(0, -'.json'.length), fixture };
    }),
  );
}
