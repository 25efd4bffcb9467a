/** The catalog loader: resolution from any cwd, ordering, and errors that name the broken file. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listTemplates, readTemplate, TEMPLATES_DIR } from '../../main/templates/catalog.ts';
import { TemplateFileError } from '../../main/templates/read-json-file.ts';
import { TEMPLATE_CATEGORIES } from '../../shared/schemas/template.ts';

const goodMeta = {
  id: 'tiny',
  title: 'Tiny',
  description: 'A template for the loader tests.',
  category: 'access-control',
  triggers: ['PRE_AUTHENTICATION'],
  envKeys: [{ name: 'LIMIT', description: 'A limit.', example: '3' }],
  secrets: [],
  stage: { timeoutSeconds: 2 },
};
const goodCode = 'async function pipe(user, context, callback) {\n  callback(null, user, context);\n}\n';
const goodFixture = {
  name: 'passes',
  trigger: 'PRE_AUTHENTICATION',
  user: { id: 'u-1' },
  env: { LIMIT: '3' },
  expect: { outcome: 'continue' },
};

let root: string;

async function writeTemplate(
  id: string,
  files: { meta?: string | object; code?: string; fixtures?: Record<string, string | object> },
): Promise<void> {
  const dir = join(root, id);
  await mkdir(join(dir, 'fixtures'), { recursive: true });
  const text = (v: string | object) => (typeof v === 'string' ? v : JSON.stringify(v, null, 2));
  if (files.meta !== undefined) await writeFile(join(dir, 'template.json'), text(files.meta));
  if (files.code !== undefined) await writeFile(join(dir, `${id}.js`), files.code);
  for (const [name, body] of Object.entries(files.fixtures ?? {})) {
    await writeFile(join(dir, 'fixtures', name), text(body));
  }
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'templates-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the built-in catalog', () => {
  it('is found next to the module, whatever the cwd', async () => {
    expect(TEMPLATES_DIR).toBe(resolve(import.meta.dirname, '..', '..', 'templates'));
    const before = process.cwd();
    process.chdir(tmpdir());
    try {
      expect((await listTemplates()).length).toBeGreaterThan(0);
    } finally {
      process.chdir(before);
    }
  });

  it('lists templates grouped by category', async () => {
    const order = (await listTemplates()).map((m) => TEMPLATE_CATEGORIES.indexOf(m.category));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});

describe('readTemplate and listTemplates on a library folder', () => {
  it('reads metadata with defaults, code and fixtures sorted by file name', async () => {
    await writeTemplate('tiny', {
      meta: goodMeta,
      code: goodCode,
      fixtures: { 'b-second.json': goodFixture, 'a-first.json': { ...goodFixture, name: 'first' } },
    });
    const detail = await readTemplate('tiny', root);
    expect(detail.meta.stage).toEqual({ timeoutSeconds: 2 });
    expect(detail.code).toBe(goodCode);
    expect(detail.fixtures.map((f) => f.id)).toEqual(['a-first', 'b-second']);
    expect(detail.fixtures[0]?.fixture.http).toEqual([]);
    expect((await listTemplates(root)).map((m) => m.id)).toEqual(['tiny']);
  });

  it('names the file, line and column of bad JSON', async () => {
    await writeTemplate('tiny', {
      meta: '{\n  "id": "tiny",\n  "title": "Tiny"\n  "description": "x"\n}',
      code: goodCode,
    });
    const error = await listTemplates(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemplateFileError);
    const problem = error as TemplateFileError;
    expect(problem.file).toBe('tiny/template.json');
    expect(problem.line).toBe(4);
    expect(problem.message).toMatch(/^tiny\/template\.json:4:\d+: invalid JSON/);
  });

  it('names the field path of a schema violation', async () => {
    await writeTemplate('tiny', { meta: { ...goodMeta, triggers: ['PRE_LUNCH'] }, code: goodCode });
    const error = (await readTemplate('tiny', root).catch((e: unknown) => e)) as TemplateFileError;
    expect(error).toBeInstanceOf(TemplateFileError);
    expect(error.path).toBe('triggers.0');
    expect(error.message).toContain('tiny/template.json (at triggers.0)');
  });

  it('refuses a category outside the five', async () => {
    await writeTemplate('tiny', { meta: { ...goodMeta, category: 'misc' }, code: goodCode });
    const error = (await readTemplate('tiny', root).catch((e: unknown) => e)) as TemplateFileError;
    expect(error.path).toBe('category');
  });

  it('refuses an id that differs from the folder', async () => {
    await writeTemplate('tiny', { meta: { ...goodMeta, id: 'small' }, code: goodCode });
    await expect(readTemplate('tiny', root)).rejects.toThrow('id is "small" but the folder is "tiny"');
  });

  it('refuses an env key declared twice', async () => {
    await writeTemplate('tiny', {
      meta: { ...goodMeta, secrets: [{ name: 'LIMIT', description: 'again' }] },
      code: goodCode,
    });
    await expect(readTemplate('tiny', root)).rejects.toThrow('"LIMIT" is declared twice');
  });

  it('refuses code without a pipe function', async () => {
    await writeTemplate('tiny', { meta: goodMeta, code: 'function handler(user, context, cb) {}\n' });
    await expect(readTemplate('tiny', root)).rejects.toThrow(
      'tiny/tiny.js: defines no function named `pipe`',
    );
  });

  it('reports a missing function file by name', async () => {
    await writeTemplate('tiny', { meta: goodMeta });
    await expect(readTemplate('tiny', root)).rejects.toThrow('tiny/tiny.js: the file does not exist');
  });

  it('names the fixture file and field of a bad fixture', async () => {
    await writeTemplate('tiny', {
      meta: goodMeta,
      code: goodCode,
      fixtures: { 'bad.json': { ...goodFixture, expect: { outcome: 'maybe' } } },
    });
    const error = (await readTemplate('tiny', root).catch((e: unknown) => e)) as TemplateFileError;
    expect(error.file).toBe('tiny/fixtures/bad.json');
    expect(error.path).toBe('expect.outcome');
  });

  it('refuses a fixture for a trigger the template is not written for', async () => {
    await writeTemplate('tiny', {
      meta: goodMeta,
      code: goodCode,
      fixtures: { 'other.json': { ...goodFixture, trigger: 'POST_REGISTER' } },
    });
    await expect(readTemplate('tiny', root)).rejects.toThrow(
      'tiny/fixtures/other.json (at trigger): trigger "POST_REGISTER" is not one of the template\'s triggers',
    );
  });

  it('refuses unknown ids and ids that try to leave the folder', async () => {
    await writeTemplate('tiny', { meta: goodMeta, code: goodCode });
    await expect(readTemplate('nope', root)).rejects.toThrow('No template named "nope"');
    await expect(readTemplate('../tiny', root)).rejects.toThrow('No template named "../tiny"');
  });
});
