import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TriggerPipeline, WorkspaceSnapshot } from '../../shared/ipc/workspace-types.ts';
import { type Harness, startHarness } from './services-harness.ts';

let h: Harness;
let root: string;

beforeAll(async () => {
  h = await startHarness();
  root = join(h.dir, 'ws');
});
afterAll(async () => {
  await h?.close();
});

/** The PRE_AUTHENTICATION pipeline of a snapshot (every trigger is listed, in TRIGGERS order). */
function auth(snapshot: WorkspaceSnapshot): TriggerPipeline {
  const pipeline = snapshot.pipelines.find((p) => p.trigger === 'PRE_AUTHENTICATION');
  if (!pipeline) throw new Error('PRE_AUTHENTICATION is missing from the snapshot');
  return pipeline;
}

async function allFilesText(dir: string): Promise<string> {
  let text = '';
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) text += await readFile(join(entry.parentPath, entry.name), 'utf8');
  }
  return text;
}

describe('workspace calls against a temporary workspace', () => {
  it('reports the host before a workspace is open, and refuses workspace calls', async () => {
    const info = await h.call('app.info');
    expect(info).toMatchObject({
      host: 'web',
      version: '0.0.0-test',
      workspacePath: null,
      nativeDialogs: false,
    });
    expect(await h.call('dialog.pickFolder')).toBeNull();
    const error = await h.fail('workspace.snapshot');
    expect(error.code).toBe('no-workspace');
    expect(error.message).toContain('open or create one');
  });

  it('creates a workspace, remembers it, and reports it in app.info', async () => {
    const snapshot = await h.call('workspace.create', { path: root, name: 'Test space' });
    expect(snapshot.studio.name).toBe('Test space');
    expect(snapshot.root).toBe(root);
    expect((await h.call('app.info')).workspacePath).toBe(root);
    expect((await h.call('workspace.recent'))[0]).toMatchObject({ path: root, name: 'Test space' });
    const again = await h.fail('workspace.create', { path: root, name: 'x' });
    expect(again.code).toBe('conflict');
  });

  it('opens an existing workspace, and explains a folder that is not one', async () => {
    const other = join(h.dir, 'other');
    await h.call('workspace.create', { path: other, name: 'Other' });
    const reopened = await h.call('workspace.open', { path: root });
    expect(reopened.studio.name).toBe('Test space');
    expect((await h.call('workspace.recent')).map((r) => r.name)).toEqual(['Test space', 'Other']);
    const notOne = await h.fail('workspace.open', { path: h.userDataDir });
    expect(notOne.code).toBe('not-found');
    expect(notOne.message).toContain('studio.json');
    expect((await h.call('app.info')).workspacePath).toBe(root);
  });

  it('adds a blank stage whose JSDoc types pipe for IntelliSense', async () => {
    const added = await h.call('stage.add', { trigger: 'PRE_AUTHENTICATION', name: 'first' });
    expect(added.id).toBe('first');
    const stage = added.snapshot.pipelines.find((p) => p.trigger === 'PRE_AUTHENTICATION')?.stages[0];
    expect(stage?.code).toContain('@param {PipelineUser} user');
    expect(stage?.code).toContain('async function pipe(user, context, callback)');
  });

  it('adds, renames, reorders, configures and deletes stages', async () => {
    await h.call('stage.add', {
      trigger: 'PRE_AUTHENTICATION',
      name: 'second',
      code: 'function pipe(u, c, cb) { cb(null, u, c); }\n',
    });
    const renamed = await h.call('stage.rename', {
      trigger: 'PRE_AUTHENTICATION',
      from: 'second',
      to: 'renamed',
    });
    expect(renamed.id).toBe('renamed');
    const reordered = await h.call('stage.reorder', {
      trigger: 'PRE_AUTHENTICATION',
      names: ['renamed', 'first'],
    });
    const names = auth(reordered.snapshot).stages.map((s) => s.name);
    expect(names).toEqual(['renamed', 'first']);
    const set = await h.call('stage.setSettings', {
      trigger: 'PRE_AUTHENTICATION',
      name: 'renamed',
      settings: { enabled: false, timeoutSeconds: 10 },
    });
    const renamedStage = auth(set.snapshot).stages.find((s) => s.name === 'renamed');
    expect(renamedStage).toMatchObject({ enabled: false, timeoutSeconds: 10 });
    const deleted = await h.call('stage.delete', { trigger: 'PRE_AUTHENTICATION', name: 'renamed' });
    expect(auth(deleted.snapshot).stages.map((s) => s.name)).toEqual(['first']);
    const missing = await h.fail('stage.delete', { trigger: 'PRE_AUTHENTICATION', name: 'nope' });
    expect(missing.code).toBe('not-found');
  });

  it('adds, duplicates, renames, writes and deletes fixtures', async () => {
    const added = await h.call('fixture.add', { trigger: 'PRE_AUTHENTICATION', id: 'alice' });
    expect(added.id).toBe('alice');
    const copy = await h.call('fixture.duplicate', {
      trigger: 'PRE_AUTHENTICATION',
      id: 'alice',
      newId: 'bob',
    });
    expect(copy.id).toBe('bob');
    const renamed = await h.call('fixture.rename', {
      trigger: 'PRE_AUTHENTICATION',
      id: 'bob',
      newId: 'carol',
    });
    expect(renamed.id).toBe('carol');
    const written = await h.call('fixture.write', {
      trigger: 'PRE_AUTHENTICATION',
      id: 'carol',
      fixture: {
        name: 'Carol signs in',
        trigger: 'PRE_AUTHENTICATION',
        user: { email: 'carol@example.com' },
      },
    });
    const carol = auth(written.snapshot).fixtures.find((f) => f.id === 'carol');
    expect(carol?.fixture.name).toBe('Carol signs in');
    const expected = await h.call('fixture.saveActualAsExpect', {
      trigger: 'PRE_AUTHENTICATION',
      id: 'carol',
      expect: { outcome: 'deny', error: 'blocked' },
    });
    expect(auth(expected.snapshot).fixtures.find((f) => f.id === 'carol')?.fixture.expect).toEqual({
      outcome: 'deny',
      error: 'blocked',
    });
    const after = await h.call('fixture.delete', { trigger: 'PRE_AUTHENTICATION', id: 'carol' });
    expect(auth(after.snapshot).fixtures.map((f) => f.id)).toEqual(['alice']);
  });

  it('reads and writes files and env', async () => {
    expect((await h.call('file.read', { relPath: 'studio.json' })).text).toContain('Test space');
    await h.call('env.write', { env: { REGION: 'eu' } });
    expect(await h.call('env.read')).toEqual({ REGION: 'eu' });
    const written = await h.call('file.write', { relPath: 'env.json', text: '{ "REGION": "us" }\n' });
    expect(written.snapshot.env).toEqual({ REGION: 'us' });
  });

  it('marks a malformed file with its line, and refuses to edit it with that location', async () => {
    const written = await h.call('file.write', {
      relPath: 'pipelines/PRE_AUTHENTICATION/pipeline.json',
      text: '{\n  "stages": [\n    { "name": "first", "file": "first.js", }\n  ]\n}\n',
    });
    const problem = written.snapshot.problems.find(
      (p) => p.file === 'pipelines/PRE_AUTHENTICATION/pipeline.json',
    );
    expect(problem?.line).toBe(3);
    const error = await h.fail('stage.add', { trigger: 'PRE_AUTHENTICATION', name: 'third' });
    expect(error.code).toBe('invalid-file');
    expect(error.file).toBe('pipelines/PRE_AUTHENTICATION/pipeline.json');
    expect(error.line).toBe(3);
    expect(error.message).not.toMatch(/\n\s+at /);
    await h.call('file.write', {
      relPath: 'pipelines/PRE_AUTHENTICATION/pipeline.json',
      text: '{ "stages": [ { "name": "first", "file": "first.js" } ] }\n',
    });
  });

  it('keeps secret values out of every workspace file and lists only names', async () => {
    const value = 'sk-live-0123456789abcdef';
    const list = await h.call('secrets.set', { name: 'API_KEY', value });
    expect(list).toEqual([{ name: 'API_KEY', hasValue: true }]);
    expect(JSON.stringify(await h.call('secrets.list'))).not.toContain(value);
    expect(await allFilesText(root)).not.toContain(value);
    expect(await readFile(join(root, 'studio.json'), 'utf8')).toContain('API_KEY');
    expect(await h.call('secrets.delete', { name: 'API_KEY' })).toEqual([]);
  });

  it('lists templates, shows one, and adds a stage from it', async () => {
    const templates = await h.call('templates.list');
    expect(templates.length).toBeGreaterThan(5);
    const first = templates.find((t) => t.triggers.includes('PRE_REGISTER'));
    if (!first) throw new Error('no PRE_REGISTER template in the library');
    const detail = await h.call('templates.get', { id: first.id });
    expect(detail.code).toMatch(/function pipe\s*\(/);
    const added = await h.call('stage.addFromTemplate', { trigger: 'PRE_REGISTER', templateId: first.id });
    expect(added.id).toBe(first.id);
    const missing = await h.fail('templates.get', { id: 'no-such-template' });
    expect(missing).toMatchObject({ code: 'not-found' });
    expect(missing.message).toContain('no-such-template');
  });

  it('gives the editor JSON Schemas and pipeline declarations', async () => {
    const schemas = await h.call('schemas.get');
    expect(schemas.map((s) => s.fileMatch[0]).sort()).toEqual([
      'env.json',
      'fixtures/*/*.json',
      'pipelines/*/pipeline.json',
      'studio.json',
    ]);
    const pipeline = schemas.find((s) => s.fileMatch[0] === 'pipelines/*/pipeline.json');
    expect(JSON.stringify(pipeline?.schema)).toContain('timeoutSeconds');
    const types = await h.call('types.get');
    expect(types.globals.text).toContain('declare const axios');
    expect(types.utils.text).toContain('ipRangeCheck');
  });

  it('pushes workspace.changed with a fresh snapshot for an outside edit', async () => {
    const seen = h.nextEvent(
      (e) =>
        e.name === 'workspace.changed' &&
        e.payload.changes.some((c) => c.relPath === 'env.json') &&
        e.payload.snapshot.env.REGION === 'outside',
    );
    await writeFile(join(root, 'env.json'), '{ "REGION": "outside" }\n');
    const event = await seen;
    if (event.name !== 'workspace.changed') throw new Error('unexpected event');
    expect(event.payload.snapshot.env).toEqual({ REGION: 'outside' });
  });
});
