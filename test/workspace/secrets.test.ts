import { describe, expect, it } from 'vitest';
import {
  createEnvSecretStore,
  createMemorySecretStore,
  createWorkspace,
  redactSecrets,
} from '../../main/workspace/index.ts';
import type { RunResult } from '../../shared/run-result.ts';
import { allFileTexts, readText, tempDir } from './temp-workspace.ts';

const SECRET = 'sk-live-7f3a9c21e5b04d88';

describe('secrets', () => {
  it('declares names in studio.json, keeps values in the store, and lists names with hasValue only', async () => {
    const root = await tempDir();
    const store = createMemorySecretStore();
    const ws = await createWorkspace(root, { name: 's', secrets: store });
    await ws.setSecret('SLACK_TOKEN', SECRET);
    await ws.declareSecret('RISK_API_KEY');
    expect(JSON.parse(await readText(root, 'studio.json')).secrets).toEqual(['SLACK_TOKEN', 'RISK_API_KEY']);
    expect(await store.get('SLACK_TOKEN')).toBe(SECRET);
    const listed = await ws.listSecrets();
    expect(listed).toEqual([
      { name: 'SLACK_TOKEN', hasValue: true },
      { name: 'RISK_API_KEY', hasValue: false },
    ]);
    expect(JSON.stringify(listed)).not.toContain(SECRET);
    expect(await ws.secretValues()).toEqual({ SLACK_TOKEN: SECRET });
    await ws.deleteSecret('SLACK_TOKEN');
    expect(await store.get('SLACK_TOKEN')).toBeUndefined();
    expect(await ws.listSecrets()).toEqual([{ name: 'RISK_API_KEY', hasValue: false }]);
    await expect(ws.declareSecret('bad-name')).rejects.toMatchObject({ code: 'invalid-name' });
  });

  it('never writes a secret value into any file of the workspace', async () => {
    const root = await tempDir();
    const ws = await createWorkspace(root, { name: 's', secrets: createMemorySecretStore() });
    await ws.setSecret('API_KEY', SECRET);
    await ws.addStage('PRE_REGISTER', { name: 'uses-key' });
    await ws.addFixture('PRE_REGISTER', { name: 'f' }, { id: 'f' });
    const run: RunResult = {
      outcome: 'continue',
      user: { note: `token ${SECRET}` },
      context: { [SECRET]: SECRET },
      idToken: {},
      accessToken: {},
      customData: { key: SECRET },
      stages: [],
      durationMs: 1,
    };
    const saved = await ws.saveActualAsExpect('PRE_REGISTER', 'f', run);
    expect(saved.fixture.expect?.user).toEqual({ note: 'token [secret API_KEY]' });
    await expect(
      ws.writeStageCode('PRE_REGISTER', 'uses-key', `const k = '${SECRET}';`),
    ).rejects.toMatchObject({
      code: 'secret-in-content',
      message: expect.stringContaining('Read it in code as env.API_KEY instead'),
    });
    await expect(ws.writeEnv({ OTHER: SECRET })).rejects.toMatchObject({ code: 'secret-in-content' });
    await expect(ws.writeEnv({ API_KEY: 'x' })).rejects.toMatchObject({
      message: 'Not saved: API_KEY is a secret; its value belongs in the secret store, not in env.json.',
    });
    await expect(ws.writeFile('notes.txt', `my key is ${SECRET}`)).rejects.toMatchObject({
      code: 'secret-in-content',
    });
    const texts = await allFileTexts(root);
    expect(texts.length).toBeGreaterThanOrEqual(5);
    for (const text of texts) expect(text).not.toContain(SECRET);
  });

  it('reads PIPELINE_STUDIO_SECRET_<NAME> from the environment and refuses to store values there', async () => {
    const store = createEnvSecretStore({ PIPELINE_STUDIO_SECRET_API_KEY: 'from-env', PATH: '/bin' });
    expect(await store.get('API_KEY')).toBe('from-env');
    expect(await store.get('PATH')).toBeUndefined();
    expect(await store.list()).toEqual(['API_KEY']);
    await expect(store.set('API_KEY', 'x')).rejects.toMatchObject({
      code: 'read-only-secret-store',
      message: expect.stringContaining('set PIPELINE_STUDIO_SECRET_API_KEY in the environment'),
    });
    const root = await tempDir();
    const ws = await createWorkspace(root, { name: 'cli', secrets: store });
    await expect(ws.setSecret('API_KEY', 'x')).rejects.toMatchObject({ code: 'read-only-secret-store' });
    expect(JSON.parse(await readText(root, 'studio.json')).secrets).toEqual([]);
    await ws.declareSecret('API_KEY');
    expect(await ws.listSecrets()).toEqual([{ name: 'API_KEY', hasValue: true }]);
    await ws.deleteSecret('API_KEY');
    expect(await ws.listSecrets()).toEqual([]);
  });

  it('redacts secret values in strings and keys, longest first', () => {
    expect(
      redactSecrets({ a: ['abc123', 'x-abc123456-y'], abc123: 1 }, { SHORT: 'abc123', LONG: 'abc123456' }),
    ).toEqual({
      a: ['[secret SHORT]', 'x-[secret LONG]-y'],
      '[secret SHORT]': 1,
    });
    expect(redactSecrets('nothing', {})).toBe('nothing');
  });
});
