import { describe, expect, it } from 'vitest';
import { createMemorySecretStore, createWorkspace } from '../../main/workspace/index.ts';
import { buildRunRequest } from '../../shared/build-run-request.ts';
import { fixtureSchema } from '../../shared/schemas/fixture.ts';
import { PASS_CODE, tempDir } from './temp-workspace.ts';

const stage = {
  name: 'a',
  file: 'a.js',
  enabled: false,
  async: true,
  timeoutSeconds: 7,
  terminateOnTimeout: true,
  description: 'd',
  relPath: 'pipelines/PRE_REGISTER/a.js',
  code: PASS_CODE,
};

describe('buildRunRequest', () => {
  it('overlays workspace env, then fixture env, then secrets, and maps relPath to path', () => {
    const fixture = fixtureSchema.parse({
      name: 'f',
      trigger: 'PRE_REGISTER',
      env: { B: 'fixture', C: 'fixture' },
    });
    const request = buildRunRequest({
      trigger: 'PRE_REGISTER',
      stages: [stage],
      fixture,
      env: { A: 'workspace', B: 'workspace', C: 'workspace' },
      secrets: { C: 'secret' },
    });
    expect(request).toEqual({
      trigger: 'PRE_REGISTER',
      stages: [
        {
          name: 'a',
          file: 'a.js',
          enabled: false,
          async: true,
          timeoutSeconds: 7,
          terminateOnTimeout: true,
          description: 'd',
          code: PASS_CODE,
          path: 'pipelines/PRE_REGISTER/a.js',
        },
      ],
      fixture,
      env: { A: 'workspace', B: 'fixture', C: 'secret' },
      secrets: { C: 'secret' },
    });
    expect(JSON.parse(JSON.stringify(request))).toEqual(request);
  });

  it('passes live options and the memory limit through', () => {
    const fixture = fixtureSchema.parse({ name: 'f', trigger: 'POST_REGISTER' });
    const live = { allowHosts: ['api.example.com'], record: true };
    const request = buildRunRequest({
      trigger: 'POST_REGISTER',
      stages: [],
      fixture,
      env: {},
      secrets: {},
      live,
      memoryLimitMb: 32,
    });
    expect(request.live).toEqual(live);
    expect(request.memoryLimitMb).toBe(32);
  });

  it('is what Workspace.buildRunRequest assembles from the files and the secret store', async () => {
    const root = await tempDir();
    const ws = await createWorkspace(root, { name: 'run', secrets: createMemorySecretStore() });
    await ws.writeEnv({ DOMAIN: 'example.com', TOKEN: 'placeholder' });
    await ws.setSecret('API_KEY', 'secret-value-1');
    await ws.addStage('PRE_REGISTER', { name: 'one', code: PASS_CODE });
    await ws.addStage('PRE_REGISTER', { name: 'two', code: PASS_CODE, settings: { enabled: false } });
    await ws.addFixture('PRE_REGISTER', { name: 'f', env: { TOKEN: 'from-fixture' } }, { id: 'f' });
    const request = await ws.buildRunRequest('PRE_REGISTER', 'f');
    expect(request.stages.map((s) => [s.name, s.enabled, s.path])).toEqual([
      ['one', true, 'pipelines/PRE_REGISTER/one.js'],
      ['two', false, 'pipelines/PRE_REGISTER/two.js'],
    ]);
    expect(request.env).toEqual({ DOMAIN: 'example.com', TOKEN: 'from-fixture', API_KEY: 'secret-value-1' });
    expect(request.secrets).toEqual({ API_KEY: 'secret-value-1' });
    expect(request.live).toBeUndefined();
    await expect(ws.buildRunRequest('PRE_REGISTER', 'f', { live: true })).rejects.toMatchObject({
      message: expect.stringContaining('Live mode is off for this workspace'),
    });
    await expect(ws.buildRunRequest('PRE_REGISTER', 'nope')).rejects.toMatchObject({ code: 'not-found' });
    await ws.writeFile('pipelines/PRE_REGISTER/pipeline.json', '{');
    await expect(ws.buildRunRequest('PRE_REGISTER', 'f')).rejects.toMatchObject({ code: 'malformed-file' });
  });
});
