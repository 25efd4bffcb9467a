import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemorySecretStore, openWorkspace } from '../../main/workspace/index.ts';
import type { RunResult } from '../../shared/run-result.ts';
import { json, PASS_CODE, tempDir, writeFiles } from './temp-workspace.ts';

const BAD_PIPELINE = '{ "stages": [ { "name": "a", "file": "a.js" }, ] }\n';
const BAD_FIXTURE = '{\n  "name": "half written",\n  "trigger": "PRE_REGISTER",\n';
const BAD_STUDIO = '{ "name": "x", "secrets": "API_KEY" }\n';
const BAD_ENV = '{ "A": 1 }\n';

const continueResult: RunResult = {
  outcome: 'continue',
  user: null,
  context: {},
  idToken: {},
  accessToken: {},
  customData: {},
  stages: [],
  durationMs: 1,
};

async function brokenWorkspace() {
  const root = await tempDir();
  await writeFiles(root, {
    'studio.json': BAD_STUDIO,
    'env.json': BAD_ENV,
    'pipelines/PRE_REGISTER/pipeline.json': BAD_PIPELINE,
    'pipelines/PRE_REGISTER/a.js': PASS_CODE,
    'fixtures/PRE_REGISTER/broken.json': BAD_FIXTURE,
  });
  const ws = await openWorkspace(root, { secrets: createMemorySecretStore() });
  const bytes = async (rel: string) => readFile(join(root, rel));
  return { root, ws, bytes };
}

describe('a malformed file is never rewritten or lost', () => {
  it('stage operations refuse with the pipeline.json problem and leave it byte-for-byte', async () => {
    const { ws, bytes } = await brokenWorkspace();
    const before = await bytes('pipelines/PRE_REGISTER/pipeline.json');
    const attempts = [
      () => ws.addStage('PRE_REGISTER', { name: 'b' }),
      () => ws.renameStage('PRE_REGISTER', 'a', 'b'),
      () => ws.deleteStage('PRE_REGISTER', 'a'),
      () => ws.reorderStages('PRE_REGISTER', ['a']),
      () => ws.setStageSettings('PRE_REGISTER', 'a', { enabled: false }),
      () => ws.writeStageCode('PRE_REGISTER', 'a', '// lost?'),
      () => ws.addStageFromTemplate('PRE_REGISTER', 'email-domain-allowlist'),
    ];
    for (const attempt of attempts) {
      await expect(attempt()).rejects.toMatchObject({
        code: 'malformed-file',
        problems: [
          expect.objectContaining({ file: 'pipelines/PRE_REGISTER/pipeline.json', line: 1, column: 48 }),
        ],
        message: expect.stringContaining(
          "pipelines/PRE_REGISTER/pipeline.json:1:48: not valid JSON: Unexpected token ']'; expected",
        ),
      });
    }
    expect(await bytes('pipelines/PRE_REGISTER/pipeline.json')).toEqual(before);
    expect(await bytes('pipelines/PRE_REGISTER/a.js')).toEqual(Buffer.from(PASS_CODE));
  });

  it('fixture operations refuse a malformed fixture and leave it byte-for-byte', async () => {
    const { ws, bytes } = await brokenWorkspace();
    const before = await bytes('fixtures/PRE_REGISTER/broken.json');
    const attempts = [
      () => ws.writeFixture('PRE_REGISTER', 'broken', { name: 'new' }),
      () => ws.duplicateFixture('PRE_REGISTER', 'broken'),
      () => ws.saveActualAsExpect('PRE_REGISTER', 'broken', continueResult),
      () => ws.writeExpect('PRE_REGISTER', 'broken', { outcome: 'continue' }),
      () => ws.readFixture('PRE_REGISTER', 'broken'),
    ];
    for (const attempt of attempts) {
      await expect(attempt()).rejects.toMatchObject({
        code: 'malformed-file',
        problems: [
          expect.objectContaining({ file: 'fixtures/PRE_REGISTER/broken.json', line: 4, column: 1 }),
        ],
      });
    }
    expect(await bytes('fixtures/PRE_REGISTER/broken.json')).toEqual(before);
    await expect(ws.addFixture('PRE_REGISTER', { name: 'x' }, { id: 'broken' })).rejects.toMatchObject({
      code: 'already-exists',
    });
    expect(await bytes('fixtures/PRE_REGISTER/broken.json')).toEqual(before);
  });

  it('renaming a malformed fixture moves its bytes unchanged', async () => {
    const { ws, bytes } = await brokenWorkspace();
    await ws.renameFixture('PRE_REGISTER', 'broken', 'still-broken');
    expect((await bytes('fixtures/PRE_REGISTER/still-broken.json')).toString()).toBe(BAD_FIXTURE);
  });

  it('studio.json and env.json edits refuse and leave the files byte-for-byte', async () => {
    const { ws, bytes } = await brokenWorkspace();
    const studio = await bytes('studio.json');
    const env = await bytes('env.json');
    for (const attempt of [
      () => ws.declareSecret('API_KEY'),
      () => ws.setSecret('API_KEY', 'value-123456'),
    ]) {
      await expect(attempt()).rejects.toMatchObject({
        code: 'malformed-file',
        problems: [expect.objectContaining({ file: 'studio.json', path: 'secrets' })],
      });
    }
    await expect(ws.writeEnv({ B: '2' })).rejects.toMatchObject({
      code: 'malformed-file',
      problems: [expect.objectContaining({ file: 'env.json', path: 'A' })],
    });
    await expect(ws.readEnv()).rejects.toMatchObject({ code: 'malformed-file' });
    expect(await bytes('studio.json')).toEqual(studio);
    expect(await bytes('env.json')).toEqual(env);
  });

  it('the editor can still fix a malformed file by writing its text', async () => {
    const { ws } = await brokenWorkspace();
    await ws.writeFile(
      'pipelines/PRE_REGISTER/pipeline.json',
      json({ stages: [{ name: 'a', file: 'a.js' }] }),
    );
    const problems = (await ws.read()).problems.map((p) => p.file);
    expect(problems).not.toContain('pipelines/PRE_REGISTER/pipeline.json');
    await expect(ws.addStage('PRE_REGISTER', { name: 'b' })).resolves.toMatchObject({ name: 'b' });
  });
});
