import { describe, expect, it } from 'vitest';
import { createMemorySecretStore, createWorkspace } from '../../main/workspace/index.ts';
import type { RunResult } from '../../shared/run-result.ts';
import { json, listFiles, readText, tempDir, writeFiles } from './temp-workspace.ts';

async function fresh() {
  const root = await tempDir();
  const ws = await createWorkspace(root, { name: 'fixtures', secrets: createMemorySecretStore() });
  return { root, ws };
}

const result = (overrides: Partial<RunResult>): RunResult => ({
  outcome: 'continue',
  user: { id: 'u1', email: 'ana@example.com' },
  context: { protocol: 'password' },
  idToken: {},
  accessToken: {},
  customData: {},
  stages: [],
  durationMs: 2,
  ...overrides,
});

const fileOf = async (root: string, rel: string) => JSON.parse(await readText(root, rel));

describe('fixture operations', () => {
  it('adds a fixture with an id from its name, filling in the trigger', async () => {
    const { root, ws } = await fresh();
    const entry = await ws.addFixture('PRE_REGISTER', { name: 'Corporate address may register', user: null });
    expect(entry).toMatchObject({
      id: 'corporate-address-may-register',
      relPath: 'fixtures/PRE_REGISTER/corporate-address-may-register.json',
      fixture: { trigger: 'PRE_REGISTER', context: {}, env: {}, http: [] },
    });
    expect(await fileOf(root, entry.relPath)).toEqual({
      name: 'Corporate address may register',
      user: null,
      trigger: 'PRE_REGISTER',
    });
    const again = await ws.addFixture('PRE_REGISTER', { name: 'Corporate address may register' });
    expect(again.id).toBe('corporate-address-may-register-2');
  });

  it('adds a runnable example fixture when none is given', async () => {
    const { ws } = await fresh();
    const entry = await ws.addFixture('PRE_AUTHENTICATION', undefined, { id: 'example' });
    expect(entry.fixture).toMatchObject({
      trigger: 'PRE_AUTHENTICATION',
      user: { email: 'ana@example.com' },
    });
    expect((await ws.read()).problems).toEqual([]);
  });

  it('refuses an invalid fixture, a trigger that disagrees with the folder, and a bad id', async () => {
    const { root, ws } = await fresh();
    await expect(
      ws.addFixture('PRE_REGISTER', { name: 'x', now: 'yesterday' } as never, { id: 'x' }),
    ).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('field "now"') });
    await expect(
      ws.addFixture('PRE_REGISTER', { name: 'x', trigger: 'POST_REGISTER' }),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining(
        'is a PRE_REGISTER fixture, but the fixture says "trigger": "POST_REGISTER"',
      ),
    });
    await expect(ws.addFixture('PRE_REGISTER', { name: 'x' }, { id: '../x' })).rejects.toMatchObject({
      code: 'invalid-name',
    });
    expect(await listFiles(root)).toEqual(['env.json', 'studio.json']);
  });

  it('duplicates, renames and deletes fixtures', async () => {
    const { root, ws } = await fresh();
    await ws.addFixture('POST_REGISTER', { name: 'new user', user: { id: 'u1' } }, { id: 'new-user' });
    const copy = await ws.duplicateFixture('POST_REGISTER', 'new-user');
    expect(copy).toMatchObject({
      id: 'new-user-copy',
      fixture: { name: 'new user (copy)', user: { id: 'u1' } },
    });
    const copy2 = await ws.duplicateFixture('POST_REGISTER', 'new-user', { name: 'other' });
    expect(copy2.id).toBe('new-user-copy-2');
    await ws.renameFixture('POST_REGISTER', 'new-user-copy-2', 'renamed');
    await ws.deleteFixture('POST_REGISTER', 'new-user-copy');
    expect((await listFiles(root)).filter((f) => f.startsWith('fixtures/'))).toEqual([
      'fixtures/POST_REGISTER/new-user.json',
      'fixtures/POST_REGISTER/renamed.json',
    ]);
    expect((await fileOf(root, 'fixtures/POST_REGISTER/renamed.json')).name).toBe('other');
    await expect(ws.renameFixture('POST_REGISTER', 'renamed', 'new-user')).rejects.toMatchObject({
      code: 'already-exists',
    });
    await expect(ws.deleteFixture('POST_REGISTER', 'nope')).rejects.toMatchObject({
      code: 'not-found',
      message: 'No fixture "nope": fixtures/POST_REGISTER/nope.json does not exist.',
    });
    await expect(ws.duplicateFixture('POST_REGISTER', 'nope')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('writes a fixture over an existing one, keeping nothing of the old content', async () => {
    const { root, ws } = await fresh();
    await ws.addFixture('PRE_REGISTER', { name: 'a', env: { X: '1' } }, { id: 'a' });
    await ws.writeFixture('PRE_REGISTER', 'a', { name: 'a2', trigger: 'PRE_REGISTER' });
    expect(await fileOf(root, 'fixtures/PRE_REGISTER/a.json')).toEqual({
      name: 'a2',
      trigger: 'PRE_REGISTER',
    });
    await expect(ws.writeFixture('PRE_REGISTER', 'missing', { name: 'm' })).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('saves a continue run as expect: outcome, user, context, and the non-empty tokens and custom data', async () => {
    const { root, ws } = await fresh();
    await writeFiles(root, {
      'fixtures/PRE_OIDC_ID_TOKEN_ISSUED/t.json': json({
        name: 't',
        trigger: 'PRE_OIDC_ID_TOKEN_ISSUED',
        note: 'kept',
      }),
    });
    const entry = await ws.saveActualAsExpect(
      'PRE_OIDC_ID_TOKEN_ISSUED',
      't',
      result({ idToken: { role: 'admin' }, customData: { plan: 'pro' } }),
    );
    const expected = {
      outcome: 'continue',
      user: { id: 'u1', email: 'ana@example.com' },
      context: { protocol: 'password' },
      idToken: { role: 'admin' },
      customData: { plan: 'pro' },
    };
    expect(entry.fixture.expect).toEqual(expected);
    expect(await fileOf(root, 'fixtures/PRE_OIDC_ID_TOKEN_ISSUED/t.json')).toEqual({
      name: 't',
      trigger: 'PRE_OIDC_ID_TOKEN_ISSUED',
      note: 'kept',
      expect: expected,
    });
  });

  it('saves a deny run as outcome and message, and refuses a run that failed', async () => {
    const { ws } = await fresh();
    await ws.addFixture('PRE_REGISTER', { name: 'd' }, { id: 'd' });
    const denied = await ws.saveActualAsExpect(
      'PRE_REGISTER',
      'd',
      result({ outcome: 'deny', error: { message: 'Only example.com may register', stage: 'allow' } }),
    );
    expect(denied.fixture.expect).toEqual({ outcome: 'deny', error: 'Only example.com may register' });
    await expect(
      ws.saveActualAsExpect(
        'PRE_REGISTER',
        'd',
        result({ outcome: 'error', error: { message: 'boom', stage: 's' } }),
      ),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('The run failed in stage "s" (boom)'),
    });
    expect((await ws.readFixture('PRE_REGISTER', 'd')).fixture.expect?.outcome).toBe('deny');
  });
});
