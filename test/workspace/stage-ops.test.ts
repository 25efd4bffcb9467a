import { describe, expect, it } from 'vitest';
import { createMemorySecretStore, createWorkspace, WorkspaceError } from '../../main/workspace/index.ts';
import { listFiles, PASS_CODE, readText, tempDir, writeFiles } from './temp-workspace.ts';

async function fresh() {
  const root = await tempDir();
  const ws = await createWorkspace(root, { name: 'stages', secrets: createMemorySecretStore() });
  return { root, ws };
}

const pipelineOf = async (root: string, trigger = 'PRE_REGISTER') =>
  JSON.parse(await readText(root, `pipelines/${trigger}/pipeline.json`)) as {
    stages: Record<string, unknown>[];
  };

describe('stage operations', () => {
  it('adds a blank stage and a stage with code, writing pipeline.json with every setting', async () => {
    const { root, ws } = await fresh();
    const blank = await ws.addStage('PRE_REGISTER');
    expect(blank.name).toBe('stage');
    expect(blank.code).toContain('async function pipe(user, context, callback)');
    const added = await ws.addStage('PRE_REGISTER', { name: 'check-domain', code: PASS_CODE });
    expect(added).toMatchObject({ name: 'check-domain', relPath: 'pipelines/PRE_REGISTER/check-domain.js' });
    const second = await ws.addStage('PRE_REGISTER');
    expect(second.name).toBe('stage-2');
    expect(await readText(root, 'pipelines/PRE_REGISTER/check-domain.js')).toBe(PASS_CODE);
    expect((await pipelineOf(root)).stages[1]).toEqual({
      name: 'check-domain',
      file: 'check-domain.js',
      enabled: true,
      async: false,
      timeoutSeconds: 3,
      terminateOnTimeout: false,
      description: '',
    });
    const snapshot = await ws.read();
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.pipelines[0]?.stages.map((s) => s.name)).toEqual(['stage', 'check-domain', 'stage-2']);
  });

  it('accepts a trigger alias and inserts at an index', async () => {
    const { ws } = await fresh();
    await ws.addStage('PRE_OIDCTOKENISSUED', { name: 'b' });
    await ws.addStage('PRE_OIDC_ID_TOKEN_ISSUED', { name: 'a', index: 0 });
    const snapshot = await ws.read();
    const pipeline = snapshot.pipelines.find((p) => p.trigger === 'PRE_OIDC_ID_TOKEN_ISSUED');
    expect(pipeline?.stages.map((s) => s.name)).toEqual(['a', 'b']);
  });

  it('refuses invalid names, duplicates, unknown triggers and a code file that already exists', async () => {
    const { root, ws } = await fresh();
    await ws.addStage('PRE_REGISTER', { name: 'one' });
    await expect(ws.addStage('PRE_REGISTER', { name: '../evil' })).rejects.toMatchObject({
      code: 'invalid-name',
      message: expect.stringContaining('"../evil" cannot be a stage name: expected letters, digits'),
    });
    await expect(ws.addStage('PRE_REGISTER', { name: 'one' })).rejects.toMatchObject({
      code: 'already-exists',
      message: 'The PRE_REGISTER pipeline already has a stage "one"; choose another name.',
    });
    await expect(ws.addStage('PRE_LOGIN', { name: 'x' })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('"PRE_LOGIN" is not a trigger; use one of PRE_REGISTER'),
    });
    await writeFiles(root, { 'pipelines/PRE_REGISTER/loose.js': '// mine\n' });
    await expect(ws.addStage('PRE_REGISTER', { name: 'loose', code: PASS_CODE })).rejects.toMatchObject({
      code: 'already-exists',
    });
    expect(await readText(root, 'pipelines/PRE_REGISTER/loose.js')).toBe('// mine\n');
  });

  it('adopts an unlisted .js file when added without code', async () => {
    const { root, ws } = await fresh();
    await writeFiles(root, { 'pipelines/PRE_REGISTER/loose.js': '// mine\n' });
    expect((await ws.read()).problems).toHaveLength(1);
    const adopted = await ws.addStage('PRE_REGISTER', { name: 'loose' });
    expect(adopted.code).toBe('// mine\n');
    expect((await ws.read()).problems).toEqual([]);
  });

  it('renames a stage and its file, keeping its position and settings', async () => {
    const { root, ws } = await fresh();
    await ws.addStage('PRE_REGISTER', { name: 'a', code: '// a\n' });
    await ws.addStage('PRE_REGISTER', { name: 'b', code: '// b\n', settings: { timeoutSeconds: 9 } });
    await ws.addStage('PRE_REGISTER', { name: 'c' });
    const renamed = await ws.renameStage('PRE_REGISTER', 'b', 'bee');
    expect(renamed).toMatchObject({ name: 'bee', file: 'bee.js', timeoutSeconds: 9, code: '// b\n' });
    expect((await pipelineOf(root)).stages.map((s) => s.name)).toEqual(['a', 'bee', 'c']);
    const files = await listFiles(root);
    expect(files).toContain('pipelines/PRE_REGISTER/bee.js');
    expect(files).not.toContain('pipelines/PRE_REGISTER/b.js');
    await expect(ws.renameStage('PRE_REGISTER', 'a', 'c')).rejects.toMatchObject({ code: 'already-exists' });
    await expect(ws.renameStage('PRE_REGISTER', 'zzz', 'y')).rejects.toMatchObject({
      code: 'not-found',
      message:
        'Cannot rename the stage "zzz": the PRE_REGISTER pipeline has no stage "zzz" (stages: a, bee, c).',
    });
    await expect(ws.renameStage('PRE_REGISTER', 'a', 'no/slash')).rejects.toMatchObject({
      code: 'invalid-name',
    });
  });

  it('deletes a stage and its file', async () => {
    const { root, ws } = await fresh();
    await ws.addStage('POST_REGISTER', { name: 'a' });
    await ws.addStage('POST_REGISTER', { name: 'b' });
    await ws.deleteStage('POST_REGISTER', 'a');
    expect((await pipelineOf(root, 'POST_REGISTER')).stages.map((s) => s.name)).toEqual(['b']);
    expect(await listFiles(root)).not.toContain('pipelines/POST_REGISTER/a.js');
    await expect(ws.deleteStage('POST_REGISTER', 'a')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('reorders stages, and refuses a list that is not a permutation', async () => {
    const { root, ws } = await fresh();
    for (const name of ['a', 'b', 'c']) await ws.addStage('PRE_REGISTER', { name });
    await ws.reorderStages('PRE_REGISTER', ['c', 'a', 'b']);
    expect((await pipelineOf(root)).stages.map((s) => s.name)).toEqual(['c', 'a', 'b']);
    await expect(ws.reorderStages('PRE_REGISTER', ['a', 'b'])).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('missing: c'),
    });
    await expect(ws.reorderStages('PRE_REGISTER', ['a', 'b', 'c', 'd'])).rejects.toMatchObject({
      message: expect.stringContaining('unknown: d'),
    });
    await expect(ws.reorderStages('PRE_REGISTER', ['a', 'a', 'b', 'c'])).rejects.toBeInstanceOf(
      WorkspaceError,
    );
    expect((await pipelineOf(root)).stages.map((s) => s.name)).toEqual(['c', 'a', 'b']);
  });

  it('sets enabled, async, timeout, terminateOnTimeout and description, validating them', async () => {
    const { root, ws } = await fresh();
    await ws.addStage('PRE_AUTHENTICATION', { name: 'a' });
    const updated = await ws.setStageSettings('PRE_AUTHENTICATION', 'a', {
      enabled: false,
      async: true,
      timeoutSeconds: 10,
      terminateOnTimeout: true,
      description: 'why',
    });
    expect(updated).toMatchObject({
      enabled: false,
      async: true,
      timeoutSeconds: 10,
      terminateOnTimeout: true,
    });
    expect((await pipelineOf(root, 'PRE_AUTHENTICATION')).stages[0]).toMatchObject({
      description: 'why',
      async: true,
    });
    await expect(
      ws.setStageSettings('PRE_AUTHENTICATION', 'a', { timeoutSeconds: 61 }),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('"timeoutSeconds"'),
    });
    expect((await pipelineOf(root, 'PRE_AUTHENTICATION')).stages[0]).toMatchObject({ timeoutSeconds: 10 });
  });

  it('keeps keys it does not know when rewriting pipeline.json', async () => {
    const { root, ws } = await fresh();
    await writeFiles(root, {
      'pipelines/PRE_REGISTER/pipeline.json': JSON.stringify({
        comment: 'kept',
        stages: [{ name: 'a', file: 'a.js', owner: 'team-x' }],
      }),
      'pipelines/PRE_REGISTER/a.js': PASS_CODE,
    });
    await ws.setStageSettings('PRE_REGISTER', 'a', { enabled: false });
    expect(await pipelineOf(root)).toEqual({
      comment: 'kept',
      stages: [{ name: 'a', file: 'a.js', owner: 'team-x', enabled: false }],
    });
  });

  it('serialises concurrent changes so none is lost', async () => {
    const { root, ws } = await fresh();
    const names = Array.from({ length: 8 }, (_, i) => `s${i}`);
    await Promise.all(names.map((name) => ws.addStage('PRE_REGISTER', { name })));
    await Promise.all([
      ws.setStageSettings('PRE_REGISTER', 's1', { enabled: false }),
      ws.setStageSettings('PRE_REGISTER', 's2', { timeoutSeconds: 9 }),
      ws.renameStage('PRE_REGISTER', 's3', 'three'),
    ]);
    const stages = (await pipelineOf(root)).stages;
    expect(stages.map((s) => s.name)).toEqual(['s0', 's1', 's2', 'three', 's4', 's5', 's6', 's7']);
    expect(stages[1]).toMatchObject({ enabled: false });
    expect(stages[2]).toMatchObject({ timeoutSeconds: 9 });
  });

  it('reads and writes stage code', async () => {
    const { ws } = await fresh();
    await ws.addStage('PRE_REGISTER', { name: 'a' });
    await ws.writeStageCode('PRE_REGISTER', 'a', '// new\n');
    expect(await ws.readStageCode('PRE_REGISTER', 'a')).toBe('// new\n');
    await expect(ws.readStageCode('PRE_REGISTER', 'nope')).rejects.toMatchObject({ code: 'not-found' });
    await expect(ws.writeStageCode('PRE_REGISTER', 'nope', '')).rejects.toMatchObject({ code: 'not-found' });
  });
});
