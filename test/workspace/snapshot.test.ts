import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../main/workspace/index.ts';
import { createMemorySecretStore } from '../../main/workspace/secret-stores.ts';
import { json, PASS_CODE, tempDir, writeFiles } from './temp-workspace.ts';

const stage = (name: string, extra: Record<string, unknown> = {}) => ({ name, file: `${name}.js`, ...extra });

async function workspaceWith(files: Record<string, string>) {
  const root = await tempDir();
  await writeFiles(root, { 'studio.json': json({ name: 'demo' }), ...files });
  return openWorkspace(root, { secrets: createMemorySecretStore() });
}

describe('reading a workspace', () => {
  it('lists the stages in pipeline.json order with their code, and the fixtures sorted by id', async () => {
    const ws = await workspaceWith({
      'env.json': json({ DOMAIN: 'example.com' }),
      'pipelines/PRE_REGISTER/pipeline.json': json({
        stages: [stage('second'), stage('first', { enabled: false })],
      }),
      'pipelines/PRE_REGISTER/first.js': '// first\n',
      'pipelines/PRE_REGISTER/second.js': '// second\n',
      'fixtures/PRE_REGISTER/b-case.json': json({ name: 'b', trigger: 'PRE_REGISTER' }),
      'fixtures/PRE_REGISTER/a-case.json': json({ name: 'a', trigger: 'PRE_REGISTER', user: null }),
    });
    const snapshot = await ws.read();
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.studio).toEqual({ name: 'demo', secrets: [] });
    expect(snapshot.env).toEqual({ DOMAIN: 'example.com' });
    const pre = snapshot.pipelines.find((p) => p.trigger === 'PRE_REGISTER');
    expect(pre?.stages.map((s) => [s.name, s.enabled, s.code, s.relPath])).toEqual([
      ['second', true, '// second\n', 'pipelines/PRE_REGISTER/second.js'],
      ['first', false, '// first\n', 'pipelines/PRE_REGISTER/first.js'],
    ]);
    expect(pre?.fixtures.map((f) => [f.id, f.relPath, f.fixture.name])).toEqual([
      ['a-case', 'fixtures/PRE_REGISTER/a-case.json', 'a'],
      ['b-case', 'fixtures/PRE_REGISTER/b-case.json', 'b'],
    ]);
    expect(snapshot.pipelines.map((p) => p.trigger)).toContain('PRE_OIDC_ACCESS_TOKEN_ISSUED');
  });

  it('gives line and column for bad JSON (V8 names the position)', async () => {
    const ws = await workspaceWith({
      'pipelines/PRE_REGISTER/pipeline.json':
        '{\n  "stages": [\n    { "name": "a", "file": "a.js" }\n    { "name": "b", "file": "b.js" }\n  ]\n}\n',
    });
    const { problems } = await ws.read();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'pipelines/PRE_REGISTER/pipeline.json', line: 4, column: 5 });
    expect(problems[0]?.message).toMatch(
      /^not valid JSON: Expected ',' or ']' after array element; expected an object like/,
    );
  });

  it('gives line and column for bad JSON where V8 names no position', async () => {
    const ws = await workspaceWith({ 'env.json': '{\n  "A": "1",\n  "B": tru\n}\n' });
    const { problems } = await ws.read();
    expect(problems).toEqual([
      expect.objectContaining({ file: 'env.json', line: 3, column: 11, severity: 'error' }),
    ]);
    expect(problems[0]?.message).toContain('not valid JSON');
    expect(problems[0]?.message).not.toContain('"A"');
  });

  it('reports an empty file at line 1, column 1', async () => {
    const ws = await workspaceWith({ 'fixtures/PRE_REGISTER/empty.json': '' });
    const { problems } = await ws.read();
    expect(problems).toEqual([
      expect.objectContaining({ file: 'fixtures/PRE_REGISTER/empty.json', line: 1, column: 1 }),
    ]);
    expect(problems[0]?.message).toContain('the file is empty');
  });

  it('gives the field path and what is expected for schema violations', async () => {
    const ws = await workspaceWith({
      'pipelines/PRE_REGISTER/pipeline.json': json({ stages: [stage('a', { timeoutSeconds: 99 })] }),
      'pipelines/PRE_REGISTER/a.js': PASS_CODE,
      'env.json': json({ GOOD: 'x', 'bad-key': 'y', NUM: 3 }),
    });
    const { problems } = await ws.read();
    const byFile = (file: string) => problems.filter((p) => p.file === file);
    expect(byFile('pipelines/PRE_REGISTER/pipeline.json')).toEqual([
      expect.objectContaining({ path: 'stages.0.timeoutSeconds', message: expect.stringContaining('<=60') }),
    ]);
    const env = byFile('env.json');
    expect(env.map((p) => p.path).sort()).toEqual(['NUM', 'bad-key']);
    expect(env.find((p) => p.path === 'bad-key')?.message).toBe(
      'field "bad-key": expected a name like MY_KEY',
    );
    expect(env.find((p) => p.path === 'NUM')?.message).toContain('expected string');
  });

  it('also gives the line and column of the field a schema violation names', async () => {
    const ws = await workspaceWith({
      'pipelines/PRE_REGISTER/pipeline.json':
        '{\n  "stages": [\n    { "name": "a", "file": "a.js" },\n    {\n      "name": "b",\n      "file": "b.js",\n      "timeoutSeconds": 99\n    }\n  ]\n}\n',
      'pipelines/PRE_REGISTER/a.js': PASS_CODE,
      'pipelines/PRE_REGISTER/b.js': PASS_CODE,
      'fixtures/PRE_REGISTER/nameless.json': '{\n  "trigger": "PRE_REGISTER"\n}\n',
      'env.json': '{\n  "GOOD": "x",\n  "bad-key": "y"\n}\n',
    });
    const { problems } = await ws.read();
    const where = problems.map((p) => [p.file, p.path, p.line, p.column]);
    expect(where).toEqual([
      ['env.json', 'bad-key', 3, 3],
      ['pipelines/PRE_REGISTER/pipeline.json', 'stages.1.timeoutSeconds', 7, 7],
      ['fixtures/PRE_REGISTER/nameless.json', 'name', 1, 1],
    ]);
  });

  it('keeps going with a fallback studio when studio.json is malformed', async () => {
    const ws = await workspaceWith({ 'studio.json': json({ name: '', secrets: ['ok', 'not ok'] }) });
    const snapshot = await ws.read();
    expect(snapshot.studio.secrets).toEqual([]);
    expect(snapshot.problems.map((p) => [p.file, p.path])).toEqual([
      ['studio.json', 'name'],
      ['studio.json', 'secrets.1'],
    ]);
  });

  it('reports a listed stage whose file is missing, and .js files no stage lists (as warnings, not deleted)', async () => {
    const ws = await workspaceWith({
      'pipelines/PRE_AUTHENTICATION/pipeline.json': json({ stages: [stage('gone'), stage('here')] }),
      'pipelines/PRE_AUTHENTICATION/here.js': PASS_CODE,
      'pipelines/PRE_AUTHENTICATION/stray.js': PASS_CODE,
      'pipelines/POST_REGISTER/orphan.js': PASS_CODE,
    });
    const snapshot = await ws.read();
    expect(
      snapshot.pipelines.find((p) => p.trigger === 'PRE_AUTHENTICATION')?.stages.map((s) => s.name),
    ).toEqual(['here']);
    expect(snapshot.problems).toEqual([
      expect.objectContaining({
        file: 'pipelines/POST_REGISTER/orphan.js',
        severity: 'warning',
        message: expect.stringContaining('there is no pipeline.json'),
      }),
      expect.objectContaining({
        file: 'pipelines/PRE_AUTHENTICATION/pipeline.json',
        path: 'stages.0.file',
        severity: 'error',
        message: expect.stringContaining('pipelines/PRE_AUTHENTICATION/gone.js, which does not exist'),
      }),
      expect.objectContaining({ file: 'pipelines/PRE_AUTHENTICATION/stray.js', severity: 'warning' }),
    ]);
    await expect(ws.readFile('pipelines/PRE_AUTHENTICATION/stray.js')).resolves.toBe(PASS_CODE);
  });

  it('reports duplicate stage names', async () => {
    const ws = await workspaceWith({
      'pipelines/PRE_REGISTER/pipeline.json': json({ stages: [stage('a'), stage('a')] }),
      'pipelines/PRE_REGISTER/a.js': PASS_CODE,
    });
    const { problems } = await ws.read();
    expect(problems).toEqual([expect.objectContaining({ path: 'stages.1.name' })]);
  });

  it('reports unknown trigger folders, naming the canonical trigger for an alias', async () => {
    const ws = await workspaceWith({
      'pipelines/PRE_LOGIN/a.js': PASS_CODE,
      'fixtures/PRE_OIDCTOKENISSUED/x.json': json({ name: 'x', trigger: 'PRE_OIDC_ID_TOKEN_ISSUED' }),
    });
    const { problems } = await ws.read();
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'pipelines/PRE_LOGIN',
        severity: 'warning',
        message: expect.stringContaining('"PRE_LOGIN" is not a trigger'),
      }),
      expect.objectContaining({
        file: 'fixtures/PRE_OIDCTOKENISSUED',
        message: expect.stringContaining('rename it to PRE_OIDC_ID_TOKEN_ISSUED'),
      }),
    ]);
  });

  it('reports a fixture whose trigger disagrees with its folder, and accepts an alias that agrees', async () => {
    const ws = await workspaceWith({
      'fixtures/PRE_REGISTER/wrong.json': json({ name: 'w', trigger: 'POST_REGISTER' }),
      'fixtures/PRE_OIDC_ID_TOKEN_ISSUED/alias.json': json({ name: 'a', trigger: 'PRE_OIDCTOKENISSUED' }),
    });
    const snapshot = await ws.read();
    expect(snapshot.problems).toEqual([
      expect.objectContaining({
        file: 'fixtures/PRE_REGISTER/wrong.json',
        path: 'trigger',
        message: expect.stringContaining('expected "PRE_REGISTER"'),
      }),
    ]);
    const idToken = snapshot.pipelines.find((p) => p.trigger === 'PRE_OIDC_ID_TOKEN_ISSUED');
    expect(idToken?.fixtures.map((f) => f.id)).toEqual(['alias']);
  });

  it('ignores temporary files left by an interrupted atomic write', async () => {
    const ws = await workspaceWith({
      'pipelines/PRE_REGISTER/pipeline.json': json({ stages: [] }),
      'pipelines/PRE_REGISTER/.~ps-a.js.0123456789ab.tmp': 'half',
    });
    expect((await ws.read()).problems).toEqual([]);
  });
});
